package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/compression"
)

// TestCompressionChartsDrawWhatTheResultHolds: the law is drawn on log–log
// axes with GPFQ, rounding and the fitted reference per bit-width; the
// accuracy chart draws the float network and both methods per bit-width,
// streaming points before the result; the histogram's bars have one more
// edge than counts and a line per level. Truth: the result handed in.
func TestCompressionChartsDrawWhatTheResultHolds(t *testing.T) {
	law := []compression.LawCurve{
		{Bits: 1, N0: []int{16, 64}, GPFQ: []float64{0.1, 0.02}, GPFQSE: []float64{0.01, 0.002}, MSQ: []float64{0.5, 0.5}, MSQSE: []float64{0.1, 0.1}, Reference: []float64{0.1, 0.03}, GPFQSlope: -1.1},
		{Bits: 2, N0: []int{16, 64}, GPFQ: []float64{0.05, 0.01}, GPFQSE: []float64{0.01, 0.002}, MSQ: []float64{0.2, 0.2}, MSQSE: []float64{0.1, 0.1}, Reference: []float64{0.1, 0.03}},
	}
	p := lawPlot(law)
	if !p.X.Log || !p.Y.Log {
		t.Error("the law is not on log–log axes")
	}
	names := map[string]bool{}
	for _, s := range p.Series {
		names[s.Name] = true
	}
	for _, want := range []string{"GPFQ, ternary (slope -1.10)", "rounding, 2 bit (slope 0.00)", "c·m·ln N₀/N₀ (fitted)"} {
		if !names[want] {
			t.Errorf("the law lacks the series %q; it has %v", want, names)
		}
	}
	quant := []compression.BitsStat{{Bits: 1, GPFQ: 0.8, MSQ: 0.7}, {Bits: 2, GPFQ: 0.85, MSQ: 0.8}}
	res := &compression.Result{Widths: []compression.WidthStat{{Width: 16, Float: 0.9, Quant: quant}, {Width: 64, Float: 0.9, Quant: quant}}}
	a := accuracyPlot(res, nil)
	if len(a.Series) != 5 || a.Series[0].Name != "float network" || a.Series[1].Y[0] != 80 || a.Series[0].Style != chart.Line {
		t.Errorf("accuracy series %+v; want the float network and GPFQ/rounding per bit-width, in %%", a.Series)
	}
	streaming := accuracyPlot(nil, map[int]*compression.Point{2: {Index: 2, Width: 64, Float: 0.9, Quant: quant}})
	if len(streaming.Series) != 5 || streaming.Series[0].Style != chart.Points || streaming.Series[0].X[0] != 64 {
		t.Errorf("while running: %+v; want the finished width as points", streaming.Series)
	}
	h := histogramPlot(&compression.Histogram{Width: 64, Bits: 1, Edges: []float64{-1, 0, 1}, Counts: []float64{3, 4}, Levels: []float64{-0.5, 0, 0.5}, Delta: 0.5})
	if len(h.Series) != 1 || h.Series[0].Style != chart.Bars || len(h.VLines) != 3 || !strings.Contains(h.Title, "ternary") {
		t.Errorf("histogram %+v", h)
	}
	if csv := compressionCSV(&compression.Result{Law: law, Widths: res.Widths}); strings.Count(csv, "\n") != 1+4+4 {
		t.Errorf("CSV has %d lines; want a header, 4 law rows and 4 network rows:\n%s", strings.Count(csv, "\n"), csv)
	}
}

// TestSparseChartsDrawTheRuns: one line per run in the curves, one dot per
// run in the trade-off, and the mask's index j·inputs + k drawn at input k,
// unit j. Truth: the runs handed in.
func TestSparseChartsDrawTheRuns(t *testing.T) {
	runs := []compression.SparseRun{
		{Method: "RigL", Step: []int{0, 100}, Accuracy: []float64{0.1, 0.8}, Coverage: []float64{0.1, 0.2}},
		{Method: "DST-EE", C: 0.01, Step: []int{0, 100}, Accuracy: []float64{0.1, 0.7}, Coverage: []float64{0.1, 0.3}, Mask: []int{0, 197}},
	}
	if c := sparseCurvePlot(runs, true); len(c.Series) != 2 || c.Series[1].Name != "DST-EE, c = 0.01" || c.Series[1].Y[1] != 30 {
		t.Errorf("coverage series %+v", c.Series)
	}
	if c := tradeoffPlot(runs); len(c.Series) != 2 || c.Series[0].X[0] != 20 || c.Series[0].Y[0] != 80 {
		t.Errorf("trade-off series %+v", c.Series)
	}
	m := maskPlot(runs, 196)
	if len(m.Series) != 1 || m.Series[0].X[1] != 1 || m.Series[0].Y[1] != 1 || m.Series[0].X[0] != 0 {
		t.Errorf("mask series %+v; want (0, 0) and (1, 1)", m.Series)
	}
}
