package spectrum

import (
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/overparam/overparam/compute/rng"
)

// eigenRelTol bounds |λ_i − λ̂_i| / max_j |λ_j| between DenseEigenvalues and
// mat.EigenSym: both are backward stable, so each is within a few n·ε·‖A‖
// of the truth (Golub & Van Loan 2013, §8.3), with n ≤ 300 here.
const eigenRelTol = 1e-12

// randomSym returns an n×n symmetric matrix with independent standard
// Gaussian entries on and above the diagonal, times scale.
func randomSym(n int, scale float64, seed uint64) Sym {
	r := rng.New(seed, rng.Data)
	a := NewSym(n)
	for i := range n {
		for j := i; j < n; j++ {
			a.SetSym(i, j, scale*rng.Normal(r))
		}
	}
	return a
}

// Truth: withSpectrum builds A = Q diag(λ) Qᵀ with Q orthogonal, so its
// eigenvalues are λ.
func TestDenseEigenvaluesRecoverTheConstruction(t *testing.T) {
	lam := bulkAndOutliers(64, 3, 7)
	got := DenseEigenvalues(withSpectrum(lam, 40))
	for i, l := range lam {
		if math.Abs(got[i]-l) > 1e-13 {
			t.Errorf("eigenvalue %d: %.16g, want %.16g", i, got[i], l)
		}
	}
}

// Truth: mat.EigenSym (gonum's blocked dsyev), an independent implementation.
func TestDenseEigenvaluesMatchEigenSym(t *testing.T) {
	wide := randomSym(40, 1, 44)
	for i := range 40 { // entries from 1e-8 to 1e8: reflections of mixed scale
		for j := i; j < 40; j++ {
			wide.SetSym(i, j, wide.At(i, j)*math.Pow(10, float64((i+j)%17-8)))
		}
	}
	zeroCol := randomSym(9, 1, 45) // column 3 is already reduced: H = I there
	for j := range 9 {
		zeroCol.SetSym(3, j, 0)
	}
	// scale, a power of two (1 if 0), multiplies a exactly; the truth is
	// EigenSym's eigenvalues of a times scale. (EigenSym itself panics on
	// matrices below about 1e-122: gonum v0.17.0's dsterf passes a wrong
	// leading dimension to dlascl when it rescales.)
	cases := []struct {
		name  string
		a     Sym
		scale float64
	}{
		{"a 1×1 matrix", randomSym(1, 1, 1), 0},
		{"a 2×2 matrix", randomSym(2, 1, 2), 0},
		{"a 3×3 matrix", randomSym(3, 1, 3), 0},
		{"a 17×17 matrix", randomSym(17, 1, 4), 0},
		{"a 300×300 matrix", randomSym(300, 1, 5), 0},
		{"a 300×300 spiked Wishart matrix", spikedWishart(300, 400, []float64{-20, 50}, 0.5, 6), 0},
		{"a diagonal matrix", DenseOf(diagonal{3, -1, 0, 2, 2, 5}), 0},
		{"a matrix with a zero row and column", zeroCol, 0},
		{"a matrix with entries spanning 16 decades", wide, 0},
		{"a matrix of entries near 1e-160 (scaled up before the reduction)", randomSym(50, 1, 7), 0x1p-530},
		{"a matrix of entries near 1e160 (scaled down before the reduction)", randomSym(50, 1, 8), 0x1p530},
		{"a matrix of entries near 1e-300", randomSym(20, 1, 9), 0x1p-1000},
		{"the zero matrix", NewSym(5), 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, want := c.a, eigenSym(t, c.a)
			if c.scale != 0 {
				a = Sym{N: a.N, Data: slices.Clone(a.Data)}
				for i := range a.Data {
					a.Data[i] *= c.scale
				}
				for i := range want {
					want[i] *= c.scale
				}
			}
			got := DenseEigenvalues(a)
			if len(got) != len(want) {
				t.Fatalf("n=%d: %d eigenvalues, want %d", a.N, len(got), len(want))
			}
			scale := spectralNorm(want)
			for i := range want {
				if d := math.Abs(got[i] - want[i]); d > eigenRelTol*scale {
					t.Errorf("n=%d: eigenvalue %d = %.16g, EigenSym %.16g: error %.3g·max|λ| > %g",
						a.N, i, got[i], want[i], d/scale, eigenRelTol)
				}
			}
			if !slices.IsSorted(got) {
				t.Errorf("n=%d: eigenvalues are not ascending", a.N)
			}
			// The lower triangle is documented as unread: poison it.
			p := Sym{N: a.N, Data: slices.Clone(a.Data)}
			for i := range p.N {
				for j := range i {
					p.Data[i*p.N+j] = math.NaN()
				}
			}
			if g := DenseEigenvalues(p); !slices.Equal(g, got) {
				t.Errorf("n=%d: NaNs below the diagonal changed the eigenvalues", a.N)
			}
		})
	}
	t.Run("the 0×0 matrix has no eigenvalues", func(t *testing.T) {
		if got := DenseEigenvalues(Sym{}); got == nil || len(got) != 0 {
			t.Errorf("DenseEigenvalues(Sym{}) = %#v, want an empty slice", got)
		}
	})
	t.Run("a NaN or an infinity in the upper triangle gives nil", func(t *testing.T) {
		for _, v := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
			a := randomSym(6, 1, 9)
			a.SetSym(1, 4, v)
			if got := DenseEigenvalues(a); got != nil {
				t.Errorf("entry %v: got %v, want nil", v, got)
			}
		}
	})
	mustPanic(t, "DenseEigenvalues with len(Data) ≠ N²", func() { DenseEigenvalues(Sym{N: 3, Data: make([]float64, 8)}) })
}

// Truth: the naive product y_i = Σ_j a_ij x_j over both triangles, and gonum's
// MulVec (Dsymv), two independent implementations; DenseOf inverts it
// exactly, since each entry of A·e_j is one product with 1 plus zeros.
func TestSymOperator(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 4, 37} { // odd and even orders exercise the loop tails
		a := randomSym(n, 1, uint64(50+n))
		x := make([]float64, n)
		rng.NormalVec(rng.New(uint64(60+n), rng.Data), x)
		got := make([]float64, n)
		a.MulVecTo(got, x)
		for i := range n {
			var want, mag float64
			for j := range n {
				want += a.Data[i*n+j] * x[j]
				mag += math.Abs(a.Data[i*n+j] * x[j])
			}
			if math.Abs(got[i]-want) > 1e-15*float64(n)*mag {
				t.Errorf("n=%d: entry %d = %.16g, naive sum %.16g", n, i, got[i], want)
			}
		}
		if n == 0 {
			continue
		}
		var want mat.VecDense
		want.MulVec(matOf(a), mat.NewVecDense(n, x))
		for i := range got {
			if math.Abs(got[i]-want.AtVec(i)) > 1e-13 {
				t.Errorf("n=%d: entry %d = %.16g, gonum %.16g", n, i, got[i], want.AtVec(i))
			}
		}
		if b := DenseOf(a); b.N != n || !slices.Equal(b.Data, a.Data) {
			t.Errorf("n=%d: DenseOf(A) differs from A", n)
		}
	}
}

// Truth: the documented storage rules of Sym.
func TestSymStorage(t *testing.T) {
	a := NewSym(3)
	a.SetSym(2, 0, 5)
	if a.Data[2*3+0] != 5 || a.Data[0*3+2] != 5 || a.At(0, 2) != 5 || a.At(2, 0) != 5 {
		t.Errorf("SetSym(2, 0, 5) gave Data %v, want 5 at (0, 2) and (2, 0)", a.Data)
	}
	a.Data[1*3+0] = 7 // below the diagonal: not read
	if a.At(1, 0) != 0 {
		t.Errorf("At(1, 0) = %v, want the upper entry (0, 1) = 0", a.At(1, 0))
	}
	var zero Sym
	zero.MulVecTo(nil, nil) // the zero value is the 0×0 matrix
	if zero.Dim() != 0 {
		t.Errorf("Sym{}.Dim() = %d, want 0", zero.Dim())
	}
	mustPanic(t, "NewSym(-1)", func() { NewSym(-1) })
	mustPanic(t, "At out of range", func() { a.At(0, 3) })
	mustPanic(t, "SetSym with a negative index", func() { a.SetSym(-1, 0, 1) })
	mustPanic(t, "MulVecTo with len(Data) ≠ N²", func() {
		Sym{N: 2, Data: make([]float64, 3)}.MulVecTo(make([]float64, 2), make([]float64, 2))
	})
	mustPanic(t, "MulVecTo with a short x", func() { a.MulVecTo(make([]float64, 3), make([]float64, 2)) })
}

// Truth: W₁ between point masses is the distance moved (hand values).
func TestWasserstein1(t *testing.T) {
	cases := []struct {
		name           string
		nodes, weights []float64
		exact          []float64
		want           float64
	}{
		{"identical measures are at distance 0", []float64{0, 1}, []float64{0.5, 0.5}, []float64{1, 0}, 0},
		{"a point mass moved by 1", []float64{0}, []float64{1}, []float64{1}, 1},
		{"a shift by c moves every atom by c", []float64{1, 2, 3}, []float64{1, 1, 1}, []float64{1.5, 2.5, 3.5}, 0.5},
		// Half the mass moves from 0 to 2: W₁ = 0.5·2.
		{"half the mass moved by 2", []float64{0}, []float64{2}, []float64{0, 2}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := Wasserstein1(c.nodes, c.weights, c.exact); math.Abs(got-c.want) > 1e-15 {
				t.Errorf("W1 = %v, want %v", got, c.want)
			}
		})
	}
	mustPanic(t, "Wasserstein1 with mismatched lengths", func() { Wasserstein1([]float64{1}, nil, []float64{1}) })
	mustPanic(t, "Wasserstein1 with no exact values", func() { Wasserstein1([]float64{1}, []float64{1}, nil) })
	mustPanic(t, "Wasserstein1 with zero total weight", func() { Wasserstein1([]float64{1}, []float64{0}, []float64{1}) })
}
