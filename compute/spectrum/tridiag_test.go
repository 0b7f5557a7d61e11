package spectrum

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/overparam/overparam/compute/rng"
)

// tridiagTol bounds, in units of n·ε·‖T‖, the eigenvalue error against
// mat.EigenSym and the residual ‖T z − λ z‖ and orthogonality ‖ZᵀZ − I‖ of
// tridiagEigen's vectors: the implicit QR iteration is backward stable, each
// rotation contributing O(ε‖T‖) (Golub & Van Loan 2013, §8.3.6).
const tridiagTol = 10

// tridiagCase is the matrix scale·T for T with diagonal d and off-diagonal e
// (scale 0 means 1). mat.EigenSym sees T, since its dsterf panics on blocks
// below about 1e-122 (gonum v0.17.0 passes dlascl a wrong leading dimension).
type tridiagCase struct {
	name  string
	d, e  []float64
	scale float64
}

// tridiagCases returns random, structured and badly scaled tridiagonal
// matrices: Wilkinson's W⁺₂₁ (pairs of nearly equal eigenvalues), a matrix
// already split by zero off-diagonals, a graded one, constant ones
// (eigenvalues 2 − 2cos(kπ/(n+1)) for the second difference), and scales
// near underflow and overflow.
func tridiagCases() []tridiagCase {
	var cs []tridiagCase
	for _, n := range []int{1, 2, 3, 10, 60, 150} {
		r := rng.New(uint64(n), rng.Data)
		d, e := make([]float64, n), make([]float64, max(n-1, 0))
		for i := range d {
			d[i] = rng.Normal(r)
		}
		for i := range e {
			e[i] = rng.Normal(r)
		}
		cs = append(cs, tridiagCase{name: fmt.Sprintf("Gaussian n=%d", n), d: d, e: e})
	}
	w := tridiagCase{name: "Wilkinson W+21"}
	for i := range 21 {
		w.d = append(w.d, math.Abs(float64(10-i)))
	}
	for range 20 {
		w.e = append(w.e, 1)
	}
	cs = append(cs, w)
	split := tridiagCase{name: "split by zero off-diagonals", d: []float64{3, 1, 4, 1, 5, 9, 2, 6}, e: []float64{1, 0, 2, 0, 0, 1e-20, 3}}
	graded := tridiagCase{name: "graded 1 … 1e-30"}
	diff2 := tridiagCase{name: "second difference n=40"}
	for i := range 40 {
		graded.d = append(graded.d, math.Pow(10, -float64(i)*30/39))
		diff2.d = append(diff2.d, 2)
		if i > 0 {
			graded.e = append(graded.e, math.Pow(10, -float64(i)*30/39+0.3))
			diff2.e = append(diff2.e, -1)
		}
	}
	cs = append(cs, split, graded, diff2)
	for _, scale := range []float64{1e-150, 1e150} {
		g := cs[3] // Gaussian n=10
		cs = append(cs, tridiagCase{fmt.Sprintf("Gaussian n=10 times %g", scale), g.d, g.e, scale})
	}
	return cs
}

// Truth: mat.EigenSym (gonum's LAPACK dsyev) on the dense matrix, an
// independent implementation, and the defining residual and orthogonality of
// eigenvectors.
func TestTridiagEigenMatchesEigenSymWithOrthonormalVectors(t *testing.T) {
	for _, c := range tridiagCases() {
		t.Run(c.name, func(t *testing.T) {
			n := len(c.d)
			dense := mat.NewSymDense(n, nil)
			var norm float64 // ‖T‖_∞
			for i := range n {
				dense.SetSym(i, i, c.d[i])
				row := math.Abs(c.d[i])
				if i > 0 {
					dense.SetSym(i-1, i, c.e[i-1])
					row += math.Abs(c.e[i-1])
				}
				if i < n-1 {
					row += math.Abs(c.e[i])
				}
				norm = max(norm, row)
			}
			var eig mat.EigenSym
			if !eig.Factorize(dense, false) {
				t.Fatal("EigenSym failed")
			}
			want := eig.Values(nil)
			scale := c.scale
			if scale == 0 {
				scale = 1
			}
			d, e, z := make([]float64, n), make([]float64, max(n-1, 0)), make([]float64, n*n)
			for i := range d {
				d[i] = c.d[i] * scale
				want[i] *= scale
			}
			for i := range e {
				e[i] = c.e[i] * scale
			}
			norm *= scale
			td, te := slices.Clone(d), slices.Clone(e) // scale·T
			if !tridiagEigen(d, e, z) {
				t.Fatal("tridiagEigen did not converge")
			}
			bound := tridiagTol * float64(n) * 0x1p-53 * norm
			if !slices.IsSorted(d) {
				t.Errorf("eigenvalues not ascending: %v", d)
			}
			for i := range n {
				if err := math.Abs(d[i] - want[i]); err > bound {
					t.Errorf("λ_%d = %.17g, EigenSym %.17g: error %.3g > %.3g", i, d[i], want[i], err, bound)
				}
			}
			// ‖T z_i − λ_i z_i‖_∞ and |z_iᵀz_j − δ_ij|.
			for i := range n {
				for j := range n {
					tz := td[j] * z[j*n+i]
					if j > 0 {
						tz += te[j-1] * z[(j-1)*n+i]
					}
					if j < n-1 {
						tz += te[j] * z[(j+1)*n+i]
					}
					if r := math.Abs(tz - d[i]*z[j*n+i]); r > bound {
						t.Fatalf("residual of vector %d, row %d: %.3g > %.3g", i, j, r, bound)
					}
				}
				for k := range n {
					var dot float64
					for j := range n {
						dot += z[j*n+i] * z[j*n+k]
					}
					if i == k {
						dot--
					}
					if math.Abs(dot) > tridiagTol*float64(n)*0x1p-53 {
						t.Fatalf("z_%dᵀz_%d − δ = %.3g", i, k, dot)
					}
				}
			}
			// Without vectors the eigenvalues are the same bits: the rotations
			// do not depend on z.
			d2, e2 := slices.Clone(td), slices.Clone(te)
			if !tridiagEigen(d2, e2, nil) || !slices.Equal(d2, d) {
				t.Errorf("values-only run differs: %v, with vectors %v", d2, d)
			}
		})
	}
}

// Truth: the eigenvalues of the n×n second-difference matrix tridiag(−1, 2, −1)
// are 2 − 2cos(kπ/(n+1)), k = 1 … n (a closed form; Strang 2007, §1.5).
func TestTridiagEigenSecondDifferenceClosedForm(t *testing.T) {
	const n = 40
	d, e := make([]float64, n), make([]float64, n-1)
	for i := range d {
		d[i] = 2
	}
	for i := range e {
		e[i] = -1
	}
	if !tridiagEigen(d, e, nil) {
		t.Fatal("tridiagEigen did not converge")
	}
	for k := 1; k <= n; k++ {
		want := 2 - 2*math.Cos(float64(k)*math.Pi/(n+1))
		if err := math.Abs(d[k-1] - want); err > tridiagTol*n*0x1p-53*4 {
			t.Errorf("λ_%d = %.17g, closed form %.17g", k, d[k-1], want)
		}
	}
}

func TestTridiagEigenPanicsOnShapeMismatch(t *testing.T) {
	mustPanic(t, "e too short", func() { tridiagEigen(make([]float64, 3), make([]float64, 1), nil) })
	mustPanic(t, "z too short", func() { tridiagEigen(make([]float64, 3), make([]float64, 2), make([]float64, 8)) })
}
