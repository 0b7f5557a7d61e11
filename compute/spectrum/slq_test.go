package spectrum

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
)

const (
	// massTol bounds |∫φ − 1| on the default grid. The grid stops 5σ beyond
	// the extreme nodes, so at most the Gaussian tails of those nodes are
	// lost: at most 2Φ(−5) = 5.73e-7 (closed form; reached when all weight
	// sits on one node), plus
	// a trapezoid error far smaller while σ spans 1.6 grid spacings
	// (measured 4.7e-10). Measured deficits: 4.6e-8 and 4.1e-10 for the two
	// SLQ spectra below, 5.3e-8 with an explicit σ, 5.74e-7 for A = 2I.
	massTol = 1e-6
	// tailLoss is 2Φ(−5), the mass of a unit Gaussian beyond ±5σ.
	tailLoss = 5.733031437583892e-7
	// sumTol bounds |Σ τ_i² − 1| (orthonormal eigenvectors of T_m).
	sumTol = 1e-12
)

// Truth: the eigenvalues are those the matrices are built with (withSpectrum:
// A = Q diag(λ) Qᵀ with Q orthogonal), so the exact spectral measure is known
// without a dense eigensolver.
func TestSLQMatchesTheExactSpectrum(t *testing.T) {
	// Chen, Trogdon & Ubaru (2021) bound W₁ by a quadrature part
	// O(range/m) and a probe part O(1/√(n·n_v)). Each bound
	// is the measured W₁/range with a margin of about 2×: 6.7e-4 for the
	// bulk plus outliers, 4.0e-3 for the semicircle filling the range, where
	// the m-node staircase dominates (9e-3 at m = 30; still 3e-3 with 160
	// probes).
	cases := []struct {
		name   string
		lambda []float64
		w1Tol  float64
	}{
		{"a bulk near zero plus four outliers", bulkAndOutliers(1024, 8, 12, 20, 35), 1.5e-3},
		{"a semicircle bulk filling the whole range", semicircle(1024), 8e-3},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s is recovered to W1/range ≤ %.1e with 80 steps and 10 probes", c.name, c.w1Tol), func(t *testing.T) {
			a := withSpectrum(c.lambda, 21)
			d, err := EstimateDensity(a, DensitySettings{Seed: 1}, nil)
			if err != nil {
				t.Fatal(err)
			}
			exact := slices.Sorted(slices.Values(c.lambda))
			width := exact[len(exact)-1] - exact[0]
			w1 := Wasserstein1(d.Nodes, d.Weights, exact)
			t.Logf("W1 = %.3g, W1/range = %.3g (range %.3g), %d products, mass %.6f", w1, w1/width, width, d.Stats.MatVecs, d.Mass)
			if w1/width > c.w1Tol {
				t.Errorf("W1/range = %.3g > %.1e", w1/width, c.w1Tol)
			}
			if math.Abs(d.Mass-1) > massTol {
				t.Errorf("density integrates to 1 − %.3g, want 1 ± %.0e", 1-d.Mass, massTol)
			}
			var sum float64
			for _, w := range d.Weights {
				sum += w
			}
			if math.Abs(sum-1) > sumTol {
				t.Errorf("quadrature weights sum to %.15f, want 1", sum)
			}
			if d.Stats.Probes != DefaultProbes || d.Stats.MatVecs != DefaultProbes*DefaultSteps {
				t.Errorf("stats %+v, want %d probes of %d steps", d.Stats, DefaultProbes, DefaultSteps)
			}
		})
	}
}

// Truth: exact tr A = Σ λ_i. For Rademacher probes Var(vᵀAv) = 2(‖A‖_F² −
// Σ a_ii²) (Hutchinson 1989; Avron & Toledo 2011), so the mean of p probes
// has standard deviation sd = √(2(‖A‖_F² − Σ a_ii²)/p); we allow 4·sd, which
// a correct estimator exceeds with probability 6e-5. SLQ's trace n·Σ τ²θ =
// n·α₁ = n·q₁ᵀAq₁ uses the same probe directions as Hutchinson with the same
// seed, so the two agree to rounding.
func TestTraceEstimatesAgreeWithTheExactTrace(t *testing.T) {
	lam := bulkAndOutliers(1024, 8, 12, 20, 35)
	a := withSpectrum(lam, 22)
	var exact, frob2, diag2 float64
	for _, l := range lam {
		exact += l
		frob2 += l * l
	}
	for i := range 1024 {
		diag2 += a.At(i, i) * a.At(i, i)
	}
	const p = 10
	sd := math.Sqrt(2 * (frob2 - diag2) / p)
	h, err := Trace(a, p, 5, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := EstimateDensity(a, DensitySettings{Probes: p, Steps: 20, Seed: 5}, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("exact %.6g, Hutchinson %.6g ± %.3g, SLQ %.6g ± %.3g, theoretical sd %.3g", exact, h.Mean, h.StdErr, d.Trace, d.TraceStdErr, sd)
	t.Run("Hutchinson's estimate is within four standard deviations of tr A", func(t *testing.T) {
		if math.Abs(h.Mean-exact) > 4*sd {
			t.Errorf("Hutchinson %.6g, exact %.6g, |error| > 4·sd = %.3g", h.Mean, exact, 4*sd)
		}
	})
	t.Run("SLQ's trace equals Hutchinson's on the same probes", func(t *testing.T) {
		if math.Abs(d.Trace-h.Mean) > 1e-10*math.Abs(exact) {
			t.Errorf("SLQ %.15g vs Hutchinson %.15g", d.Trace, h.Mean)
		}
	})
	t.Run("the reported standard error is within a factor 2 of the theoretical sd", func(t *testing.T) {
		if r := h.StdErr / sd; r < 0.5 || r > 2 {
			t.Errorf("StdErr %.3g, theoretical %.3g (ratio %.2f)", h.StdErr, sd, r)
		}
	})
}

// Truth: Gauss quadrature with m nodes integrates polynomials of degree
// ≤ 2m−1 exactly (Golub & Meurant 2010, Thm 6.3): Σ τ_i² θ_i^k = vᵀA^k v
// for k < 2m, with v the unit probe. The moments are computed by repeated
// products.
func TestQuadratureIsExactForLowDegreeMoments(t *testing.T) {
	const n, m = 128, 4
	a := spikedWishart(n, 200, []float64{6}, 0, 23)
	v := ProbeVector(n, 3, 0, Gaussian)
	q, err := Quadrature(a, v, DensitySettings{Steps: m}, nil)
	if err != nil {
		t.Fatal(err)
	}
	x, y := slices.Clone(v), make([]float64, n)
	for k := 1; k < 2*m; k++ {
		a.MulVecTo(y, x)
		x, y = y, x
		want := dot(v, x) // vᵀA^k v
		var got float64
		for i, th := range q.Nodes {
			got += q.Weights[i] * math.Pow(th, float64(k))
		}
		if math.Abs(got-want) > 1e-11*math.Abs(want) {
			t.Errorf("moment %d: quadrature %.15g, vᵀA^k v %.15g", k, got, want)
		}
	}
}

// Truth: probe i depends only on (seed, i), so per-probe rules computed in any
// order combine to the bits EstimateDensity computes in one run.
func TestQuadratureRulesCombineInAnyOrder(t *testing.T) {
	a := withSpectrum(bulkAndOutliers(256, 5, 9), 24)
	s := DensitySettings{Probes: 4, Steps: 30, Seed: 9, Kind: Gaussian}
	whole, err := EstimateDensity(a, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	quads := make([]Quad, s.Probes)
	for i := s.Probes - 1; i >= 0; i-- {
		if quads[i], err = Quadrature(a, ProbeVector(256, s.Seed, i, s.Kind), s, nil); err != nil {
			t.Fatal(err)
		}
	}
	parts := Combine(quads, s)
	for _, f := range []struct {
		name string
		x, y []float64
	}{{"nodes", whole.Nodes, parts.Nodes}, {"weights", whole.Weights, parts.Weights}, {"values", whole.Values, parts.Values}, {"grid", whole.Grid, parts.Grid}} {
		if !slices.Equal(f.x, f.y) {
			t.Errorf("per-probe rules in reverse order: %s differ from EstimateDensity", f.name)
		}
	}
	if whole.Trace != parts.Trace {
		t.Errorf("trace %v vs %v", whole.Trace, parts.Trace)
	}
}

// Truth: the definitions of the probe distributions.
func TestProbeVectors(t *testing.T) {
	const n = 100
	t.Run("a Rademacher probe has entries ±1/√n", func(t *testing.T) {
		for i, x := range ProbeVector(n, 1, 0, Rademacher) {
			if math.Abs(math.Abs(x)-0.1) > 1e-16 {
				t.Fatalf("entry %d = %v, want ±0.1", i, x)
			}
		}
	})
	t.Run("probes are unit vectors, reproducible, and differ by index and seed", func(t *testing.T) {
		for _, kind := range []ProbeKind{Rademacher, Gaussian} {
			v := ProbeVector(n, 1, 3, kind)
			if math.Abs(norm(v)-1) > 1e-14 {
				t.Errorf("%v: norm %v", kind, norm(v))
			}
			if !slices.Equal(v, ProbeVector(n, 1, 3, kind)) {
				t.Errorf("%v: seed 1 index 3 drawn twice differs", kind)
			}
			if slices.Equal(v, ProbeVector(n, 1, 4, kind)) || slices.Equal(v, ProbeVector(n, 2, 3, kind)) {
				t.Errorf("%v: another index or seed gave the same probe", kind)
			}
		}
	})
	mustPanic(t, "ProbeVector with n = 0", func() { ProbeVector(0, 1, 0, Rademacher) })
	mustPanic(t, "ProbeVector with an unknown kind", func() { ProbeVector(3, 1, 0, ProbeKind(7)) })
}

// Truth: the documented kernel width rules of DensitySettings.
func TestDensityKernelWidth(t *testing.T) {
	a := withSpectrum(bulkAndOutliers(128, 10), 25)
	t.Run("the default σ is √1e-5 times the Ritz range", func(t *testing.T) {
		d, err := EstimateDensity(a, DensitySettings{Probes: 2, Steps: 20}, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := DefaultSigmaFrac * (d.Nodes[len(d.Nodes)-1] - d.Nodes[0])
		if math.Abs(d.Sigma-want) > 1e-15*want || len(d.Grid) != DefaultGrid {
			t.Errorf("σ = %v on %d points, want %v on %d", d.Sigma, len(d.Grid), want, DefaultGrid)
		}
		if lo := d.Nodes[0] - PadSigmas*d.Sigma; d.Grid[0] != lo {
			t.Errorf("grid starts at %v, want θ_min − 5σ = %v", d.Grid[0], lo)
		}
	})
	t.Run("an explicit Sigma is used as given and the density still integrates to 1", func(t *testing.T) {
		d, err := EstimateDensity(a, DensitySettings{Probes: 2, Steps: 20, Sigma: 0.5, Grid: 200}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if d.Sigma != 0.5 || len(d.Grid) != 200 || math.Abs(d.Mass-1) > massTol {
			t.Errorf("σ = %v, %d points, mass %v; want 0.5, 200, 1", d.Sigma, len(d.Grid), d.Mass)
		}
	})
	t.Run("a single eigenvalue (A = 2I) gives a kernel of width √1e-5·2 that integrates to 1 − 2Φ(−5)", func(t *testing.T) {
		// All weight sits on one node, so the grid loses exactly both tails
		// beyond ±5σ, 2Φ(−5), up to the trapezoid error (measured 4.7e-10;
		// the bound allows 3×).
		d, err := EstimateDensity(scaled{n: 50, c: 2}, DensitySettings{Probes: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(d.Sigma-2*DefaultSigmaFrac) > 1e-18 || math.Abs(1-d.Mass-tailLoss) > 1.5e-9 || d.Trace != 100 {
			t.Errorf("σ = %v, mass 1 − %.6g, trace %v; want %v, 1 − %.6g, 100", d.Sigma, 1-d.Mass, d.Trace, 2*DefaultSigmaFrac, tailLoss)
		}
	})
}

// Truth: products counted by a wrapper; EstimateDensity's progress counts one
// per product, probe after probe.
func TestDensityStopsWhenProgressCancels(t *testing.T) {
	const stopAt = 85 // 5 products into the second probe of 80 steps
	op := &counting{Operator: withSpectrum(bulkAndOutliers(128, 6), 26)}
	d, err := EstimateDensity(op, DensitySettings{Probes: 3}, func(done, total int) bool {
		if total != 3*80 {
			t.Errorf("progress total %d, want 240", total)
		}
		return done < stopAt
	})
	if !errors.Is(err, ErrCanceled) {
		t.Fatalf("error %v, want ErrCanceled", err)
	}
	if op.products != stopAt || d.Stats.Probes != 1 {
		t.Errorf("%d products and %d finished probes, want %d and 1", op.products, d.Stats.Probes, stopAt)
	}
	t.Logf("error message: %v", err)
}

// Truth: the documented validation rules of DensitySettings.
func TestDensityRejectsBadSettings(t *testing.T) {
	a := Sym{N: 4, Data: []float64{2, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}}
	cases := []struct {
		name string
		s    DensitySettings
	}{
		{"negative Steps", DensitySettings{Steps: -1}},
		{"negative Probes", DensitySettings{Probes: -1}},
		{"a one-point grid", DensitySettings{Grid: 1}},
		{"a negative Sigma", DensitySettings{Sigma: -1}},
		{"a NaN SigmaFrac", DensitySettings{SigmaFrac: math.NaN()}},
		{"an unknown probe kind", DensitySettings{Kind: 2}},
		{"a negative MemoryBudget", DensitySettings{MemoryBudget: -1}},
	}
	for _, c := range cases {
		t.Run("EstimateDensity rejects "+c.name, func(t *testing.T) {
			if _, err := EstimateDensity(a, c.s, nil); !errors.Is(err, ErrSettings) {
				t.Errorf("%+v: error %v, want ErrSettings", c.s, err)
			}
		})
	}
	t.Run("Quadrature rejects a probe of the wrong length", func(t *testing.T) {
		if _, err := Quadrature(a, []float64{1, 2, 3}, DensitySettings{}, nil); !errors.Is(err, ErrSettings) {
			t.Errorf("error %v, want ErrSettings", err)
		}
	})
	t.Run("EstimateDensity over the memory budget returns ErrMemory", func(t *testing.T) {
		if _, err := EstimateDensity(scaled{n: 1 << 20, c: 1}, DensitySettings{MemoryBudget: 1 << 20}, nil); !errors.Is(err, ErrMemory) {
			t.Errorf("error %v, want ErrMemory", err)
		}
	})
	mustPanic(t, "Combine of no rules", func() { Combine(nil, DensitySettings{}) })
	mustPanic(t, "Combine of rules of different dimensions", func() {
		Combine([]Quad{{Dim: 2, Nodes: []float64{1}, Weights: []float64{1}}, {Dim: 3}}, DensitySettings{})
	})
}
