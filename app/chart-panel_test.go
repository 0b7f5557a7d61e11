package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
)

// panelHolder renders one chart panel from its fields, as a page does, and
// keeps the first panel it rendered: the one go-app mounts and updates.
type panelHolder struct {
	app.Compo
	ctx     app.Context
	plot    *chart.Plot
	csv     string
	mounted *chartPanel
}

func (h *panelHolder) OnPreRender(ctx app.Context) { h.ctx = ctx }

func (h *panelHolder) Render() app.UI {
	csv := h.csv
	p := newChartPanel("t").Title("test").Plot(h.plot).CSV(func() string { return csv })
	if h.mounted == nil {
		h.mounted = p
	}
	return app.Div().Body(p)
}

// TestChartPanelExportsFollowTheChart: after the page re-renders with a
// new chart, the mounted panel's SVG and CSV downloads are the new
// chart's, not the first render's. Truth: chart.Plot.SVG of the new plot
// and the CSV text the page passed last.
func TestChartPanelExportsFollowTheChart(t *testing.T) {
	e := app.NewTestEngine()
	empty := &chart.Plot{Title: "before", Note: "press Run"}
	h := &panelHolder{plot: empty, csv: "x,y\n"}
	if err := e.Load(h); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if h.ctx.Src() == nil || h.mounted == nil {
		t.Fatal("the test engine did not mount the holder")
	}
	if got := h.mounted.svg(); got != empty.SVG() {
		t.Fatal("before the update the panel does not draw the first chart")
	}
	done := &chart.Plot{Title: "after", Series: []chart.Series{{Name: "data", X: []float64{1, 2, 3}, Y: []float64{3, 1, 2}}}}
	h.ctx.Dispatch(func(app.Context) { h.plot, h.csv = done, "x,y\n1,3\n2,1\n3,2\n" })
	e.ConsumeAll()
	if got := h.mounted.svg(); got != done.SVG() || strings.Contains(got, "press Run") {
		t.Errorf("after the update the panel's SVG export is still the first chart:\n%.200s", got)
	}
	if got := h.mounted.CSVFunc(); got != "x,y\n1,3\n2,1\n3,2\n" {
		t.Errorf("after the update the panel's CSV export is %q", got)
	}
}

// TestResultCSVFollowsTheState: a page's Download CSV writes the result
// in the state when clicked: the header alone before a run, and then one
// row per number of the result. Truth: the result's own series lengths.
func TestResultCSVFollowsTheState(t *testing.T) {
	p := newDoubleDescentPage()
	if got := p.resultCSV(); strings.Count(got, "\n") != 1 {
		t.Fatalf("before a run the CSV is %q, want the header alone", got)
	}
	res := &doubledescent.Result{YLabel: "test MSE", Points: []doubledescent.Stat{{Size: 10, X: 0.5, Median: 1}, {Size: 20, X: 1, Median: 9}},
		Curves: []doubledescent.Curve{{Name: "ridge, λ = 0.1", Points: []doubledescent.Stat{{Size: 10, X: 0.5, Median: 0.5}}}}}
	p.state.Result = res
	got := p.resultCSV()
	if n := strings.Count(got, "\n"); n != 1+2+1 {
		t.Errorf("the CSV of 2 points and a 1-point curve has %d lines, want 4:\n%s", n, got)
	}
	if !strings.Contains(got, `"ridge, λ = 0.1",10,`) {
		t.Errorf("the curve's name is not one quoted CSV field:\n%s", got)
	}
}
