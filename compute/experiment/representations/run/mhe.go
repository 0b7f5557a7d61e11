package run

import (
	"math"

	"github.com/overparam/overparam/compute/fmath"
)

// Energy is the hyperspherical energy of the rows of w (n×m, row-major;
// each row a unit's incoming weights and bias), after normalising each
// row to the unit sphere S^{m−1} (Liu et al. 2018, eq. 1, with each
// unordered pair counted once, Thomson's convention):
//
//	E_s = Σ_{i<j} f_s(‖ŵ_i − ŵ_j‖),  f_0(r) = −log r,  f_s(r) = r^{−s} (s = 1, 2).
//
// With halfSpace the energy is that of the 2n points ±ŵ_i (Liu et al.
// §3.5, half-space MHE), pairs (ŵ_i, −ŵ_i) included. If grad is not nil it
// is set to ∂E/∂w (n×m). A zero row, or two coinciding points, make E
// infinite (the gradient is then not meaningful).
func Energy(grad, w []float64, n, m, s int, halfSpace bool) float64 {
	if len(w) != n*m || (grad != nil && len(grad) != n*m) {
		panic("run: Energy: w is not n×m")
	}
	u := make([]float64, n*m)
	norm := make([]float64, n)
	for i := range n {
		row := w[i*m : (i+1)*m]
		norm[i] = math.Sqrt(dot(row, row))
		for k := range m {
			u[i*m+k] = row[k] / norm[i]
		}
	}
	// The point set: ŵ_i, then −ŵ_i for the half space.
	pts := n
	if halfSpace {
		pts = 2 * n
	}
	point := func(p int) ([]float64, float64) {
		if p < n {
			return u[p*m : (p+1)*m], 1
		}
		return u[(p-n)*m : (p-n+1)*m], -1
	}
	gu := make([]float64, n*m) // ∂E/∂ŵ_i
	diff := make([]float64, m)
	var e float64
	for p := range pts {
		up, sp := point(p)
		for q := p + 1; q < pts; q++ {
			uq, sq := point(q)
			var r2 float64
			for k := range m {
				diff[k] = float64(sp*up[k]) - float64(sq*uq[k])
				r2 += float64(diff[k] * diff[k])
			}
			r := math.Sqrt(r2)
			var f, dfr float64 // f_s(r) and f_s'(r)/r
			switch s {
			case 0:
				f, dfr = -fmath.Log(r), -1/r2
			case 1:
				f, dfr = 1/r, -1/float64(r2*r)
			default:
				f, dfr = 1/r2, -2/float64(r2*r2)
			}
			e += f
			if grad == nil {
				continue
			}
			// ∂f/∂x_p = f'(r)(x_p − x_q)/r, and x_p = s_p ŵ_{owner(p)}.
			op, oq := p%n, q%n
			for k := range m {
				g := float64(dfr * diff[k])
				gu[op*m+k] += float64(sp * g)
				gu[oq*m+k] -= float64(sq * g)
			}
		}
	}
	if grad != nil {
		// ∂ŵ/∂w = (I − ŵŵᵀ)/‖w‖.
		for i := range n {
			ui, gi := u[i*m:(i+1)*m], gu[i*m:(i+1)*m]
			c := dot(ui, gi)
			for k := range m {
				grad[i*m+k] = (gi[k] - float64(c*ui[k])) / norm[i]
			}
		}
	}
	return e
}
