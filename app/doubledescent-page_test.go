package app

import (
	"math"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/train"
)

func ptr(v float64) *float64 { return &v }

// TestTheoryLineBreaksAtThePole: the min-norm theory is infinite at
// p/n = 1 (Hastie et al. 2019, Theorem 1: the risk has a pole at γ = 1), so
// the drawn line must not join 0.95 and 1.05 straight across it, nor the
// sizes where the exact theory is absent. Truth: the pole the result
// states and the points' own theory values.
func TestTheoryLineBreaksAtThePole(t *testing.T) {
	pts := []doubledescent.Stat{{X: 0.9, Theory: ptr(10)}, {X: 0.95, Theory: ptr(20)}, {X: 1, Theory: nil}, {X: 1.05, Theory: ptr(20)}, {X: 1.1, Theory: ptr(10)}}
	x, y := theoryLine(pts, func(st doubledescent.Stat) *float64 { return st.Theory }, ptr(1))
	var runs [][]float64
	var run []float64
	for i := range x {
		if math.IsNaN(y[i]) {
			runs, run = append(runs, run), nil
			continue
		}
		run = append(run, x[i])
	}
	runs = append(runs, run)
	if len(runs) != 2 || len(runs[0]) != 2 || len(runs[1]) != 2 || runs[0][1] != 0.95 || runs[1][0] != 1.05 {
		t.Errorf("the theory line's pieces are %v, want [0.9 0.95] and [1.05 1.1]", runs)
	}
	// Sizes straddling the pole with finite theory on both sides still break.
	pts = []doubledescent.Stat{{X: 0.95, Theory: ptr(20)}, {X: 1.05, Theory: ptr(20)}}
	_, y = theoryLine(pts, func(st doubledescent.Stat) *float64 { return st.Theory }, ptr(1))
	if len(y) != 3 || !math.IsNaN(y[1]) {
		t.Errorf("0.95 and 1.05 around the pole at 1 give %v, want a break between them", y)
	}
}

// TestDDChartSaysWhatItDraws: the LSTD chart draws both MSBEs on a y axis
// named for both and a log x axis; a sweep without a peak (doubledescent.FindPeak gives
// none) says so instead of naming one. Truth: the result's own axes, peak
// and curves.
func TestDDChartSaysWhatItDraws(t *testing.T) {
	s := doubledescent.DefaultFor("lstd")
	xa, ya := s.Axes()
	res := &doubledescent.Result{Spec: s, XLabel: "N/m", YLabel: "true MSBE", XAxis: xa, YAxis: ya,
		Points: []doubledescent.Stat{{Size: 10, X: 0.1, Median: 1, Q1: 1, Q3: 1, Values: []float64{1}}, {Size: 1500, X: 15, Median: 0.5, Q1: 0.5, Q3: 0.5, Values: []float64{0.5}}},
		Curves: []doubledescent.Curve{{Name: "empirical MSBE", Points: []doubledescent.Stat{{Size: 10, X: 0.1, Median: 1, Q1: 1, Q3: 1}, {Size: 1500, X: 15, Median: 0.1, Q1: 0.1, Q3: 0.1}}}}}
	p := ddPlot(res, true)
	if !p.X.Log {
		t.Error("the LSTD chart's x axis is linear")
	}
	if p.Y.Label == "true MSBE" || !strings.Contains(p.Y.Label, "Bellman") {
		t.Errorf("the y axis is %q while the chart draws both MSBEs", p.Y.Label)
	}
	svg := p.SVG()
	for _, want := range []string{"true MSBE (median", "empirical MSBE (median"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the legend lacks %q", want)
		}
	}
	h := html(ddSummary(res, s))
	if !strings.Contains(h, `id="stat-peak"`) || !strings.Contains(h, ">none<") {
		t.Errorf("a sweep without a peak does not say so: %s", h)
	}
}

// TestEverySeriesHasItsOwnColour: in the charts with a right axis, no two
// named series share a colour class (test loss and test accuracy were both
// orange, told apart only by a dash). Truth: the charts' own series.
func TestEverySeriesHasItsOwnColour(t *testing.T) {
	pts := []train.Point{{Step: 0, TrainLoss: 2, TestLoss: 2, TrainAcc: 0.1, TestAcc: 0.1}, {Step: 10, TrainLoss: 1, TestLoss: 1.2, TrainAcc: 0.8, TestAcc: 0.6}}
	path := &paths.Path{Name: "linear", Alpha: []float64{0, 1}, TrainLoss: []float64{1, 1}, TestLoss: []float64{1, 1}, TrainAcc: []float64{1, 1}, TestAcc: []float64{1, 1}}
	bezier := &paths.Path{Name: paths.BezierName, Alpha: []float64{0, 1}, TrainLoss: []float64{1, 1}, TestLoss: []float64{1, 1}}
	for name, p := range map[string]*chart.Plot{
		"training curves": trainingPlot(pts, true),
		"pair of seeds":   pairPlot(path, bezier, paths.Default(), Done),
	} {
		seen := map[string]string{}
		for _, s := range p.Series {
			if s.Name == "" {
				continue
			}
			if other, ok := seen[s.Class]; ok {
				t.Errorf("%s: %q and %q are both %s", name, other, s.Name, s.Class)
			}
			seen[s.Class] = s.Name
		}
	}
}
