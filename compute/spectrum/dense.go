package spectrum

import (
	"cmp"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// DenseEigenvalues returns all eigenvalues of the symmetric matrix a in
// ascending order, computed by mat.EigenSym (LAPACK dsyev). It is the
// reference for Lanczos and SLQ on problems small enough to store; it costs
// O(n³) time and n² memory. It returns nil if the factorization fails, which
// happens only for non-finite entries.
func DenseEigenvalues(a *mat.SymDense) []float64 {
	var es mat.EigenSym
	if !es.Factorize(a, false) {
		return nil
	}
	return es.Values(nil)
}

// DenseOf returns the n×n matrix of op, column j being op·e_j (n operator
// products), symmetrized as (A + Aᵀ)/2 to remove rounding asymmetry. Use it to
// compare a Hessian-vector product with DenseEigenvalues at small n. It panics
// if op.Dim() ≤ 0.
func DenseOf(op Operator) *mat.SymDense {
	n := op.Dim()
	if n <= 0 {
		panic(msgDenseOfDims)
	}
	cols := make([]float64, n*n) // column j at cols[j·n:]
	e := make([]float64, n)
	for j := range n {
		e[j] = 1
		op.MulVecTo(cols[j*n:(j+1)*n], e)
		e[j] = 0
	}
	a := mat.NewSymDense(n, nil)
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, (cols[j*n+i]+cols[i*n+j])/2)
		}
	}
	return a
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
		w1 += math.Abs(diff) * (atoms[i+1].x - atoms[i].x)
	}
	return w1
}
