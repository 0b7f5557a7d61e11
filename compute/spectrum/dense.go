package spectrum

import (
	"cmp"
	"math"
	"slices"

	"github.com/overparam/overparam/compute/fmath"
)

// DenseEigenvalues returns all eigenvalues of the symmetric matrix a in
// ascending order, reading only its upper triangle. It is the reference for
// Lanczos and SLQ on problems small enough to store; it costs 4n³/3 flops and
// n² memory. It returns an empty slice for n = 0, and nil if an entry of the
// upper triangle is NaN or ±Inf or if the QL/QR iteration does not converge
// (not seen for finite input). It panics if len(a.Data) ≠ a.N².
//
// It does what LAPACK's dsyev does without eigenvectors (Anderson et al.
// 1999): scale a into a safe range, reduce it to a tridiagonal matrix T = QᵀAQ
// by n−2 Householder reflections (Golub & Van Loan 2013, Alg. 8.3.1), and find
// the eigenvalues of T by the implicit QR iteration of tridiagEigen, which
// Lanczos also uses. Both are plain Go with a fixed order of operations and
// every product rounded, like Sym.MulVecTo, so the eigenvalues have the same
// bits natively (amd64, arm64) and in js/wasm. Calling gonum's Dsyev instead
// would fuse multiply-adds on arm64, link its blocked reduction and gonum's
// Dgemm into the browser's compute worker (61 kB gzipped; mat.EigenSym
// another 9 kB), and its dsterf panics on tridiagonal
// blocks below about 1e-122 (gonum v0.17.0 passes dlascl a wrong leading
// dimension).
func DenseEigenvalues(a Sym) []float64 {
	a.check()
	n := a.N
	if n == 0 {
		return []float64{}
	}
	// The upper triangle, copied: the reduction overwrites it.
	work := make([]float64, n*n)
	var anrm float64 // max |a_ij|
	for i := range n {
		row := a.Data[i*n+i : i*n+n]
		if !finite(row) {
			return nil
		}
		copy(work[i*n+i:i*n+n], row)
		for _, v := range row {
			anrm = max(anrm, math.Abs(v))
		}
	}
	// Scale so that max |a_ij| ∈ [rmin, rmax] when it is outside, as dsyev
	// does: the squares in the reflections then neither overflow nor
	// underflow to a loss of accuracy.
	const (
		safmin = 0x1p-1022
		eps    = 0x1p-53
		smlnum = safmin / eps
	)
	rmin, rmax := math.Sqrt(smlnum), math.Sqrt(1/smlnum)
	scale := 1.0
	switch {
	case anrm > 0 && anrm < rmin:
		scale = rmin / anrm
	case anrm > rmax:
		scale = rmax / anrm
	}
	if scale != 1 {
		for i := range work {
			work[i] *= scale
		}
	}
	d, e := make([]float64, n), make([]float64, n-1)
	tridiagonalize(d, e, work, n)
	if !tridiagEigen(d, e, nil) {
		return nil
	}
	if scale != 1 {
		for i := range d {
			d[i] /= scale
		}
	}
	return d
}

// tridiagonalize reduces the symmetric n×n matrix A, given by the upper
// triangle of the row-major a, to the tridiagonal T = QᵀAQ with diagonal d
// and off-diagonal e, overwriting a. Step k applies the reflection
// H = I − τvvᵀ (v₀ = 1) that maps x = A[k, k+1:] to βe₁ (dlarfg's convention)
// to both sides of the trailing block B = A[k+1:, k+1:] (dsytd2, lower
// version, by symmetry):
//
//	p = τBv,  w = p − (τ/2)(pᵀv)v,  B ← B − vwᵀ − wvᵀ.
func tridiagonalize(d, e, a []float64, n int) {
	v, p := make([]float64, n), make([]float64, n)
	for k := range n - 1 {
		d[k] = a[k*n+k]
		x := a[k*n+k+1 : k*n+n]
		alpha := x[0]
		xnorm := norm(x[1:])
		if xnorm == 0 {
			e[k] = alpha // already reduced: H = I
			continue
		}
		beta := -math.Copysign(fmath.Hypot(alpha, xnorm), alpha)
		tau := (beta - alpha) / beta
		m := len(x)
		v, p := v[:m], p[:m]
		v[0] = 1
		for i := 1; i < m; i++ {
			v[i] = x[i] / (alpha - beta) // |v_i| ≤ 1
		}
		e[k] = beta
		// p = τBv, with B's upper triangle read row by row as in MulVecTo.
		clear(p)
		for i := range m {
			row := a[(k+1+i)*n+k+1+i : (k+1+i)*n+n]
			vi := v[i]
			sum := float64(row[0] * vi)
			r, vs, ps := row[1:], v[i+1:][:len(row)-1], p[i+1:][:len(row)-1]
			for j, bij := range r {
				sum += float64(bij * vs[j])
				ps[j] += float64(bij * vi)
			}
			p[i] += sum
		}
		for i := range p {
			p[i] *= tau
		}
		// w = p − (τ/2)(pᵀv)v, stored in p.
		axpy(-(tau/2)*dot(p, v), v, p)
		// B ← B − vwᵀ − wvᵀ on the upper triangle.
		for i := range m {
			row := a[(k+1+i)*n+k+1+i : (k+1+i)*n+n]
			vi, wi := v[i], p[i]
			vs, ws := v[i:][:len(row)], p[i:][:len(row)]
			for j := range row {
				row[j] = row[j] - float64(vi*ws[j]) - float64(wi*vs[j])
			}
		}
	}
	d[n-1] = a[n*n-1]
}

// DenseOf returns the n×n matrix of op, column j being op·e_j (n operator
// products), symmetrized as (A + Aᵀ)/2 to remove rounding asymmetry; both
// triangles of the result are filled. Use it to compare an operator with
// DenseEigenvalues at small n. It panics if op.Dim() ≤ 0.
func DenseOf(op Operator) Sym {
	a, _ := DenseOfAsym(op)
	return a
}

// DenseOfAsym is DenseOf that also returns the largest asymmetry
// max |A_ij − A_ji| of the products before symmetrization, a check on op.
// It is the one place that builds a dense matrix from operator products
// (nn.DenseCurvature uses it too).
func DenseOfAsym(op Operator) (a Sym, asym float64) {
	n := op.Dim()
	if n <= 0 {
		panic(msgDenseOfDims)
	}
	// Row j of a first holds op·e_j, column j of A: a_ji = A_ij.
	a = NewSym(n)
	e := make([]float64, n)
	for j := range n {
		e[j] = 1
		op.MulVecTo(a.Data[j*n:(j+1)*n], e)
		e[j] = 0
	}
	// Symmetrize in place: a_ij = a_ji = (A_ij + A_ji)/2.
	for i := range n {
		for j := i + 1; j < n; j++ {
			x, y := a.Data[j*n+i], a.Data[i*n+j]
			asym = max(asym, math.Abs(x-y))
			v := (x + y) / 2
			a.Data[i*n+j], a.Data[j*n+i] = v, v
		}
	}
	return a, asym
}

// Wasserstein1 returns the Wasserstein-1 (earth mover's) distance, in
// eigenvalue units, between the discrete measure Σ_i w_i δ_{nodes_i} (weights
// rescaled to sum to 1) and the uniform measure (1/N) Σ_j δ_{exact_j}:
//
//	W₁ = ∫ |F(x) − G(x)| dx
//
// with F and G the two cumulative distribution functions (Vallender 1973).
// Divide by the spectral range to compare spectra of different scales. It
// panics if len(nodes) ≠ len(weights), a measure is empty, or the weights do
// not have a positive sum.
func Wasserstein1(nodes, weights, exact []float64) float64 {
	if len(nodes) != len(weights) {
		panic(msgW1Lengths)
	}
	if len(nodes) == 0 || len(exact) == 0 {
		panic(msgW1Empty)
	}
	var total float64
	for _, w := range weights {
		total += w
	}
	if !(total > 0) {
		panic(msgW1Mass)
	}
	type atom struct{ x, w float64 } // w > 0 moves F, w < 0 moves G
	atoms := make([]atom, 0, len(nodes)+len(exact))
	for i, x := range nodes {
		atoms = append(atoms, atom{x, weights[i] / total})
	}
	g := 1 / float64(len(exact))
	for _, x := range exact {
		atoms = append(atoms, atom{x, -g})
	}
	slices.SortStableFunc(atoms, func(a, b atom) int { return cmp.Compare(a.x, b.x) })
	// Between consecutive atoms F − G is constant: add |F − G|·Δx.
	var w1, diff float64
	for i := 0; i+1 < len(atoms); i++ {
		diff += atoms[i].w
		w1 += float64(math.Abs(diff) * (atoms[i+1].x - atoms[i].x))
	}
	return w1
}
