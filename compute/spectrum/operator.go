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

// MulVecTo sets dst = A·x. It panics if len(dst) or len(x) differs from the
// order of A.
//
// It reads the upper triangle row by row, in plain Go with a fixed order of
// operations, rather than calling gonum's Dsymv (assembly on amd64, pure Go in
// js/wasm), so the product has the same bits in the browser and natively:
//
//	y_i += Σ_{j≥i} a_ij x_j,   y_j += a_ij x_i (j > i)
func (d Dense) MulVecTo(dst, x []float64) {
	n := d.Dim()
	if len(dst) != n || len(x) != n {
		panic(msgDenseLen)
	}
	raw := d.A.RawSymmetric()
	clear(dst)
	for i := range n {
		row := raw.Data[i*raw.Stride+i : i*raw.Stride+n]
		xi := x[i]
		s0 := float64(row[0] * xi)
		var s1 float64
		r := row[1:]
		xs, ys := x[i+1:][:len(r)], dst[i+1:][:len(r)]
		j := 0
		for ; j+2 <= len(r); j += 2 {
			a, u, v := r[j:j+2:j+2], xs[j:j+2:j+2], ys[j:j+2:j+2]
			s0 += float64(a[0] * u[0])
			s1 += float64(a[1] * u[1])
			v[0] += float64(a[0] * xi)
			v[1] += float64(a[1] * xi)
		}
		if j < len(r) {
			s0 += float64(r[j] * xs[j])
			ys[j] += float64(r[j] * xi)
		}
		dst[i] += s0 + s1
	}
}
