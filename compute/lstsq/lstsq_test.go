package lstsq

import (
	"errors"
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/rng"
)

// solveTol bounds the relative difference from gonum's LAPACK-based
// solutions of well-conditioned systems (condition numbers below 1e4 here):
// both are backward stable, so they agree to about cond·ε.
const solveTol = 1e-9

func gaussian(seed uint64, rows, cols int) []float64 {
	x := make([]float64, rows*cols)
	rng.NormalVec(rng.New(seed, rng.Data), x)
	return x
}

func relDiff(got []float64, want mat.Vector) float64 {
	var num, den float64
	for i, g := range got {
		d := g - want.AtVec(i)
		num += d * d
		den += want.AtVec(i) * want.AtVec(i)
	}
	return math.Sqrt(num / den)
}

func TestRidgeMatchesGonum(t *testing.T) {
	for _, c := range []struct{ n, p int }{{40, 10}, {30, 30}, {12, 50}} {
		for _, mu := range []float64{0, 0.5, 20} {
			t.Run(fmt.Sprintf("n=%d p=%d μ=%g", c.n, c.p, mu), func(t *testing.T) {
				x, y := gaussian(1, c.n, c.p), gaussian(2, c.n, 1)
				got, err := Ridge(x, c.n, c.p, y, []float64{mu})
				if err != nil {
					t.Fatal(err)
				}
				X := mat.NewDense(c.n, c.p, x)
				var want mat.Dense
				if mu == 0 {
					// Truth: the minimum-norm least-squares solution from
					// gonum's SVD.
					var svd mat.SVD
					if !svd.Factorize(X, mat.SVDThin) {
						t.Fatal("SVD failed")
					}
					svd.SolveTo(&want, mat.NewDense(c.n, 1, y), svd.Rank(1e-12))
				} else {
					// Truth: (XᵀX + μI)β = Xᵀy solved by gonum's LU.
					var g mat.Dense
					g.Mul(X.T(), X)
					for i := range c.p {
						g.Set(i, i, g.At(i, i)+mu)
					}
					var rhs mat.Dense
					rhs.Mul(X.T(), mat.NewDense(c.n, 1, y))
					if err := want.Solve(&g, &rhs); err != nil {
						t.Fatal(err)
					}
				}
				tol := solveTol
				if c.n == c.p && mu == 0 {
					tol = 1e-6 // a square Gaussian matrix: cond(XᵀX) ≈ 4n² × a heavy tail
				}
				if d := relDiff(got[0], want.ColView(0)); d > tol {
					t.Errorf("relative difference %.3g from gonum > %g", d, tol)
				}
			})
		}
	}
}

func TestRidgeIsTheSameBitsWithEveryKernel(t *testing.T) {
	// Truth: kernel's summation-order contract. The parity fingerprint
	// checks js/wasm against native as well.
	x, y := gaussian(3, 37, 53), gaussian(4, 37, 1)
	var fps []string
	for _, impl := range []kernel.Impl{kernel.PureGo, kernel.Gonum, kernel.AVX2} {
		if !kernel.Available(impl) {
			continue
		}
		prev := kernel.Use(impl)
		wide, err := Ridge(x, 37, 53, y, []float64{0, 1e-3, 1})
		if err != nil {
			t.Fatal(err)
		}
		tall, err := Ridge(x, 53, 37, gaussian(5, 53, 1), []float64{0, 2})
		kernel.Use(prev)
		if err != nil {
			t.Fatal(err)
		}
		fps = append(fps, parity.Floats(append(wide, tall...)...))
	}
	for _, fp := range fps[1:] {
		if fp != fps[0] {
			t.Errorf("kernels give different bits: %v", fps)
		}
	}
	parity.Check(t, "lstsq-ridge", fps[0])
}

func TestCholeskyReconstructsAndRejectsIndefinite(t *testing.T) {
	const n = 20
	g := gaussian(6, n, n)
	a := make([]float64, n*n)
	kernel.MulTo(a, g, transpose(g, n), n, n, n) // GGᵀ, positive definite
	orig := append([]float64(nil), a...)
	if err := Cholesky(a, n); err != nil {
		t.Fatal(err)
	}
	// Truth: LLᵀ = A up to rounding (backward stability, Higham 2002 Thm 10.3).
	var worst float64
	for i := range n {
		for j := 0; j <= i; j++ {
			var s float64
			for k := 0; k <= j; k++ {
				s += a[i*n+k] * a[j*n+k]
			}
			worst = max(worst, math.Abs(s-orig[i*n+j])/math.Abs(orig[i*n+i]))
		}
	}
	if worst > 1e-13 {
		t.Errorf("max |LLᵀ − A|/a_ii = %.3g", worst)
	}
	copy(a, orig)
	a[7*n+7] = -1 // the principal 8×8 block is no longer positive definite
	if err := Cholesky(a, n); !errors.Is(err, ErrSingular) {
		t.Errorf("an indefinite matrix gave %v, want ErrSingular", err)
	}
}

func TestSolveMatchesGonumAndRejectsSingular(t *testing.T) {
	const n = 30
	a, b := gaussian(7, n, n), gaussian(8, n, 1)
	var want mat.VecDense
	if err := want.SolveVec(mat.NewDense(n, n, append([]float64(nil), a...)), mat.NewVecDense(n, append([]float64(nil), b...))); err != nil {
		t.Fatal(err)
	}
	if err := Solve(a, n, b); err != nil {
		t.Fatal(err)
	}
	if d := relDiff(b, &want); d > 1e-10 {
		t.Errorf("relative difference %.3g from gonum's LU solve", d)
	}
	s := gaussian(9, n, n)
	for j := range n {
		s[j*n+5] = 2 * s[j*n+3] // column 5 = 2 × column 3
	}
	if err := Solve(s, n, gaussian(10, n, 1)); !errors.Is(err, ErrSingular) {
		t.Errorf("a matrix with dependent columns gave %v, want ErrSingular", err)
	}
}

func transpose(a []float64, n int) []float64 {
	t := make([]float64, n*n)
	kernel.TransposeTo(t, a, n, n)
	return t
}
