package app

import (
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// ibSSMRuns returns the state sizes of a finished SSM result, or those
// finished so far, in the spec's order.
func ibSSMRuns(res *implicitbias.Result, parts map[int]*implicitbias.Point, spec implicitbias.Spec) []implicitbias.SSMRun {
	if res != nil && res.SSM != nil {
		return res.SSM.Runs
	}
	var out []implicitbias.SSMRun
	for i := range spec.States {
		if pt, ok := parts[i]; ok && pt.SSM != nil {
			out = append(out, *pt.SSM)
		}
	}
	return out
}

// ibSSMPanels are the SSM's charts: w(t) by N with the closed forms, the
// half-time against N, and the transfer functions.
func ibSSMPanels(res *implicitbias.Result, runs []implicitbias.SSMRun, spec implicitbias.Spec, status Status) []app.UI {
	return []app.UI{
		ibSSMSummary(res),
		newChartPanel("ib-ssm-w").Title("w(t) = c·b for each state size N; dashed: the closed form").
			Plot(ibSSMWPlot(runs, spec, status)),
		newChartPanel("ib-ssm-half").Title("Half-time against the number of states").
			Plot(ibSSMHalfPlot(runs)),
		newChartPanel("ib-ssm-h").Title("Transfer function |H(ω)| = |w|/|1 − a·exp(−iω)|, learned and teacher").
			Plot(ibSSMTransferPlot(res)),
	}
}

func ibSSMWPlot(runs []implicitbias.SSMRun, spec implicitbias.Spec, status Status) *chart.Plot {
	c := &chart.Plot{Title: "w(t) against gradient-descent steps", X: chart.Axis{Label: "gradient-descent steps"}, Y: chart.Axis{Label: "w = c·b"},
		Legend: true, Height: 340, Note: "press Run"}
	if status == Running {
		c.Note = "the state sizes stream in as they finish…"
	}
	for i, r := range runs {
		x := make([]float64, len(r.Steps))
		for k, s := range r.Steps {
			x[k] = float64(s)
		}
		cls := fmt.Sprintf("c%d", i%8)
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("N = %d", r.N), X: x, Y: r.W, Class: cls, Width: 2},
			chart.Series{X: x, Y: r.Predicted, Class: cls, Dashed: true, Width: 1})
	}
	if len(runs) > 0 {
		c.Title = fmt.Sprintf("w(t) → w* = %g", spec.Gain)
	}
	return c
}

func ibSSMHalfPlot(runs []implicitbias.SSMRun) *chart.Plot {
	c := &chart.Plot{Title: "t½: first step with w ≥ w*/2", X: chart.Axis{Label: "states N", Log: true}, Y: chart.Axis{Label: "half-time t½ (steps)"},
		Legend: true, Height: 280, Note: "computed with the run"}
	var x, gd, pred []float64
	var hover []string
	for _, r := range runs {
		x, gd, pred = append(x, float64(r.N)), append(gd, r.HalfTime), append(pred, r.HalfPredicted)
		hover = append(hover, fmt.Sprintf("N = %d: GD %g steps, closed form %.1f", r.N, r.HalfTime, r.HalfPredicted))
	}
	if len(x) > 0 {
		c.Series = []chart.Series{
			{Name: "closed form", X: x, Y: pred, Class: "c1", Dashed: true, Width: 2},
			{Name: "gradient descent", X: x, Y: gd, Style: chart.Points, Class: "c0", Width: 8, Hover: hover},
		}
	}
	return c
}

func ibSSMTransferPlot(res *implicitbias.Result) *chart.Plot {
	c := &chart.Plot{Title: "|H(ω)|", X: chart.Axis{Label: "frequency ω (radians per step)"}, Y: chart.Axis{Label: "|H(ω)|", Log: true},
		Legend: true, Height: 260, Note: "computed with the run"}
	if res == nil || res.SSM == nil {
		return c
	}
	s := res.SSM
	c.Series = append(c.Series, chart.Series{Name: "teacher", X: s.Omega, Y: s.Teacher, Class: "muted", Width: 7})
	for i, r := range s.Runs {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("learned, N = %d", r.N), X: s.Omega, Y: r.Learned, Class: fmt.Sprintf("c%d", i%8), Width: 1.5, Dashed: true})
	}
	return c
}

func ibSSMSummary(res *implicitbias.Result) app.UI {
	if res == nil || res.SSM == nil {
		return app.Div().Class("summary")
	}
	s := res.SSM
	return app.Div().Class("summary").Body(
		stat("sigma-eta", "σ, η (per sample); σ/η = w*", fmt.Sprintf("%.4g, %.4g; %.6g", s.Sigma, s.Eta, s.Sigma/s.Eta), false),
		stat("slope", "predicted t½ change per doubling of N", fmt.Sprintf("%.1f steps", s.Slope), true),
		stat("conv", "recurrence vs transfer function (FFT), max difference", fmt.Sprintf("%.1e", s.ConvError), false),
		stat("parseval", "σ, η: time vs frequency domain (relative)", fmt.Sprintf("%.1e", s.ParsevalError), false),
	)
}
