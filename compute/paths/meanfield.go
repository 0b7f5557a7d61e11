package paths

import (
	"math/rand/v2"
	"slices"

	"github.com/overparam/overparam/compute/nn"
)

// MeanField returns the two-layer mean-field network f(x) = (1/N) Σᵢ aᵢ σ(wᵢᵀx)
// with input dimension d, n neurons, activation act and loss: nn.Arch with
// Sizes [d, n, 1], OutScale 1/n and no biases. Its θ is W (n×d, row-major)
// followed by a. Initialise it with nn.InitMeanField. It panics if d or n is
// less than 1.
func MeanField(d, n int, act nn.Activation, loss nn.Loss) *nn.Arch {
	if d < 1 || n < 1 {
		panic("paths: MeanField needs d ≥ 1 and n ≥ 1")
	}
	return &nn.Arch{Sizes: []int{d, n, 1}, Act: act, Loss: loss, OutScale: 1 / float64(n), NoBias: true}
}

// neurons returns the views W (N×d) and a (N) of θ of the mean-field
// network arch — θ is W_1 then W_2 = aᵀ in nn's layout, without biases — and
// N and d. It panics if arch is not one (see MeanField) or θ has the wrong
// length.
func neurons(arch *nn.Arch, theta []float64) (w, a []float64, n, d int) {
	if len(arch.Sizes) != 3 || arch.Sizes[2] != 1 || !arch.NoBias || arch.Scale() != 1/float64(arch.Sizes[1]) {
		panic("paths: the network is not a two-layer mean-field network (see MeanField)")
	}
	n, d = arch.Sizes[1], arch.Sizes[0]
	if len(theta) != n*d+n {
		panic("paths: parameter vector length differs from Arch.NumParams")
	}
	return theta[:n*d], theta[n*d:], n, d
}

// KeepTo sets dst to θ of the mean-field network arch with only the M
// neurons in keep: aᵢ → (N/M)·aᵢ for i ∈ keep and aᵢ → 0 otherwise, W
// unchanged, so that f_dst(x) = (1/M) Σ_{i∈keep} aᵢ σ(wᵢᵀx). dst may alias θ.
// It panics if keep is empty, holds an index outside [0, N) or a repeat.
func KeepTo(dst []float64, arch *nn.Arch, theta []float64, keep []int) {
	_, a, n, _ := neurons(arch, theta)
	if len(dst) != len(theta) {
		panic("paths: KeepTo length mismatch")
	}
	kept := keepMask(keep, n)
	copy(dst, theta)
	_, da, _, _ := neurons(arch, dst)
	scale := float64(n) / float64(len(keep))
	for i := range da {
		if kept[i] {
			da[i] = scale * a[i]
		} else {
			da[i] = 0
		}
	}
}

// Subnetwork returns the M-neuron mean-field network of the neurons in keep
// (in the order given) and its θ: rows wᵢ and weights aᵢ for i ∈ keep, with
// output scale 1/M. Its output equals that of KeepTo's network; evaluating
// it costs M/N as much. It panics as KeepTo does.
func Subnetwork(arch *nn.Arch, theta []float64, keep []int) (*nn.Arch, []float64) {
	w, a, n, d := neurons(arch, theta)
	keepMask(keep, n)
	m := len(keep)
	out := make([]float64, m*d+m)
	for j, i := range keep {
		copy(out[j*d:(j+1)*d], w[i*d:(i+1)*d])
		out[m*d+j] = a[i]
	}
	return MeanField(d, m, arch.Act, arch.Loss), out
}

// keepMask checks keep against n neurons and returns it as a mask.
func keepMask(keep []int, n int) []bool {
	if len(keep) == 0 {
		panic("paths: no neuron kept")
	}
	mask := make([]bool, n)
	for _, i := range keep {
		if i < 0 || i >= n || mask[i] {
			panic("paths: kept neuron index out of range or repeated")
		}
		mask[i] = true
	}
	return mask
}

// Half returns the neurons of half-dropout of an N-neuron network: the first
// half 0 … N/2−1, or with second the rest, N/2 … N−1. It panics if N is odd
// or less than 2.
func Half(n int, second bool) []int {
	if n < 2 || n%2 != 0 {
		panic("paths: half-dropout needs an even number of neurons")
	}
	keep := make([]int, n/2)
	for j := range keep {
		keep[j] = j
		if second {
			keep[j] += n / 2
		}
	}
	return keep
}

// RandomKeep draws m of n neurons uniformly without replacement from r, by
// a partial Fisher–Yates shuffle, and returns them ascending. It panics
// unless 1 ≤ m ≤ n.
func RandomKeep(r *rand.Rand, n, m int) []int {
	if m < 1 || m > n {
		panic("paths: RandomKeep needs 1 ≤ m ≤ n")
	}
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	for i := range m {
		j := i + r.IntN(n-i)
		perm[i], perm[j] = perm[j], perm[i]
	}
	keep := perm[:m]
	slices.Sort(keep)
	return keep
}

// Piecewise returns the five-segment path of Shevchenko & Mondelli (2020)
// from θ to θ′, two networks of the mean-field architecture arch with an
// even number N of neurons and h = N/2, as the six vertices
//
//	v₀ = (w, a)                            θ
//	v₁ = (w, (2a_{≤h}, 0))                 half-dropout of θ, first half
//	v₂ = ((w_{≤h}, w′_{>h}), (2a_{≤h}, 0))  same loss as v₁
//	v₃ = ((w_{≤h}, w′_{>h}), (0, 2a′_{>h})) half-dropout of θ′, second half
//	v₄ = (w′, (0, 2a′_{>h}))               same loss as v₃
//	v₅ = (w′, a′)                          θ′
//
// The vertices are new slices. It panics if N is odd or the lengths differ.
func Piecewise(arch *nn.Arch, theta, thetaPrime []float64) Polygon {
	w, a, n, d := neurons(arch, theta)
	w2, a2, _, _ := neurons(arch, thetaPrime)
	if n%2 != 0 {
		panic("paths: half-dropout needs an even number of neurons")
	}
	h, nd := n/2, n*d
	v := make(Polygon, 6)
	for k := range v {
		vk := make([]float64, len(theta))
		// W: w_{≤h} moves on segment 4 (k ≥ 4), w_{>h} on segment 2 (k ≥ 2).
		copy(vk[:h*d], pick(k < 4, w, w2)[:h*d])
		copy(vk[h*d:nd], pick(k < 2, w, w2)[h*d:])
		// a: a, then (2a_{≤h}, 0) for k = 1, 2, then (0, 2a′_{>h}) for
		// k = 3, 4, then a′.
		va := vk[nd:]
		for i := range va {
			switch {
			case k == 0:
				va[i] = a[i]
			case k == 5:
				va[i] = a2[i]
			case k <= 2 && i < h:
				va[i] = 2 * a[i]
			case k >= 3 && i >= h:
				va[i] = 2 * a2[i]
			}
		}
		v[k] = vk
	}
	return v
}

func pick(first bool, x, y []float64) []float64 {
	if first {
		return x
	}
	return y
}
