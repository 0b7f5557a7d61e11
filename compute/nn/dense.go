package nn

import "fmt"

// MaxDenseParams is the largest parameter count for which DenseCurvature
// builds a dense matrix (5,000² float64s = 200 MB).
const MaxDenseParams = 5000

// DenseCurvature returns the dense n×n matrix H of the operator c, n =
// c.Dim(), row-major with Hᵢⱼ at h[i·n+j] and both triangles filled, built
// column by column from n products with the unit vectors and symmetrized as
// (H + Hᵀ)/2. It also returns the largest asymmetry max |Hᵢⱼ − Hⱼᵢ| before
// symmetrization (a check on the products). It fails for more than
// MaxDenseParams parameters.
//
// spectrum.Sym{N: n, Data: h} is the matrix as a spectrum operator, for
// spectrum.DenseEigenvalues.
func DenseCurvature(c *Curvature) (h []float64, asym float64, err error) {
	n := c.Dim()
	if n > MaxDenseParams {
		return nil, 0, fmt.Errorf("nn: a dense Hessian of %d parameters needs %d MB; the limit is %d parameters", n, int64(n)*int64(n)*8/1e6, MaxDenseParams)
	}
	// Row j of h first holds H·e_j, column j of H: h[j·n+i] = Hᵢⱼ.
	h = make([]float64, n*n)
	e := make([]float64, n)
	for j := 0; j < n; j++ {
		e[j] = 1
		c.MulVecTo(h[j*n:(j+1)*n], e)
		e[j] = 0
	}
	// Symmetrize in place: h[i·n+j] = h[j·n+i] = (Hᵢⱼ + Hⱼᵢ)/2.
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			x, y := h[j*n+i], h[i*n+j]
			asym = max(asym, abs(x-y))
			v := (x + y) / 2
			h[i*n+j], h[j*n+i] = v, v
		}
	}
	return h, asym, nil
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}
