package run

import (
	"math"

	"github.com/overparam/overparam/compute/kernel"
)

// RankTol is the relative eigenvalue below which a direction of a
// representation counts as having no variance: XᵀX's eigenvalues are
// accurate to about 1e-16 of the largest, so directions below 1e-10 of it
// are numerical noise, never kept.
const RankTol = 1e-10

// Basis is an SVD-truncated, centered representation: an orthonormal basis
// of the span of its top directions.
type Basis struct {
	// N is the number of probe points, K the directions kept.
	N, K int
	// Q holds the K basis vectors as rows (K×N, row-major), orthonormal.
	Q []float64
	// Eig holds the eigenvalues of XᵀX of the centered representation,
	// descending: the squared singular values.
	Eig []float64
}

// center returns x (n×p, row-major) minus its column means, each mean
// summed over rows in ascending order.
func center(x []float64, n, p int) []float64 {
	mean := make([]float64, p)
	for i := range n {
		for j := range p {
			mean[j] += x[i*p+j]
		}
	}
	out := make([]float64, n*p)
	for j := range p {
		mean[j] /= float64(n)
	}
	for i := range n {
		for j := range p {
			out[i*p+j] = x[i*p+j] - mean[j]
		}
	}
	return out
}

// NewBasis centers the representation x (n×p, row-major: n probe points,
// p units) and keeps the fewest top singular directions whose variance is
// at least the fraction variance of the total (see the package
// documentation). It panics if len(x) ≠ n·p.
func NewBasis(x []float64, n, p int, variance float64) Basis {
	if len(x) != n*p {
		panic("run: NewBasis: x is not n×p")
	}
	xc := center(x, n, p)
	xt := make([]float64, p*n)
	kernel.TransposeTo(xt, xc, n, p)
	g := make([]float64, p*p)
	kernel.MulTo(g, xt, xc, p, n, p) // XᵀX
	eig, vecs := symEigen(g, p)
	b := Basis{N: n, Eig: eig}
	if p == 0 || !(eig[0] > 0) {
		return b
	}
	var total float64
	for _, e := range eig {
		if e > RankTol*eig[0] {
			total += e
		}
	}
	var kept float64
	for k, e := range eig {
		if !(e > RankTol*eig[0]) {
			break
		}
		b.K = k + 1
		kept += e
		if kept >= variance*total {
			break
		}
	}
	// Scores of the kept directions, as rows: (X V_k)ᵀ = V_kᵀ Xᵀ.
	b.Q = make([]float64, b.K*n)
	kernel.MulTo(b.Q, vecs[:b.K*p], xt, b.K, p, n)
	orthonormalize(b.Q, b.K, n)
	orthonormalize(b.Q, b.K, n) // twice is enough (Giraud et al. 2005)
	return b
}

// orthonormalize runs modified Gram–Schmidt on the k rows of q (k×n).
func orthonormalize(q []float64, k, n int) {
	for i := range k {
		row := q[i*n : (i+1)*n]
		for j := range i {
			prev := q[j*n : (j+1)*n]
			d := dot(prev, row)
			for t := range row {
				row[t] -= float64(d * prev[t])
			}
		}
		norm := math.Sqrt(dot(row, row))
		for t := range row {
			row[t] /= norm
		}
	}
}

// dot returns Σ x_i y_i, summed in ascending order with rounded products.
func dot(x, y []float64) float64 {
	var s float64
	for i := range x {
		s += float64(x[i] * y[i])
	}
	return s
}

// Correlations returns the canonical correlations of two bases of the same
// probe points, descending, min(a.K, b.K) of them: the singular values of
// Q_a Q_bᵀ, each in [0, 1]. It panics if the bases have different N.
func Correlations(a, b Basis) []float64 {
	if a.N != b.N {
		panic("run: Correlations: bases of different probe sets")
	}
	if a.K == 0 || b.K == 0 {
		return nil
	}
	if a.K < b.K {
		a, b = b, a
	}
	// M = Q_a Q_bᵀ (a.K × b.K); the b.K×b.K matrix MᵀM has the squared
	// singular values as its eigenvalues.
	qbt := make([]float64, b.N*b.K)
	kernel.TransposeTo(qbt, b.Q, b.K, b.N)
	m := make([]float64, a.K*b.K)
	kernel.MulTo(m, a.Q, qbt, a.K, a.N, b.K)
	mt := make([]float64, b.K*a.K)
	kernel.TransposeTo(mt, m, a.K, b.K)
	s := make([]float64, b.K*b.K)
	kernel.MulTo(s, mt, m, b.K, a.K, b.K)
	eig, _ := symEigen(s, b.K)
	rho := make([]float64, b.K)
	for i, e := range eig {
		rho[i] = math.Sqrt(min(1, max(0, e)))
	}
	return rho
}

// Similarity returns the SVCCA similarity of two bases: the mean of their
// canonical correlations, or 0 if either has no variance.
func Similarity(a, b Basis) float64 {
	rho := Correlations(a, b)
	if len(rho) == 0 {
		return 0
	}
	var s float64
	for _, r := range rho {
		s += r
	}
	return s / float64(len(rho))
}
