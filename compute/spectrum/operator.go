package spectrum

import "gonum.org/v1/gonum/mat"

// Operator is a symmetric linear operator on ℝⁿ: the Hessian of a loss, its
// Gauss-Newton approximation, or a dense symmetric matrix. Lanczos and the
// estimators in this package depend only on this interface.
type Operator interface {
	// Dim returns n, the dimension of the space the operator acts on.
	Dim() int
	// MulVecTo sets dst = A·x. dst and x have length Dim and do not alias.
	MulVecTo(dst, x []float64)
}

// Dense adapts a symmetric gonum matrix to Operator.
type Dense struct {
	A *mat.SymDense
}

// Dim returns the order of the matrix.
func (d Dense) Dim() int { return d.A.SymmetricDim() }

// MulVecTo sets dst = A·x.
func (d Dense) MulVecTo(dst, x []float64) {
	n := d.Dim()
	if len(dst) != n || len(x) != n {
		panic("spectrum: Dense.MulVecTo length mismatch")
	}
	mat.NewVecDense(n, dst).MulVec(d.A, mat.NewVecDense(n, x))
}
