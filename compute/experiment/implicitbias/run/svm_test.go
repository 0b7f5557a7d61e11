package run

import (
	"math"
	"sort"
	"testing"

	"github.com/overparam/overparam/compute/rng"
	"gonum.org/v1/gonum/mat"
)

// Truth: a dense decomposition, gonum's mat.SVD. The Jacobi SVD's
// singular values agree with it to 1e-12 relative, B = AV has orthogonal
// columns and V is orthogonal, also warm started from another matrix's V.
func TestTheJacobiSVDMatchesADenseSVD(t *testing.T) {
	r := rng.New(5, rng.Init)
	for _, d := range []int{2, 5, 10, 24} {
		dec := newSVD(d)
		for trial := range 3 {
			a := make([]float64, d*d)
			rng.NormalVec(r, a)
			if trial == 2 { // rank deficient: the last column repeats the first
				for i := range d {
					a[i*d+d-1] = a[i*d]
				}
			}
			dec.factor(a)
			var ref mat.SVD
			if !ref.Factorize(mat.NewDense(d, d, append([]float64(nil), a...)), mat.SVDNone) {
				t.Fatal("gonum's SVD failed")
			}
			want := ref.Values(nil)
			got := append([]float64(nil), dec.sigma...)
			sort.Sort(sort.Reverse(sort.Float64Slice(got)))
			for j := range d {
				if math.Abs(got[j]-want[j]) > 1e-12*want[0] {
					t.Errorf("d=%d trial %d: σ_%d = %.15g, gonum %.15g", d, trial, j, got[j], want[j])
				}
			}
			vtv := make([]float64, d*d)
			tMulTo(vtv, dec.v, dec.v, d)
			for i := range d {
				for j := range d {
					if want := b2f(i == j); math.Abs(vtv[i*d+j]-want) > 1e-13 {
						t.Fatalf("d=%d trial %d: (VᵀV)[%d,%d] = %g", d, trial, i, j, vtv[i*d+j])
					}
				}
			}
			// A = B Vᵀ.
			back := make([]float64, d*d)
			mulTTo(back, dec.b, dec.v, d)
			for i := range a {
				if math.Abs(back[i]-a[i]) > 1e-12*want[0] {
					t.Fatalf("d=%d trial %d: (BVᵀ − A)[%d] = %g", d, trial, i, back[i]-a[i])
				}
			}
		}
	}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// Truth: the subgradient optimality of the proximal map (Cai, Candès &
// Shen 2010, Theorem 2.1): Y = SVT_τ(A) minimises τ‖Y‖_* + ½‖Y − A‖², so
// for random directions E the objective never decreases along Y + εE.
func TestSingularValueThresholdingIsTheProximalMapOfTheNuclearNorm(t *testing.T) {
	const d, tau = 6, 0.7
	r := rng.New(9, rng.Init)
	a := make([]float64, d*d)
	rng.NormalVec(r, a)
	y := make([]float64, d*d)
	newSVD(d).svtTo(y, a, tau)
	obj := func(y []float64) float64 {
		var s float64
		for i := range y {
			s += (y[i] - a[i]) * (y[i] - a[i])
		}
		return tau*nuclearNorm(y, d) + s/2
	}
	base := obj(y)
	e := make([]float64, d*d)
	for range 50 {
		rng.NormalVec(r, e)
		for _, eps := range []float64{1e-3, -1e-3} {
			yp := append([]float64(nil), y...)
			for i := range yp {
				yp[i] += eps * e[i]
			}
			if got := obj(yp); got < base-1e-12 {
				t.Fatalf("objective %.12g at Y+εE < %.12g at SVT", got, base)
			}
		}
	}
}

// Truth: the KKT conditions of min ½‖W‖² s.t. ⟨A_k, W⟩ ≥ 1 (Boyd &
// Vandenberghe 2004, §5.5.3): W = Σ α_k A_k (by construction), α ≥ 0,
// primal feasibility and complementary slackness α_k(⟨A_k, W⟩ − 1) = 0,
// each to 1e-9; and weak duality for the nuclear-norm SVM: its certified
// relative gap is below 1e-6 and it is feasible to 1e-6. Each solution is
// also optimal against the other's: ‖W^mm_*‖_* ≤ ‖W^mm_F‖_* and
// ‖W^mm_F‖_F ≤ ‖W^mm_*‖_F, both being feasible.
func TestTheAttentionSVMsMeetTheirOptimalityConditions(t *testing.T) {
	for seed := uint64(1); seed <= 4; seed++ {
		p := newProblem(6, 8, 10, seed)
		cs := constraints(p, p.opt)
		w, alpha, sweeps, err := solveFro(cs, p.d)
		if err != nil {
			t.Fatal(err)
		}
		fro := froSolution(cs, w, alpha, sweeps, p.d)
		if math.Abs(fro.MinMargin-1) > 1e-9 {
			t.Errorf("seed %d: Frobenius min margin %.15g, want 1 ± 1e-9", seed, fro.MinMargin)
		}
		for k, a := range alpha {
			if a < 0 {
				t.Errorf("seed %d: α_%d = %g < 0", seed, k, a)
			}
		}
		if fro.Gap > 1e-9 {
			t.Errorf("seed %d: complementary slackness %g > 1e-9", seed, fro.Gap)
		}
		nuc := solveNuc(cs, w, p.d, 3000)
		if nuc.Gap > 1e-6 || nuc.Gap < -1e-12 {
			t.Errorf("seed %d: nuclear relative duality gap %g, want in [0, 1e-6]", seed, nuc.Gap)
		}
		if nuc.MinMargin < 1-1e-6 {
			t.Errorf("seed %d: nuclear solution's min margin %.9g < 1 − 1e-6", seed, nuc.MinMargin)
		}
		if nn, fn := nuc.Norm, nuclearNorm(fro.W, p.d); nn > fn*(1+1e-9) {
			t.Errorf("seed %d: ‖W^mm_*‖_* = %.9g > ‖W^mm_F‖_* = %.9g", seed, nn, fn)
		}
		if ff, nf := fro.Norm, frob(nuc.W); ff > nf*(1+1e-9) {
			t.Errorf("seed %d: ‖W^mm_F‖_F = %.9g > ‖W^mm_*‖_F = %.9g", seed, ff, nf)
		}
		if nuc.Rank >= fro.Rank {
			t.Errorf("seed %d: rank(W^mm_*) = %d is not below rank(W^mm_F) = %d", seed, nuc.Rank, fro.Rank)
		}
	}
}

// Truth: for one sequence every A_k = Δx_k zᵀ shares z, so a feasible W
// needs only Wz, and ‖W‖_* ≥ ‖Wz‖/‖z‖ with equality for W = u zᵀ/‖z‖²:
// both SVMs are solved by the same rank-one matrix (the Frobenius norm
// equals the nuclear norm on rank one), to 1e-6 relative.
func TestForOneSequenceTheTwoSVMsCoincide(t *testing.T) {
	for seed := uint64(1); seed <= 3; seed++ {
		p := newProblem(1, 8, 10, seed)
		cs := constraints(p, p.opt)
		w, _, _, err := solveFro(cs, p.d)
		if err != nil {
			t.Fatal(err)
		}
		nuc := solveNuc(cs, w, p.d, 3000)
		diff := make([]float64, len(w))
		for i := range w {
			diff[i] = nuc.W[i] - w[i]
		}
		if rel := frob(diff) / frob(w); rel > 1e-6 {
			t.Errorf("seed %d: ‖W^mm_* − W^mm_F‖/‖W^mm_F‖ = %.3g > 1e-6", seed, rel)
		}
	}
}
