package spectrum

import (
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/overparam/overparam/compute/rng"
)

// Test matrices. Every random draw comes from compute/rng with a fixed seed, so
// the matrices are the same on every run.

// spikedWishart returns A = (s/m) Z Zᵀ + Σ_k θ_k u_k u_kᵀ − shift·I with Z an
// n×m standard Gaussian matrix and u_k random unit vectors: a Marchenko–Pastur
// bulk on about s·[(1−√(n/m))², (1+√(n/m))²] − shift plus one outlier near
// each θ_k − shift (θ_k may be negative). s = ±1 is the sign of the bulk.
func spikedWishart(n, m int, spikes []float64, shift float64, seed uint64) Sym {
	return signedWishart(n, m, 1, spikes, shift, seed)
}

// signedWishart is spikedWishart with bulk sign s.
func signedWishart(n, m int, s float64, spikes []float64, shift float64, seed uint64) Sym {
	r := rng.New(seed, rng.Data)
	z := mat.NewDense(n, m, nil)
	rng.NormalVec(r, z.RawMatrix().Data)
	a := mat.NewSymDense(n, nil)
	a.SymOuterK(s/float64(m), z)
	u := make([]float64, n)
	for _, th := range spikes {
		rng.UnitSphere(r, u)
		a.SymRankOne(a, th, mat.NewVecDense(n, u))
	}
	for i := range n {
		a.SetSym(i, i, a.At(i, i)-shift)
	}
	return symOf(a)
}

// symOf returns a copy of the gonum matrix a as a Sym, both triangles filled.
func symOf(a *mat.SymDense) Sym {
	n := a.SymmetricDim()
	s := NewSym(n)
	for i := range n {
		for j := i; j < n; j++ {
			s.SetSym(i, j, a.At(i, j))
		}
	}
	return s
}

// matOf returns a copy of a as a gonum matrix, built from a's upper triangle
// (n ≥ 1: gonum has no 0×0 matrices).
func matOf(a Sym) *mat.SymDense {
	m := mat.NewSymDense(a.N, nil)
	for i := range a.N {
		for j := i; j < a.N; j++ {
			m.SetSym(i, j, a.At(i, j))
		}
	}
	return m
}

// eigenSym returns the ascending eigenvalues of a computed by mat.EigenSym
// (LAPACK dsyev, gonum's blocked implementation): a reference independent of
// DenseEigenvalues. It fails the test if the factorization fails.
func eigenSym(t testing.TB, a Sym) []float64 {
	t.Helper()
	var es mat.EigenSym
	if !es.Factorize(matOf(a), false) {
		t.Fatalf("mat.EigenSym failed on a %d×%d matrix", a.N, a.N)
	}
	return es.Values(nil)
}

// withSpectrum returns A = Q diag(lambda) Qᵀ of order n = len(lambda), a power
// of two, with the orthogonal Q = H D₁ H D₂ H D₃, where H is the normalized
// Walsh–Hadamard matrix and D_k are random ±1 diagonals. The eigenvalues of A
// are lambda by construction (up to rounding of order 1e-15·max|λ|), and its
// eigenvectors are dense and unrelated to the Rademacher probes. Only exact
// additions and plain-Go products are used, so A has the same bits on every
// platform.
func withSpectrum(lambda []float64, seed uint64) Sym {
	n := len(lambda)
	if n&(n-1) != 0 {
		panic("withSpectrum: n must be a power of two")
	}
	r := rng.New(seed, rng.Data)
	signs := make([][]float64, 3)
	for k := range signs {
		signs[k] = make([]float64, n)
		rng.Rademacher(r, signs[k])
	}
	a := NewSym(n)
	v := make([]float64, n)
	for j := range n {
		clear(v)
		v[j] = 1
		// v ← Qᵀ e_j = D₃ H D₂ H D₁ H e_j
		for k := range 3 {
			hadamard(v)
			mulElem(v, signs[k])
		}
		mulElem(v, lambda)
		// v ← Q v = H D₁ H D₂ H D₃ v
		for k := 2; k >= 0; k-- {
			mulElem(v, signs[k])
			hadamard(v)
		}
		for i := 0; i <= j; i++ {
			a.SetSym(i, j, v[i])
		}
	}
	return a
}

// hadamard applies the normalized Walsh–Hadamard transform H/√n in place.
func hadamard(v []float64) {
	n := len(v)
	for h := 1; h < n; h *= 2 {
		for i := 0; i < n; i += 2 * h {
			for j := i; j < i+h; j++ {
				x, y := v[j], v[j+h]
				v[j], v[j+h] = x+y, x-y
			}
		}
	}
	s := 1 / math.Sqrt(float64(n))
	for i := range v {
		v[i] *= s
	}
}

// mulElem sets v_i ← v_i·d_i.
func mulElem(v, d []float64) {
	for i := range v {
		v[i] *= d[i]
	}
}

// bulkAndOutliers returns n eigenvalues: n−len(outliers) bulk values
// λ = −0.1 + 2u² on u ∈ (0, 1) equally spaced (a density piling up near zero,
// with a few negative values, like a trained network's Hessian), followed by
// the outliers. The result is ascending if the outliers exceed 1.9.
func bulkAndOutliers(n int, outliers ...float64) []float64 {
	nb := n - len(outliers)
	lam := make([]float64, 0, n)
	for i := range nb {
		u := (float64(i) + 0.5) / float64(nb)
		lam = append(lam, -0.1+float64(2*u*u)) // rounded: parity fingerprints use it
	}
	return append(lam, outliers...)
}

// semicircle returns the n quantiles (i+½)/n of Wigner's semicircle law on
// [−2, 2], ascending: a bulk with no outliers that fills the whole range.
func semicircle(n int) []float64 {
	lam := make([]float64, n)
	for i := range lam {
		p := (float64(i) + 0.5) / float64(n)
		// Bisection on F(x) = ½ + (x√(4−x²) + 4 asin(x/2))/(4π).
		lo, hi := -2.0, 2.0
		for range 60 {
			mid := (lo + hi) / 2
			if 0.5+(mid*math.Sqrt(4-mid*mid)+4*math.Asin(mid/2))/(4*math.Pi) < p {
				lo = mid
			} else {
				hi = mid
			}
		}
		lam[i] = (lo + hi) / 2
	}
	return lam
}

// counting wraps an operator and counts its products.
type counting struct {
	Operator
	products int
}

func (c *counting) MulVecTo(dst, x []float64) {
	c.products++
	c.Operator.MulVecTo(dst, x)
}

// scaled is the operator c·I of dimension n (c = 0 is the zero operator).
type scaled struct {
	n int
	c float64
}

func (s scaled) Dim() int { return s.n }
func (s scaled) MulVecTo(dst, x []float64) {
	for i, v := range x {
		dst[i] = s.c * v
	}
}

// poisoned returns NaN in every entry from product number `at` (1-based) on.
type poisoned struct {
	Operator
	at, products int
}

func (p *poisoned) MulVecTo(dst, x []float64) {
	p.products++
	p.Operator.MulVecTo(dst, x)
	if p.products >= p.at {
		dst[0] = math.NaN()
	}
}

// descending returns a copy of x sorted in decreasing order.
func descending(x []float64) []float64 {
	s := slices.Clone(x)
	slices.Sort(s)
	slices.Reverse(s)
	return s
}

// spectralNorm returns max |λ| of ascending eigenvalues.
func spectralNorm(asc []float64) float64 {
	return max(math.Abs(asc[0]), math.Abs(asc[len(asc)-1]))
}

// nearest returns min_j |x − λ_j|.
func nearest(x float64, lam []float64) float64 {
	d := math.Inf(1)
	for _, l := range lam {
		d = min(d, math.Abs(x-l))
	}
	return d
}

// mustPanic runs f and fails unless it panics with a string starting with
// "spectrum: ".
func mustPanic(t *testing.T, name string, f func()) {
	t.Helper()
	defer func() {
		r := recover()
		s, ok := r.(string)
		if !ok || !strings.HasPrefix(s, "spectrum: ") {
			t.Errorf("%s: recovered %#v, want a panic message starting with \"spectrum: \"", name, r)
		}
	}()
	f()
}
