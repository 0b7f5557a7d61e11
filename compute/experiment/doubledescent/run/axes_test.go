package run

import (
	"fmt"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

func statsOf(medians ...float64) []doubledescent.Stat {
	ps := make([]doubledescent.Stat, len(medians))
	for i, m := range medians {
		ps[i] = doubledescent.Stat{Size: 10 * (i + 1), X: float64(i + 1), Median: m}
	}
	return ps
}

// TestFindPeakFollowsItsRule: the peak rule of doubledescent.FindPeak applied by hand to
// small curves (each case's comment gives the ratios).
func TestFindPeakFollowsItsRule(t *testing.T) {
	cases := []struct {
		name    string
		medians []float64
		want    int // index of the peak, −1 for none
	}{
		{"a sharp peak: 10/1 and 10/2", []float64{1, 3, 10, 4, 2}, 2},
		{"falling only: no point rises above a lower one before it", []float64{5, 4, 3, 2, 1}, -1},
		{"rising only: the last point has nothing after it", []float64{1, 2, 3, 4}, -1},
		{"falling then rising: the end is not a peak", []float64{5, 2, 1, 2, 5}, -1},
		{"a 10% bump: 1.1/1.0 < 1.2", []float64{1.2, 1.0, 1.1, 1.0, 0.9}, -1},
		{"a 30% bump: 1.3/1.0 and 1.3/1.0 ≥ 1.2", []float64{1.2, 1.0, 1.3, 1.0, 0.9}, 2},
		{"the under-fitted start is not the peak: 0.52 has nothing lower before it", []float64{0.52, 0.38, 0.26, 0.3, 0.42, 0.37, 0.30}, 4},
		{"two bumps: the higher is the peak", []float64{1, 2, 1, 5, 1}, 3},
		{"a later rise above the bump: it is not the largest from the minimum on", []float64{1, 2, 1, 0.5, 3}, -1},
		{"too short", []float64{1, 2}, -1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := doubledescent.FindPeak(statsOf(c.medians...))
			switch {
			case c.want < 0 && p != nil:
				t.Errorf("medians %v: peak at size %d, want none", c.medians, p.Size)
			case c.want >= 0 && (p == nil || p.Size != 10*(c.want+1)):
				t.Errorf("medians %v: peak %+v, want at index %d", c.medians, p, c.want)
			}
		})
	}
}

// TestPresetPeaks: the sweeps whose papers report a peak have one where
// they report it, and the ones that show its absence have none. Truth:
// Hastie et al. 2019 (min-norm peaks at p = n) and Brellmann et al. 2024
// (LSTD peaks at N = m with a tiny ridge; not when every state is
// visited).
func TestPresetPeaks(t *testing.T) {
	skipUnderWasm(t)
	coverage := doubledescent.DefaultFor("lstd")
	coverage.N = 3000
	for _, c := range []struct {
		name   string
		spec   doubledescent.Spec
		peakAt float64 // 0: no peak
	}{
		{"linear min-norm peaks at p/n = 1", doubledescent.DefaultFor("linear"), 1},
		{"LSTD with λ = 1e-9 peaks at N/m = 1", doubledescent.DefaultFor("lstd"), 1},
		{"LSTD visiting every state has no peak", coverage, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Run(c.spec, experiment.Assets{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := "none"
			if res.Peak != nil {
				got = fmt.Sprintf("%.3g", res.Peak.X)
			}
			t.Logf("medians %s; peak %s", ddTable(res.Points), got)
			switch {
			case c.peakAt == 0 && res.Peak != nil:
				t.Errorf("a peak at x = %.3g (median %.3g, lowest before %.3g, after %.3g); want none", res.Peak.X, res.Peak.Median, res.Peak.Before, res.Peak.After)
			case c.peakAt != 0 && (res.Peak == nil || res.Peak.X != c.peakAt):
				t.Errorf("peak %+v, want at x = %g", res.Peak, c.peakAt)
			}
		})
	}
}

// TestAxesAreLogWhereTheSizesSpanDecades: every preset's sizes span a
// factor of 10 or more, so its x axis is logarithmic; the LSTD preset's
// N/m reaches 15, where a linear axis would leave the peak at N/m = 1 in
// the left 7% of the chart. Truth: the presets' sizes in
// doubledescent.DefaultFor.
func TestAxesAreLogWhereTheSizesSpanDecades(t *testing.T) {
	for _, m := range []string{"linear", "features", "mlp", "lstd"} {
		s := doubledescent.DefaultFor(m)
		x, y := s.Axes()
		if !x.Log || x.Label == "" || y.Label == "" {
			t.Errorf("%s: axes %+v, %+v; want a labelled log x axis for sizes %d…%d", m, x, y, s.Sizes[0], s.Sizes[len(s.Sizes)-1])
		}
	}
	s := doubledescent.DefaultFor("linear")
	s.Sizes = []int{50, 100, 150}
	if x, _ := s.Axes(); x.Log {
		t.Errorf("sizes 50…150 (a factor of 3) get a log x axis")
	}
}
