package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

// Tolerances of the regression checks.
const (
	// ddSigmas is how many standard errors (sample standard deviation over
	// √repeats) a Monte Carlo mean may be from its theory. The repeats are
	// independent with finite variance away from the threshold (inverse
	// Wishart moments exist up to order about |n − p|/2 ≥ 7 here), so the
	// mean is nearly normal and 4σ fails by chance with probability about
	// 6e-5 per point for these fixed seeds.
	ddSigmas = 4
	// ddRidgeBias bounds the relative gap between finite-n ridge risk and
	// Hastie et al.'s n → ∞ limit: the exact risk differs by O(1/n); at
	// n = 200 we measured at most 1.5%.
	ddRidgeBias = 0.03
	// ddFeaturesBias bounds the relative gap between the test MSE at d = 100
	// and Mei & Montanari's d → ∞ limit away from the peak: the finite-d
	// correction we measured is at most 3% (at N = 4n).
	ddFeaturesBias = 0.04
)

// meanSE returns the sample mean of xs and its standard error.
func meanSE(xs []float64) (mean, se float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(ss / float64(len(xs)-1) / float64(len(xs)))
}

func TestLinearMinNormMonteCarloMatchesTheExactFiniteNMean(t *testing.T) {
	skipUnderWasm(t)
	// Truth: theory.MinNormRisk (Belkin, Hsu & Xu 2020) plus σ², itself
	// checked against the asymptotic formula and a gonum Monte Carlo.
	// |p/n − 1| ≥ 0.15: nearer the threshold the risk is too heavy-tailed
	// for a sample mean.
	s := doubledescent.Default()
	s.Ridge, s.Repeats = 0, 64
	s.Sizes = []int{20, 50, 70, 85, 115, 130, 200, 400}
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Points {
		mean, se := meanSE(p.Values)
		if p.Theory == nil {
			t.Fatalf("p=%d: no theory", p.Size)
		}
		t.Logf("p=%d: Monte Carlo %.4g ± %.2g, exact %.4g (%.1f standard errors)", p.Size, mean, se, *p.Theory, math.Abs(mean-*p.Theory)/se)
		if d := math.Abs(mean - *p.Theory); d > ddSigmas*se {
			t.Errorf("p=%d: Monte Carlo %.4g ± %.2g, exact %.4g: %.1f standard errors apart", p.Size, mean, se, *p.Theory, d/se)
		}
	}
}

func TestLinearMinNormMedianPeaksAtTheInterpolationThreshold(t *testing.T) {
	// Holds README.md, "Double descent", linear regression: the min-norm
	// peak at p/n = 1 (the dd-linear preset's title, "peak at p = n").
	skipUnderWasm(t)
	// Truth: Hastie et al.: the risk diverges at p = n; the median, unlike
	// the mean, is a stable statistic there.
	s := doubledescent.Default()
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	best := res.Points[0]
	for _, p := range res.Points {
		if p.Median > best.Median {
			best = p
		}
	}
	t.Logf("the median peaks at p = %d: %.4g", best.Size, best.Median)
	if best.Size < s.N-5 || best.Size > s.N+5 {
		t.Errorf("the median peaks at p = %d (median %.3g); want p = n ± 5 = %d ± 5", best.Size, best.Median, s.N)
	}
	if res.Threshold == nil || *res.Threshold != 1 {
		t.Errorf("threshold = %v, want 1 (p/n)", res.Threshold)
	}
}

func TestLinearOptimalRidgeHasNoPeakAndMatchesTheory(t *testing.T) {
	skipUnderWasm(t)
	// Truth: theory.OptimalRidgeAsymptotic (Hastie et al.: R* = σ²γ m(−λ*)
	// increases with γ), plus σ²; finite n adds an O(1/n) bias.
	s := doubledescent.Default()
	s.N, s.Ridge, s.Repeats = 200, 0, 32
	s.Sizes = []int{40, 100, 160, 190, 200, 210, 240, 300, 400, 600}
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Curves[0]
	if c.Name != "optimal ridge" {
		t.Fatalf("curve %q, want optimal ridge", c.Name)
	}
	prevMean, prevSE := 0.0, 0.0
	for i, p := range c.Points {
		mean, se := meanSE(p.Values)
		if p.Asymptotic == nil {
			t.Fatalf("p=%d: no asymptotic curve", p.Size)
		}
		want := *p.Asymptotic
		t.Logf("p=%d: Monte Carlo %.4g ± %.2g, asymptotic %.4g (%.1f%%)", p.Size, mean, se, want, 100*(mean-want)/want)
		if d := math.Abs(mean - want); d > ddSigmas*se+ddRidgeBias*want {
			t.Errorf("p=%d: Monte Carlo %.4g ± %.2g, asymptotic %.4g", p.Size, mean, se, want)
		}
		if i > 0 && mean < prevMean-ddSigmas*math.Hypot(se, prevSE) {
			t.Errorf("p=%d: the optimal-ridge MSE falls from %.4g to %.4g; it must not decrease beyond noise", p.Size, prevMean, mean)
		}
		prevMean, prevSE = mean, se
	}
}

func TestRandomFeaturesMatchMeiMontanari(t *testing.T) {
	skipUnderWasm(t)
	// Truth: theory.RandomFeaturesRisk (Mei & Montanari 2019) plus τ², at
	// d = 100 and n = 300 (ψ₂ = 3), away from the peak N = n.
	s := doubledescent.DefaultFor("features")
	s.N, s.Dim, s.Test, s.Repeats = 300, 100, 500, 12
	s.Sizes = []int{30, 60, 150, 600, 1200}
	if testing.Short() {
		s.Sizes = []int{30, 60, 150} // N ≥ 2n costs about 3 s
	}
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Points {
		mean, se := meanSE(p.Values)
		want := *p.Theory
		t.Logf("N=%d: Monte Carlo %.4g ± %.2g, Mei–Montanari %.4g (%.1f%%)", p.Size, mean, se, want, 100*(mean-want)/want)
		if d := math.Abs(mean - want); d > ddSigmas*se+ddFeaturesBias*want {
			t.Errorf("N=%d: Monte Carlo %.4g ± %.2g, Mei–Montanari %.4g (%.1f%% apart)", p.Size, mean, se, want, 100*d/want)
		}
	}
}
