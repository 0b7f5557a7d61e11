package run

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// The counts below go through Run or Train → Probe →
// Assemble, the code the CLI and the page's worker pool run, so they
// are the numbers a user sees.
//
// Truth for the class counts: Sagun et al. 2017 (arXiv:1706.04454, §3: the
// outliers follow the data's classes) and Papyan 2020 (JMLR 21(252): the
// Gauss-Newton term's class means give C − 1 outliers, as the per-sample
// output Hessian diag(p) − ppᵀ has rank C − 1; sometimes C).

// runCount returns the outlier count of the default preset changed by edit.
func runCount(t *testing.T, edit func(*spectrum.Spec)) *spectrum.Result {
	t.Helper()
	s := spectrum.Default()
	edit(&s)
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestPresetsShowCMinusOneOutliers(t *testing.T) {
	skipUnderWasm(t)
	// The ten- and three-class presets of the page (app/presets.go:
	// classes10 is the default, classes3 sets classes=3).
	for _, classes := range []int{10, 3} {
		t.Run(fmt.Sprintf("%d classes show %d outliers", classes, classes-1), func(t *testing.T) {
			res := runCount(t, func(s *spectrum.Spec) { s.Classes = classes })
			if res.Outliers != classes-1 {
				t.Errorf("%d outliers (edge %.4g, gap ratio %.3g), want %d; top %.4g", res.Outliers, res.BulkEdge, res.GapRatio, classes-1, res.Top)
			}
		})
	}
}

func TestSeedAveragedCountIsCMinusOne(t *testing.T) {
	skipUnderWasm(t)
	if testing.Short() {
		t.Skip("20 trained runs (about a minute); make test runs it")
	}
	// Measured means: C = 4 → 2.58 over seeds 1–12 (the third class
	// outlier is often within 1.2× of the bulk; the count is flagged weak
	// there), C = 6 → 5.0 and C = 8 → 7.0 over seeds 1–4. The bound is
	// ±0.5 around C − 1.
	for _, c := range []struct{ classes, seeds int }{{4, 12}, {6, 4}, {8, 4}} {
		t.Run(fmt.Sprintf("C = %d over %d seeds", c.classes, c.seeds), func(t *testing.T) {
			var sum float64
			var counts []int
			for seed := 1; seed <= c.seeds; seed++ {
				res := runCount(t, func(s *spectrum.Spec) { s.Classes, s.Seed = c.classes, uint64(seed) })
				sum += float64(res.Outliers)
				counts = append(counts, res.Outliers)
			}
			if mean := sum / float64(c.seeds); math.Abs(mean-float64(c.classes-1)) > 0.5 {
				t.Errorf("mean count %.2f (counts %v), want within 0.5 of C − 1 = %d", mean, counts, c.classes-1)
			}
		})
	}
}

func TestTopKNeverChangesTheDefaultCount(t *testing.T) {
	skipUnderWasm(t)
	// Truth: the outliers of the default preset are its 9 class outliers
	// (above); asking for more or fewer extreme eigenvalues must not move
	// them. The training and the probes are shared: TopK only selects how
	// many Ritz values probe 0 reports, so each top-k is one assembly.
	// Top-k above 80 needs 100 Lanczos steps (Validate: topk ≤ steps).
	base := spectrum.Default()
	tr, err := Train(base, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, probes := range []int{10, 1} {
		for _, steps := range []int{80, 100} {
			s := base
			s.Probes, s.Steps, s.TopK = probes, steps, steps
			ps := make([]*spectrum.ProbeResult, probes)
			for i := range ps {
				if ps[i], err = Probe(s, experiment.Assets{}, tr.Theta, i, nil); err != nil {
					t.Fatal(err)
				}
			}
			for k := 10; k <= 100; k += 10 {
				if (steps == 80) != (k <= 80) {
					continue
				}
				s.TopK = k
				p0 := *ps[0]
				p0.Top, p0.Residuals = p0.Top[:k], p0.Residuals[:k]
				p0.Bottom, p0.BottomResiduals = p0.Bottom[:k], p0.BottomResiduals[:k]
				res, err := Assemble(s, tr, append([]*spectrum.ProbeResult{&p0}, ps[1:]...))
				if err != nil {
					t.Fatal(err)
				}
				if res.Outliers != 9 || res.WeakGap {
					t.Errorf("probes=%d steps=%d topk=%d: %d outliers (weak %v, edge %.4g, ratio %.3g), want 9",
						probes, steps, k, res.Outliers, res.WeakGap, res.BulkEdge, res.GapRatio)
				}
			}
		}
	}
}

func TestTwoClassGaussNewtonHasOneOutlier(t *testing.T) {
	skipUnderWasm(t)
	// Ten samples of two classes trained to a loss of 5e-5: the Gauss-Newton
	// matrix has rank N(C − 1) = 10, one eigenvalue 3× above the other
	// nine, which spread over five decades down to 4e-8. C − 1 = 1.
	res := runCount(t, func(s *spectrum.Spec) {
		s.Classes, s.Dim, s.Samples, s.Hidden, s.Epochs = 2, 5, 10, []int{16}, 3000
		s.Curvature, s.TopK, s.Steps = "ggn", 20, 60
	})
	if res.Outliers != 1 {
		t.Errorf("%d outliers (edge %.4g, gap ratio %.3g), want 1; top %.4g", res.Outliers, res.BulkEdge, res.GapRatio, res.Top)
	}
}
