package run

import (
	"math"

	"github.com/overparam/overparam/compute/fmath"
)

// fft replaces (re, im), of a power-of-two length P, by its discrete
// Fourier transform X_k = Σ_t x_t e^{∓2πikt/P} (− forward, + inverse,
// unscaled), by the iterative radix-2 Cooley–Tukey algorithm. Each twiddle
// factor is computed from fmath's cos and sin of its own angle, not by a
// recurrence, so its error does not grow with P.
func fft(re, im []float64, inverse bool) {
	n := len(re)
	if n&(n-1) != 0 || len(im) != n {
		panic("run: fft needs two slices of one power-of-two length")
	}
	for i, j := 1, 0; i < n; i++ { // bit-reversal permutation
		bit := n >> 1
		for ; j&bit != 0; bit >>= 1 {
			j ^= bit
		}
		j |= bit
		if i < j {
			re[i], re[j] = re[j], re[i]
			im[i], im[j] = im[j], im[i]
		}
	}
	sign := -1.0
	if inverse {
		sign = 1
	}
	for size := 2; size <= n; size <<= 1 {
		half := size >> 1
		for k := range half {
			angle := float64(sign*2*math.Pi) * float64(k) / float64(size)
			wr, wi := fmath.Cos(angle), fmath.Sin(angle)
			for start := 0; start < n; start += size {
				a, b := start+k, start+k+half
				tr := float64(wr*re[b]) - float64(wi*im[b])
				ti := float64(wr*im[b]) + float64(wi*re[b])
				re[b], im[b] = re[a]-tr, im[a]-ti
				re[a], im[a] = re[a]+tr, im[a]+ti
			}
		}
	}
}

// nextPow2 returns the least power of two ≥ n.
func nextPow2(n int) int {
	p := 1
	for p < n {
		p <<= 1
	}
	return p
}
