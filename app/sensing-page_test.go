package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/sensing"
)

func sensingCurve(i, k int, method string, p float64, theory bool) sensing.CurveResult {
	c := sensing.CurveResult{Index: i, Curve: sensing.Curve{K: k, Alpha: 0.1, Outliers: p, Method: method},
		Step: []int{0, 10, 100}, Error: []float64{1, 0.1, 0.01}, Relative: []float64{0.7, 0.07, 0.007}, Final: 0.007}
	if theory {
		c.TheoryStep, c.TheoryError = []int{10, 100}, []float64{0.2, 0.02}
	}
	return c
}

// TestSensingChartsSayWhatTheyDraw: the error chart draws every curve in
// its own colour with one legend entry for all the dashed theory lines,
// opens log–log for symmetric ℓ2 runs and semi-log otherwise; in a robust
// run ℓ2 is dashed in the colour of ℓ1 at the same outlier fraction, and
// the outlier chart has a dot per curve. Truth: app/sensing-plots.go's
// documentation and the curves given.
func TestSensingChartsSayWhatTheyDraw(t *testing.T) {
	s := sensing.Default()
	curves := []sensing.CurveResult{sensingCurve(0, 3, "gd", 0, false), sensingCurve(1, 5, "gd", 0, true), sensingCurve(2, 8, "gd", 0, true)}
	if !sensingLogLog(s) {
		t.Error("the symmetric ℓ2 chart does not open log–log")
	}
	p := sensingErrorPlot(s, curves, true)
	legend := 0
	for _, se := range p.Series {
		if strings.HasPrefix(se.Name, "dashed: theory") {
			legend++
		}
	}
	if len(p.Series) != 5 || legend != 1 {
		t.Errorf("%d series with %d theory legend entries, want 3 curves + 2 theory lines and one entry", len(p.Series), legend)
	}
	if p.Series[0].Class == p.Series[1].Class {
		t.Error("two curves share a colour")
	}

	s.Loss, s.Measurements = "l1", 100
	if sensingLogLog(s) {
		t.Error("the robust chart opens log–log")
	}
	robust := []sensing.CurveResult{sensingCurve(0, 20, "subgradient", 0.3, false), sensingCurve(1, 20, "gd", 0.3, false)}
	p = sensingErrorPlot(s, robust, false)
	if p.Series[0].Class != p.Series[1].Class || p.Series[0].Dashed || !p.Series[1].Dashed {
		t.Errorf("ℓ1 and ℓ2 at one fraction: classes %s, %s, dashed %v, %v; want one colour, ℓ2 dashed",
			p.Series[0].Class, p.Series[1].Class, p.Series[0].Dashed, p.Series[1].Dashed)
	}
	if svg := sensingOutlierPlot(robust).SVG(); strings.Count(svg, "<circle") != 2 {
		t.Errorf("the outlier chart draws %d dots, want 2", strings.Count(svg, "<circle"))
	}
	if h := html(sensingTable(robust, true)); !strings.Contains(h, "ℓ2 gradient descent, p = 0.3") {
		t.Errorf("the table does not name the ℓ2 curve: %s", h)
	}
}

// TestSensingCurvesStreamInOrder: curves that arrive out of order are
// drawn and exported in curve order, and the CSV has the theory only where
// the curve has one. Truth: Spec.Curves' order and the curves given.
func TestSensingCurvesStreamInOrder(t *testing.T) {
	a, b := sensingCurve(0, 3, "gd", 0, false), sensingCurve(2, 5, "gd", 0, true)
	cs := sensingCurves(nil, map[int]*sensing.CurveResult{2: &b, 0: &a})
	if len(cs) != 2 || cs[0].Index != 0 || cs[1].Index != 2 {
		t.Fatalf("curves %v, want indices 0 then 2", cs)
	}
	csv := sensingCSV(cs, false)
	lines := strings.Split(strings.TrimSpace(csv), "\n")
	if len(lines) != 7 || !strings.HasSuffix(lines[1], ",") || !strings.HasSuffix(lines[6], ",0.02") {
		t.Errorf("CSV:\n%s", csv)
	}
}
