package run

import (
	"math"

	"github.com/overparam/overparam/compute/fmath"
)

// repulsion returns FoRDE's repulsion of member i and its gradient with
// respect to member i's unit input gradients (Trinh et al. 2024, eq. 9 and
// train_forde.py):
//
//	R_i = log Σ_{j,b} exp(−‖ŝ_i(x_b) − ŝ_j(x_b)‖²/h_jb) − log B,
//
// over all M members j (i included) and the B batch points, with the other
// members' ŝ_j held fixed (stop-gradient). shat[j] holds member j's unit
// gradients, B rows of d; h holds the bandwidths h_b. gs (B×d) receives
// ∂R_i/∂ŝ_i.
func repulsion(gs []float64, shat [][]float64, h []float64, i, d int) float64 {
	m := len(shat)
	b := len(h) / m
	e := make([]float64, m*b) // −d²_ijb/h_jb
	top := math.Inf(-1)
	for j := range m {
		for k := range b {
			var d2 float64
			for c := range d {
				t := shat[i][k*d+c] - shat[j][k*d+c]
				d2 += float64(t * t)
			}
			e[j*b+k] = -d2 / h[j*b+k]
			top = max(top, e[j*b+k])
		}
	}
	var sum float64
	for _, v := range e {
		sum += fmath.Exp(v - top)
	}
	clear(gs)
	for j := range m {
		if j == i {
			continue // ∂/∂ŝ_i of ‖ŝ_i − sg(ŝ_i)‖² is 0 at ŝ_i = sg(ŝ_i)
		}
		for k := range b {
			w := fmath.Exp(e[j*b+k]-top) / sum
			c2 := float64(-2*w) / h[j*b+k]
			for c := range d {
				gs[k*d+c] += float64(c2 * (shat[i][k*d+c] - shat[j][k*d+c]))
			}
		}
	}
	return top + fmath.Log(sum) - fmath.Log(float64(b))
}

// bandwidths returns h_jb = median over members i of
// ‖ŝ_i(x_b) − ŝ_j(x_b)‖² (i = j included), divided by log M, plus 1e-12
// — train_forde.py's get_repulsive_term: jnp.median(sqdist, 0) / log M —
// as an M×B array (row j); 1 for M = 1, where log M = 0.
func bandwidths(shat [][]float64, b, d int) []float64 {
	m := len(shat)
	h := make([]float64, m*b)
	col := make([]float64, m)
	for j := range m {
		for k := range b {
			h[j*b+k] = 1
			if m < 2 {
				continue
			}
			for i := range m {
				var d2 float64
				for c := range d {
					t := shat[i][k*d+c] - shat[j][k*d+c]
					d2 += float64(t * t)
				}
				col[i] = d2
			}
			h[j*b+k] = median(col)/fmath.Log(float64(m)) + 1e-12
		}
	}
	return h
}

// median returns the median of xs (the mean of the middle two for an even
// count), sorting xs in place by insertion (the lists are short).
func median(xs []float64) float64 {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// unitTo sets dst = s/‖s‖ and returns ‖s‖ (dst = 0 when s = 0).
func unitTo(dst, s []float64) float64 {
	norm := math.Sqrt(dot(s, s))
	for c := range s {
		dst[c] = 0
		if norm > 0 {
			dst[c] = s[c] / norm
		}
	}
	return norm
}

// addRepulsionGrad adds scale·∇_θ R_i for member i to grad: for each batch
// point the upstream g = ∂R_i/∂ŝ_i is taken through the normalisation,
// v = (I − ŝŝᵀ)g/‖s‖, then through the input gradient by double
// backpropagation (tanhNet.addDirectionalGrad). norms[b] is ‖s_i(x_b)‖.
func addRepulsionGrad(net *tanhNet, grad, theta []float64, xs []float64, ys []int, shat [][]float64, norms, h []float64, i, d int, scale float64) float64 {
	b := len(ys)
	gs := make([]float64, b*d)
	r := repulsion(gs, shat, h, i, d)
	v := make([]float64, d)
	for k := range b {
		if norms[k] == 0 {
			continue
		}
		u, g := shat[i][k*d:(k+1)*d], gs[k*d:(k+1)*d]
		c := dot(u, g)
		for j := range d {
			v[j] = (g[j] - float64(c*u[j])) / norms[k]
		}
		net.forward(theta, xs[k*d:(k+1)*d])
		net.addDirectionalGrad(grad, theta, v, ys[k], scale)
	}
	return r
}
