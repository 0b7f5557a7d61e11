package lstsq

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/kernel"
)

// ErrSingular means a matrix was singular, or not positive definite, to
// working precision.
var ErrSingular = errors.New("singular matrix")

// Ridge returns β̂_μ = (XᵀX + μI)⁻¹Xᵀy for each penalty μ ≥ 0 in mus, for the
// row-major n×p matrix X and y of length n. μ = 0 gives the minimum-norm
// least-squares solution X⁺y when X has full rank. The Gram matrix of the
// smaller side is computed once (see the package documentation). It returns
// an error wrapping ErrSingular, naming μ, if a system is not positive
// definite to working precision, and panics on a shape mismatch or a
// negative μ.
func Ridge(x []float64, n, p int, y []float64, mus []float64) ([][]float64, error) {
	if n < 1 || p < 1 || len(x) != n*p || len(y) != n {
		panic("lstsq: Ridge shape mismatch")
	}
	xt := make([]float64, p*n)
	kernel.TransposeTo(xt, x, n, p)
	m := min(n, p)
	gram := make([]float64, m*m)
	rhs := make([]float64, m)
	if p <= n {
		kernel.MulTo(gram, xt, x, p, n, p) // XᵀX
		kernel.MulTo(rhs, xt, y, p, n, 1)  // Xᵀy
	} else {
		kernel.MulTo(gram, x, xt, n, p, n) // XXᵀ
		copy(rhs, y)
	}
	out := make([][]float64, len(mus))
	a := make([]float64, m*m)
	for k, mu := range mus {
		if !(mu >= 0) {
			panic("lstsq: Ridge needs penalties μ ≥ 0")
		}
		copy(a, gram)
		for i := range m {
			a[i*m+i] += mu
		}
		if err := Cholesky(a, m); err != nil {
			return nil, fmt.Errorf("ridge μ = %g: %w", mu, err)
		}
		sol := append([]float64(nil), rhs...)
		CholeskySolve(a, m, sol)
		if p <= n {
			out[k] = sol
			continue
		}
		beta := make([]float64, p)
		kernel.MulTo(beta, xt, sol, p, n, 1) // Xᵀα
		out[k] = beta
	}
	return out, nil
}

// Cholesky overwrites the lower triangle of the symmetric positive definite
// n×n matrix a with its Cholesky factor L, A = LLᵀ, reading only the lower
// triangle; the strict upper triangle is left as it was. It works row by row,
//
//	L_ij = (a_ij − Σ_{k<j} L_ik L_jk) / L_jj,  L_ii = √(a_ii − Σ_{k<i} L_ik²),
//
// with each sum taken for k ascending. It returns an error wrapping
// ErrSingular, naming the column, when a pivot is not positive.
func Cholesky(a []float64, n int) error {
	if n < 0 || len(a) != n*n {
		panic("lstsq: Cholesky shape mismatch")
	}
	for i := range n {
		ri := a[i*n : i*n+i+1]
		for j := 0; j <= i; j++ {
			rj := a[j*n : j*n+j]
			s := ri[j]
			for k, v := range rj {
				s -= float64(ri[k] * v)
			}
			if j < i {
				ri[j] = s / a[j*n+j]
				continue
			}
			if !(s > 0) || math.IsInf(s, 1) {
				return fmt.Errorf("%w: the pivot of column %d is %g, so the matrix is not positive definite", ErrSingular, i, s)
			}
			ri[i] = math.Sqrt(s)
		}
	}
	return nil
}

// CholeskySolve overwrites b with the solution x of LLᵀx = b, for the factor
// L in the lower triangle of l (as Cholesky leaves it).
func CholeskySolve(l []float64, n int, b []float64) {
	if len(l) != n*n || len(b) != n {
		panic("lstsq: CholeskySolve shape mismatch")
	}
	for i := range n { // L z = b
		s := b[i]
		for k, v := range l[i*n : i*n+i] {
			s -= float64(v * b[k])
		}
		b[i] = s / l[i*n+i]
	}
	for i := n - 1; i >= 0; i-- { // Lᵀ x = z
		s := b[i]
		for k := i + 1; k < n; k++ {
			s -= float64(l[k*n+i] * b[k])
		}
		b[i] = s / l[i*n+i]
	}
}

// Solve overwrites b with the solution x of Ax = b for the general n×n matrix
// a, by Gaussian elimination with partial pivoting (the first row of largest
// |a_ik| is the pivot of column k); a is overwritten by its LU factors in
// the pivoted row order. It returns an error wrapping ErrSingular, naming
// the column, when a pivot is at most n·ε·max|a_ij| (the matrix is singular
// to working precision) or the solution is not finite.
func Solve(a []float64, n int, b []float64) error {
	if n < 0 || len(a) != n*n || len(b) != n {
		panic("lstsq: Solve shape mismatch")
	}
	var amax float64
	for _, v := range a {
		amax = max(amax, math.Abs(v))
	}
	tiny := float64(n) * 0x1p-52 * amax
	for k := range n {
		piv, big := k, math.Abs(a[k*n+k])
		for i := k + 1; i < n; i++ {
			if v := math.Abs(a[i*n+k]); v > big {
				piv, big = i, v
			}
		}
		if !(big > tiny) || math.IsInf(big, 1) {
			return fmt.Errorf("%w: column %d has no usable pivot (largest |entry| %g, max |a_ij| %g)", ErrSingular, k, big, amax)
		}
		if piv != k {
			rk, rp := a[k*n:(k+1)*n], a[piv*n:(piv+1)*n]
			for j := range rk {
				rk[j], rp[j] = rp[j], rk[j]
			}
			b[k], b[piv] = b[piv], b[k]
		}
		rk := a[k*n+k+1 : (k+1)*n]
		d := a[k*n+k]
		for i := k + 1; i < n; i++ {
			ri := a[i*n+k+1 : (i+1)*n]
			f := a[i*n+k] / d
			a[i*n+k] = f
			for j, v := range rk {
				ri[j] -= float64(f * v)
			}
			b[i] -= float64(f * b[k])
		}
	}
	for i := n - 1; i >= 0; i-- {
		s := b[i]
		for k := i + 1; k < n; k++ {
			s -= float64(a[i*n+k] * b[k])
		}
		b[i] = s / a[i*n+i]
		if math.IsNaN(b[i]) || math.IsInf(b[i], 0) {
			return fmt.Errorf("%w: component %d of the solution is %g", ErrSingular, i, b[i])
		}
	}
	return nil
}
