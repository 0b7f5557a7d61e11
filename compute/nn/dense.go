package nn

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// MaxDenseParams is the largest parameter count for which DenseCurvature
// builds a dense matrix (5,000² float64s = 200 MB).
const MaxDenseParams = 5000

// DenseCurvature returns the dense n×n matrix of the operator c, built column
// by column from n products with the unit vectors, and the largest asymmetry
// max |Hᵢⱼ − Hⱼᵢ| before symmetrisation (a check on the products). It fails
// for more than MaxDenseParams parameters.
func DenseCurvature(c *Curvature) (*mat.SymDense, float64, error) {
	n := c.Dim()
	if n > MaxDenseParams {
		return nil, 0, fmt.Errorf("nn: a dense Hessian of %d parameters needs %d MB; the limit is %d parameters", n, int64(n)*int64(n)*8/1e6, MaxDenseParams)
	}
	cols := mat.NewDense(n, n, nil)
	e := make([]float64, n)
	col := make([]float64, n)
	for j := 0; j < n; j++ {
		e[j] = 1
		c.MulVecTo(col, e)
		e[j] = 0
		cols.SetCol(j, col)
	}
	h := mat.NewSymDense(n, nil)
	var asym float64
	for i := 0; i < n; i++ {
		for j := i; j < n; j++ {
			x, y := cols.At(i, j), cols.At(j, i)
			asym = max(asym, abs(x-y))
			h.SetSym(i, j, (x+y)/2)
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
