package spectrum

import (
	"errors"
	"math"
	"slices"
	"testing"
)

// Tolerances, relative to the spectral norm ‖A‖ unless stated.
const (
	// topRelTol: converged extreme Ritz values agree with dense eigenvalues
	// to this accuracy relative to ‖A‖, the backward-stability bound of
	// Lanczos with full reorthogonalization followed by the implicit QR of
	// spectrum/tridiag.go: the computed values are exact for A + E with
	// ‖E‖ = O(ε‖A‖) (Golub & Van Loan 2013, §8.3.6 and §10.1.6), here
	// 50ε. Measured: 1.2e-15 (top ten) and 2.4e-15 (most negative ten).
	topRelTol = 50 * eps
	// fullRelTol: with Steps = n every eigenvalue is matched to this
	// accuracy relative to ‖A‖, the same bound. Measured: 4.2e-15.
	fullRelTol = 50 * eps
	// eps is the machine epsilon of float64, 2⁻⁵².
	eps = 0x1p-52
	// roundingSlack: absolute slack, relative to ‖A‖, added to the residual
	// bound to cover rounding in the computed θ, residual and λ.
	roundingSlack = 1e-11
	// orthoTol: full reorthogonalization keeps max|QᵀQ − I| at this level.
	orthoTol = 1e-12
	// spikeTol: a Ritz value within this distance (relative to the spike)
	// counts as a copy of the spike.
	spikeTol = 1e-6
)

// Truth: mat.EigenSym (LAPACK dsyev) on the dense matrix.
func TestLanczosMatchesDenseEigenvalues(t *testing.T) {
	spikes := []float64{5, 10, 20, 40, 80}
	cases := []struct {
		name   string
		a      Sym
		steps  int
		bottom bool // compare the most negative values instead of the top
		k      int  // how many values to compare (0: all)
		tol    float64
	}{
		{"top ten Ritz values of a spiked Wishart matrix match EigenSym after 150 steps",
			spikedWishart(300, 600, spikes, 0, 1), 150, false, 10, topRelTol},
		{"most negative ten Ritz values of an indefinite matrix (negated Wishart bulk) match EigenSym after 150 steps",
			signedWishart(300, 600, -1, []float64{-30, -15, -8, 12, 25}, -1.5, 2), 150, true, 10, topRelTol},
		{"all Ritz values match EigenSym when Steps equals the dimension",
			spikedWishart(60, 90, []float64{-4, 6}, 1, 3), 60, false, 0, fullRelTol},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			exact := eigenSym(t, c.a)
			res, err := RunLanczos(c.a, LanczosSettings{Steps: c.steps, Seed: 7}, nil)
			if err != nil {
				t.Fatal(err)
			}
			anorm := spectralNorm(exact)
			var want []float64
			var got []Ritz
			switch {
			case c.k == 0:
				want, got = exact, res.Bottom(len(exact))
				if len(res.Values) != len(exact) {
					t.Fatalf("%d Ritz values, want all %d", len(res.Values), len(exact))
				}
			case c.bottom:
				want, got = exact[:c.k], res.Bottom(c.k)
			default:
				want, got = descending(exact)[:c.k], res.Top(c.k)
			}
			var worst float64
			for i, g := range got {
				e := math.Abs(g.Value-want[i]) / anorm
				worst = max(worst, e)
				if e > c.tol {
					t.Errorf("value %d: Ritz %.15g, dense %.15g, relative error %.2g > %.0e", i, g.Value, want[i], e, c.tol)
				}
			}
			t.Logf("largest relative error %.2g over %d values", worst, len(got))
		})
	}
}

// Truth: for a Ritz pair (θ, y) with ‖Ay − θy‖ = ρ, some eigenvalue λ of A has
// |θ − λ| ≤ ρ (Kahan; Parlett 1998, Thm 4.5.1). Eigenvalues from mat.EigenSym;
// the residual of each Ritz vector is recomputed directly.
func TestRitzResidualsBoundDistanceToSpectrum(t *testing.T) {
	a := spikedWishart(300, 600, []float64{5, 10, 20, 40, 80}, 0, 4)
	exact := eigenSym(t, a)
	anorm := spectralNorm(exact)
	l, err := NewLanczos(300, LanczosSettings{Steps: 40, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	aq := make([]float64, 300)
	for !l.Done() {
		a.MulVecTo(aq, l.Vector())
		l.Step(aq)
	}
	res := l.Result()
	y, ay := make([]float64, 300), make([]float64, 300)
	t.Run("every Ritz value lies within its residual of an eigenvalue", func(t *testing.T) {
		for i, th := range res.Values {
			if d := nearest(th, exact); d > res.Residuals[i]+roundingSlack*anorm {
				t.Errorf("Ritz value %d = %.12g: distance %.3g to the spectrum exceeds residual %.3g", i, th, d, res.Residuals[i])
			}
		}
	})
	t.Run("the reported residual equals ‖Ay − θy‖ of the Ritz vector", func(t *testing.T) {
		for i, th := range res.Values {
			l.RitzVectorTo(y, i)
			a.MulVecTo(ay, y)
			axpy(-th, y, ay)
			if d := math.Abs(norm(ay) - res.Residuals[i]); d > 1e-9*anorm {
				t.Errorf("Ritz value %d: ‖Ay − θy‖ = %.6g, reported %.6g", i, norm(ay), res.Residuals[i])
			}
			if d := math.Abs(norm(y) - 1); d > 1e-12 {
				t.Errorf("Ritz vector %d has norm %.15g, want 1", i, norm(y))
			}
		}
	})
	t.Run("the five spikes have converged to tiny residuals after 40 steps", func(t *testing.T) {
		for _, r := range res.Top(5) {
			if r.Residual > 1e-8*anorm {
				t.Errorf("Ritz value %.10g: residual %.3g, want ≤ %.1g", r.Value, r.Residual, 1e-8*anorm)
			}
		}
	})
}

// Truth: the matrix is built with eigenvalues exactly {bulk in [−0.1, 1.9]} ∪
// {1e3, 1e4, 1e5}, each simple, so each spike must appear once among the Ritz
// values. Plain Lanczos (no reorthogonalization) on the same matrix is the
// negative control: it loses orthogonality (Paige 1972) and repeats spikes.
func TestLanczosBasisStaysOrthonormal(t *testing.T) {
	spikes := []float64{1e3, 1e4, 1e5}
	a := withSpectrum(bulkAndOutliers(256, spikes...), 5)
	run := func(reorth int) LanczosResult {
		l, err := NewLanczos(256, LanczosSettings{Steps: 120, Seed: 1, MeasureOrthogonality: true})
		if err != nil {
			t.Fatal(err)
		}
		l.reorth = reorth
		aq := make([]float64, 256)
		for !l.Done() {
			a.MulVecTo(aq, l.Vector())
			l.Step(aq)
		}
		return l.Result()
	}
	copies := func(res LanczosResult, spike float64) int {
		c := 0
		for _, th := range res.Values {
			if math.Abs(th-spike) <= spikeTol*spike {
				c++
			}
		}
		return c
	}
	t.Run("with full reorthogonalization QᵀQ = I to 1e-12 and each spike appears once", func(t *testing.T) {
		res := run(2)
		if o := res.Stats.Orthogonality; o > orthoTol {
			t.Errorf("max |QᵀQ − I| = %.3g after %d steps, want ≤ %.0e", o, res.Stats.Steps, orthoTol)
		} else {
			t.Logf("max |QᵀQ − I| = %.3g after %d steps", o, res.Stats.Steps)
		}
		for _, s := range spikes {
			if c := copies(res, s); c != 1 {
				t.Errorf("spike %g: %d Ritz values within %.0e, want exactly 1", s, c, spikeTol)
			}
		}
	})
	t.Run("without reorthogonalization the same check finds ghost copies", func(t *testing.T) {
		res := run(0)
		ghosts := 0
		for _, s := range spikes {
			ghosts += copies(res, s) - 1
		}
		if ghosts == 0 || res.Stats.Orthogonality < 1e-3 {
			t.Errorf("plain Lanczos: %d ghosts, orthogonality %.3g; the control should lose orthogonality", ghosts, res.Stats.Orthogonality)
		}
		t.Logf("plain Lanczos: %d ghost copies, max |QᵀQ − I| = %.3g", ghosts, res.Stats.Orthogonality)
	})
}

// Truth: the operator products are counted by a wrapper.
func TestLanczosStopsWhenProgressCancels(t *testing.T) {
	const stopAt = 5
	op := &counting{Operator: spikedWishart(100, 150, nil, 0, 6)}
	res, err := RunLanczos(op, LanczosSettings{Steps: 50}, func(step, total int) bool {
		if total != 50 {
			t.Errorf("progress total = %d, want 50", total)
		}
		return step < stopAt
	})
	if !errors.Is(err, ErrCanceled) {
		t.Fatalf("error %v, want ErrCanceled", err)
	}
	if op.products != stopAt || res.Stats.MatVecs != stopAt || len(res.Values) != stopAt {
		t.Errorf("canceled at step %d: %d products, Stats.MatVecs %d, %d Ritz values; want %d of each",
			stopAt, op.products, res.Stats.MatVecs, len(res.Values), stopAt)
	}
	t.Logf("error message: %v", err)
}

// Truth: LanczosBytes counts (steps+2)·n + steps² + 8·steps float64 words:
// 8·(82·26000 + 6400 + 640) = 17,112,320 bytes = 16.3 MiB for the default 80
// steps on 26,000 parameters.
func TestLanczosRefusesRunsOverTheMemoryBudget(t *testing.T) {
	t.Run("a 26,000-parameter run over an 8 MiB budget returns a MemoryError", func(t *testing.T) {
		_, err := NewLanczos(26000, LanczosSettings{MemoryBudget: 8 << 20})
		var me *MemoryError
		if !errors.Is(err, ErrMemory) || !errors.As(err, &me) {
			t.Fatalf("error %v, want a *MemoryError wrapping ErrMemory", err)
		}
		want := "spectrum: Lanczos needs 16.3 MiB for 80 vectors of 26,000 parameters; the limit is 8.0 MiB"
		if err.Error() != want || me.Need != LanczosBytes(26000, 80) {
			t.Errorf("error %q (need %d), want %q (need %d)", err, me.Need, want, LanczosBytes(26000, 80))
		}
	})
	t.Run("a run that would need terabytes is refused before allocating", func(t *testing.T) {
		op := &counting{Operator: scaled{n: 1 << 40, c: 1}}
		allocs := testing.AllocsPerRun(3, func() {
			if _, err := RunLanczos(op, LanczosSettings{}, nil); !errors.Is(err, ErrMemory) {
				t.Errorf("error %v, want ErrMemory", err)
			}
		})
		if allocs > 2 || op.products != 0 {
			t.Errorf("%v allocations and %d products before refusing, want ≤ 2 and 0", allocs, op.products)
		}
		t.Logf("%v allocations (the error value) before refusing", allocs)
	})
	t.Run("LanczosBytes saturates instead of overflowing", func(t *testing.T) {
		if b := LanczosBytes(math.MaxInt, math.MaxInt); b != math.MaxInt64 {
			t.Errorf("LanczosBytes(MaxInt, MaxInt) = %d, want MaxInt64", b)
		}
	})
}

// Truth: determinism of the code path (same seed → same bits); the seed must
// matter (a different seed → a different start vector and different α₁).
func TestLanczosIsDeterministic(t *testing.T) {
	a := spikedWishart(120, 200, []float64{9}, 0, 8)
	run := func(seed uint64) LanczosResult {
		res, err := RunLanczos(a, LanczosSettings{Steps: 30, Seed: seed}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	r1, r2, r3 := run(11), run(11), run(12)
	for _, f := range []struct {
		name string
		x, y []float64
	}{{"values", r1.Values, r2.Values}, {"weights", r1.Weights, r2.Weights}, {"residuals", r1.Residuals, r2.Residuals}, {"alpha", r1.Alpha, r2.Alpha}} {
		if !slices.Equal(f.x, f.y) {
			t.Errorf("seed 11 twice: %s differ", f.name)
		}
	}
	if r1.Alpha[0] == r3.Alpha[0] {
		t.Errorf("seeds 11 and 12 gave the same α₁ = %v", r1.Alpha[0])
	}
}

// Truth: for A = c·I every start vector spans an invariant subspace, so
// Lanczos stops after one step with the single eigenvalue c and weight 1; for
// A = I + θuuᵀ the Krylov space has dimension 2 and the eigenvalues are 1 and
// 1 + θ (hand derivation).
func TestLanczosStopsAtAnInvariantSubspace(t *testing.T) {
	for _, c := range []float64{0, 3} {
		res, err := RunLanczos(scaled{n: 40, c: c}, LanczosSettings{}, nil)
		if err != nil {
			t.Fatalf("A = %g·I: %v", c, err)
		}
		if !res.Breakdown || len(res.Values) != 1 || res.Values[0] != c || math.Abs(res.Weights[0]-1) > 1e-15 {
			t.Errorf("A = %g·I: breakdown %v, values %v, weights %v; want one value %g with weight 1",
				c, res.Breakdown, res.Values, res.Weights, c)
		}
	}
	t.Run("a rank-one update of the identity stops after two steps", func(t *testing.T) {
		const n, theta = 64, 7.0
		lam := make([]float64, n)
		for i := range lam {
			lam[i] = 1
		}
		lam[n-1] = 1 + theta
		res, err := RunLanczos(withSpectrum(lam, 9), LanczosSettings{Steps: 30}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Values) != 2 || math.Abs(res.Values[0]-1) > 1e-12 || math.Abs(res.Values[1]-1-theta) > 1e-12 {
			t.Errorf("values %v, want [1 %g] after 2 steps", res.Values, 1+theta)
		}
	})
}

// Truth: the operator is poisoned with NaN from its third product on.
func TestLanczosReportsNonFiniteProducts(t *testing.T) {
	op := &poisoned{Operator: spikedWishart(50, 80, nil, 0, 10), at: 3}
	res, err := RunLanczos(op, LanczosSettings{Steps: 20}, nil)
	if !errors.Is(err, ErrNotFinite) {
		t.Fatalf("error %v, want ErrNotFinite", err)
	}
	if len(res.Values) != 2 || res.Stats.MatVecs != 3 {
		t.Errorf("%d Ritz values and %d products, want the 2 good steps of 3 products", len(res.Values), res.Stats.MatVecs)
	}
}

// Truth: the documented validation rules of LanczosSettings.
func TestLanczosRejectsBadSettings(t *testing.T) {
	cases := []struct {
		name string
		n    int
		s    LanczosSettings
	}{
		{"a zero dimension", 0, LanczosSettings{}},
		{"a negative dimension", -3, LanczosSettings{}},
		{"negative Steps", 10, LanczosSettings{Steps: -1}},
		{"a negative Tol", 10, LanczosSettings{Tol: -1}},
		{"a NaN Tol", 10, LanczosSettings{Tol: math.NaN()}},
		{"a negative MemoryBudget", 10, LanczosSettings{MemoryBudget: -1}},
		{"a Start of the wrong length", 10, LanczosSettings{Start: make([]float64, 9)}},
		{"a zero Start", 10, LanczosSettings{Start: make([]float64, 10)}},
		{"a Start with NaN", 10, LanczosSettings{Start: []float64{1, 2, 3, math.NaN(), 5, 6, 7, 8, 9, 10}}},
	}
	for _, c := range cases {
		t.Run("NewLanczos rejects "+c.name, func(t *testing.T) {
			if _, err := NewLanczos(c.n, c.s); !errors.Is(err, ErrSettings) {
				t.Errorf("n=%d %+v: error %v, want ErrSettings", c.n, c.s, err)
			}
		})
	}
}

// Truth: the package contract in compute/spectrum/doc.go — a shape
// mismatch is a programmer's mistake and panics with a "spectrum: " message.
func TestShapeMismatchesPanic(t *testing.T) {
	a := spikedWishart(8, 8, nil, 0, 1)
	mustPanic(t, "Sym.MulVecTo with a short dst", func() { a.MulVecTo(make([]float64, 7), make([]float64, 8)) })
	l, err := NewLanczos(8, LanczosSettings{Steps: 1})
	if err != nil {
		t.Fatal(err)
	}
	mustPanic(t, "Step with a short product", func() { l.Step(make([]float64, 7)) })
	mustPanic(t, "RitzVectorTo before any step", func() { l.RitzVectorTo(make([]float64, 8), 0) })
	l.Step(make([]float64, 8))
	mustPanic(t, "Step after the run is done", func() { l.Step(make([]float64, 8)) })
	mustPanic(t, "RitzVectorTo with a short dst", func() { l.RitzVectorTo(make([]float64, 7), 0) })
	mustPanic(t, "Top with a negative count", func() { l.Result().Top(-1) })
}
