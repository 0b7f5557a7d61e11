package run

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

// bump returns, for each point of ys, how far it rises above the lower of
// the smallest value before it and the smallest value after it, as a ratio
// (ys[i] / max(min_{j<i} y_j, min_{j>i} y_j)) and as a difference. A curve
// that only falls, only rises or falls then rises has no bump above 1 (or
// 0); a peak between two lower stretches has one.
func bump(ys []float64) (ratio, diff []float64) {
	for i, y := range ys {
		lo := math.Inf(1)
		left, right := math.Inf(1), math.Inf(1)
		for j := range i {
			left = min(left, ys[j])
		}
		for j := i + 1; j < len(ys); j++ {
			right = min(right, ys[j])
		}
		lo = max(left, right)
		if math.IsInf(lo, 1) {
			lo = y // an end point is no bump
		}
		ratio, diff = append(ratio, y/lo), append(diff, y-lo)
	}
	return ratio, diff
}

func medians(ps []doubledescent.Stat) []float64 {
	var ys []float64
	for _, p := range ps {
		ys = append(ys, p.Median)
	}
	return ys
}

func means(ps []doubledescent.Stat) []float64 {
	var ys []float64
	for _, p := range ps {
		ys = append(ys, p.Mean)
	}
	return ys
}

// Thresholds of the peak checks.
const (
	// lstdPeak is the least bump ratio of the true MSBE at N ≈ m with a
	// tiny λ: Brellmann et al. report a peak of orders of magnitude; we
	// measured about 250 for the preset.
	lstdPeak = 10
	// flat is the largest bump ratio of a curve without a peak: the medians
	// of 10–20 repeats move by a few per cent from size to size (with λ = 1e-3
	// and 40 repeats the curve falls monotonically).
	flat = 1.1
	// mlpPeak is the least rise, in test error rate, of the seed-averaged
	// peak above the minimum before it and the error after it; mlpFlat the
	// largest bump without label noise. With 4 repeats of 1000 test
	// points the mean error rates have standard errors near 0.01.
	mlpPeak = 0.05
	mlpFlat = 0.025
)

func TestLSTDPeaksAtTheVisitedStatesOnlyWithTinyRidgeAndPartialCoverage(t *testing.T) {
	// Holds README.md, "Double descent", LSTD: "the peak at N = m for a tiny
	// ridge, gone with λ = 1e-3" (a bump of at least lstdPeak within 10% of
	// N = m; none above flat with λ = 1e-3).
	skipUnderWasm(t)
	// Truth: Brellmann et al. (2024): with λ → 0 the true MSBE peaks at
	// N = m; a larger λ, or a trajectory that visits every state, removes
	// the peak.
	base := doubledescent.DefaultFor("lstd")
	e := newLSTDEnv(&base)
	m := len(e.traj.Visited(base.States))
	if m == base.States {
		t.Fatalf("the preset's trajectory visits all %d states", m)
	}
	sizes := func(m int) []int {
		var out []int
		for _, x := range []float64{0.25, 0.5, 0.75, 0.85, 0.92, 1, 1.08, 1.15, 1.3, 1.6, 2, 3} {
			out = append(out, int(math.Round(x*float64(m))))
		}
		return out
	}
	cases := []struct {
		name   string
		change func(s *doubledescent.Spec)
		peak   bool
	}{
		{"λ = 1e-9 peaks at N = m", func(s *doubledescent.Spec) {}, true},
		{"λ = 1e-3 has no peak", func(s *doubledescent.Spec) { s.Ridge, s.Repeats = 1e-3, 20 }, false},
		{"full coverage has no peak", func(s *doubledescent.Spec) { s.N = 3000 }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := base
			c.change(&s)
			visited := len(newLSTDEnv(&s).traj.Visited(s.States))
			s.Sizes = sizes(visited)
			res, err := Run(s, experiment.Assets{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Visited != visited {
				t.Errorf("visited = %d, want %d", res.Visited, visited)
			}
			ratio, _ := bump(medians(res.Points))
			t.Logf("m = %d: N/m and median true MSBE: %s", visited, ddTable(res.Points))
			top := 0
			for i := range ratio {
				if ratio[i] > ratio[top] {
					top = i
				}
			}
			x := res.Points[top].X
			switch {
			case c.peak && (ratio[top] < lstdPeak || math.Abs(x-1) > 0.1):
				t.Errorf("the largest bump is %.3g at N/m = %.3g; want ≥ %g within 10%% of N = m = %d", ratio[top], x, float64(lstdPeak), visited)
			case !c.peak && ratio[top] > flat:
				t.Errorf("a bump of %.3g at N/m = %.3g; want none above %g", ratio[top], x, flat)
			}
		})
	}
}

func TestLabelNoiseMakesTheNetworkPeakAtTheInterpolationThreshold(t *testing.T) {
	// Holds README.md, "Double descent": the network "with 0% or 20% label
	// noise" (a peak of at least mlpPeak with 20%, none above mlpFlat with 0%).
	skipUnderWasm(t)
	// Truth: Nakkiran et al. (2020) and Gu et al. (2023): with 20% label
	// noise the seed-averaged test error rises above its earlier minimum
	// near the width where training first reaches 100% accuracy, then
	// falls again; without noise it does not rise.
	base := doubledescent.DefaultFor("mlp")
	base.Repeats = 4
	base.Sizes = []int{2, 3, 4, 6, 8, 12, 16, 24, 48}
	for _, noise := range []float64{0.2, 0} {
		s := base
		s.Noise = noise
		res, err := Run(s, experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		ys := means(res.Points)
		t.Logf("noise %g: widths %v: mean test error %.3f, threshold %s", noise, s.Sizes, ys, ddThreshold(res))
		if noise == 0 {
			if _, diff := bump(ys); slicesMax(diff) > mlpFlat {
				t.Errorf("noise 0: test errors %.3f rise by %.3f; want no rise above %g", ys, slicesMax(diff), mlpFlat)
			}
			continue
		}
		if res.Threshold == nil {
			t.Fatalf("noise %g: no width interpolates", noise)
		}
		th := *res.Threshold
		peak := -1
		for i, p := range res.Points {
			if p.X >= th/2 && p.X <= 2*th && (peak < 0 || ys[i] > ys[peak]) {
				peak = i
			}
		}
		before, after := slicesMin(ys[:peak]), ys[len(ys)-1]
		if ys[peak]-before < mlpPeak || ys[peak]-after < mlpPeak {
			t.Errorf("noise %g: test errors %.3f with threshold %g: the peak %.3f at width %d is not %g above the minimum %.3f before it and the last %.3f",
				noise, ys, th, ys[peak], res.Points[peak].Size, mlpPeak, before, after)
		}
		if knn := res.Curves[1]; knn.Name != "kNN recognition" {
			t.Errorf("curve %q, want kNN recognition", knn.Name)
		}
	}
}

func slicesMax(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

func slicesMin(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = min(m, x)
	}
	return m
}

// ddTable formats a curve's x and median for logs.
func ddTable(ps []doubledescent.Stat) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintf(&b, " %.3g:%.3g", p.X, p.Median)
	}
	return b.String()
}

func ddThreshold(r *doubledescent.Result) string {
	if r.Threshold == nil {
		return "none"
	}
	return fmt.Sprint(*r.Threshold)
}
