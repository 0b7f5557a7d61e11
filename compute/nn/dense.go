package nn

import (
	"fmt"

	"github.com/overparam/overparam/compute/spectrum"
)

// DenseCurvature returns the dense n×n matrix H of the operator c, n =
// c.Dim(), row-major with Hᵢⱼ at h[i·n+j] and both triangles filled, built
// column by column from n products with the unit vectors and symmetrized as
// (H + Hᵀ)/2 by spectrum.DenseOfAsym. It also returns the largest asymmetry
// max |Hᵢⱼ − Hⱼᵢ| before symmetrization (a check on the products). It fails
// for more than MaxDenseParams parameters.
//
// spectrum.Sym{N: n, Data: h} is the matrix as a spectrum operator, for
// spectrum.DenseEigenvalues.
func DenseCurvature(c *Curvature) (h []float64, asym float64, err error) {
	n := c.Dim()
	if n > MaxDenseParams {
		return nil, 0, fmt.Errorf("nn: a dense Hessian of %d parameters needs %d MB; the limit is %d parameters", n, int64(n)*int64(n)*8/1e6, MaxDenseParams)
	}
	a, asym := spectrum.DenseOfAsym(c)
	return a.Data, asym, nil
}
