package nn

import "github.com/overparam/overparam/compute/fmath"

// outputLoss evaluates the loss of one sample with output f (already scaled
// by OutScale) and writes g = ∂ℓ/∂f. For cross-entropy it also leaves
// p = softmax(f) in p, which the output Hessian needs. target is the class
// label for cross-entropy, y the target row for squared error (yRow == nil
// with a label means a one-hot target).
func outputLoss(loss Loss, g, p, f []float64, label int, yRow []float64) float64 {
	switch loss {
	case CrossEntropy:
		// ℓ = log Σ e^{f_j} − f_y, computed with the maximum shifted out.
		m := f[0]
		for _, v := range f[1:] {
			m = max(m, v)
		}
		var sum float64
		for j, v := range f {
			e := fmath.Exp(v - m)
			p[j] = e
			sum += e
		}
		inv := 1 / sum
		for j := range p {
			p[j] *= inv
			g[j] = p[j] // ∂ℓ/∂f = p − e_y
		}
		g[label] -= 1
		return fmath.Log(sum) + m - f[label]
	case Squared:
		var l float64
		for j, v := range f {
			var y float64
			if yRow != nil {
				y = yRow[j]
			} else if j == label {
				y = 1
			}
			r := v - y
			g[j] = r // ∂ℓ/∂f = f − y
			l += float64(r * r)
		}
		return 0.5 * l
	}
	panic("nn: unknown loss")
}

// outputHessianMul sets dst = H_f u for one sample, where H_f = ∂²ℓ/∂f² is
// diag(p) − ppᵀ for cross-entropy and the identity for squared error.
func outputHessianMul(loss Loss, dst, p, u []float64) {
	switch loss {
	case CrossEntropy:
		var pu float64
		for j := range u {
			pu += float64(p[j] * u[j])
		}
		for j := range u {
			dst[j] = p[j] * (u[j] - pu) // (diag(p) − ppᵀ)u = p ⊙ (u − pᵀu)
		}
	case Squared:
		copy(dst, u)
	default:
		panic("nn: unknown loss")
	}
}
