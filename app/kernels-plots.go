package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/kernels"
)

// robustPlot draws the sensitivity against the parameters, log-log: one
// curve per model and activation (random features dashed), the universal
// bound √(Nd/p), the level √N and the threshold p = Nd.
func robustPlot(s kernels.Spec, pts []kernels.RobustPoint) *chart.Plot {
	c := &chart.Plot{Title: "Sensitivity of noise interpolators", Legend: true, Height: 380,
		X: chart.Axis{Label: "parameters p (NTK: dk, random features: k)", Log: true},
		Y: chart.Axis{Label: "sensitivity S = √d‖∇_{z} f(z)‖", Log: true}}
	if len(pts) == 0 {
		c.Note = "press Run to sweep"
		return c
	}
	nd := float64(s.Samples * s.Dim)
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, cv := range s.Curves() {
		var x, y []float64
		for _, p := range pts {
			if p.Model == cv.Model && p.Act == cv.Act {
				x, y = append(x, float64(p.Params)), append(y, p.S)
				lo, hi = math.Min(lo, float64(p.Params)), math.Max(hi, float64(p.Params))
			}
		}
		class := fmt.Sprintf("c%d", i%7)
		c.Series = append(c.Series,
			chart.Series{Name: cv.Name(), X: x, Y: y, Class: class, Width: 2, Dashed: cv.Model == "rf"},
			chart.Series{X: x, Y: y, Style: chart.Points, Class: class})
	}
	lo, hi = math.Min(lo, nd/2), math.Max(hi, 2*nd)
	var bx, by []float64
	for k := 0; k <= 40; k++ {
		p := lo * math.Pow(hi/lo, float64(k)/40)
		bx, by = append(bx, p), append(by, math.Sqrt(nd/p))
	}
	sqrtN := math.Sqrt(float64(s.Samples))
	c.Series = append(c.Series,
		chart.Series{Name: "universal bound √(Nd/p)", X: bx, Y: by, Class: "muted", Dashed: true},
		chart.Series{Name: "√N", X: []float64{lo, hi}, Y: []float64{sqrtN, sqrtN}, Class: "muted", Dashed: true, Width: 1})
	c.VLines = []chart.VLine{{X: nd, Label: "p = Nd", Class: "accent", Dashed: true}}
	return c
}

func runName(r kernels.QNNRun) string { return fmt.Sprintf("γ = %g, L = %d", r.Gamma, r.Depth) }

// qnnRatePlot draws the residual against the steps, log-log: every run
// with γ = 1 (all runs when gammaOne is false), with the slope −1 for
// reference.
func qnnRatePlot(runs []kernels.QNNRun, gammaOne bool) *chart.Plot {
	c := &chart.Plot{Title: "Residual against steps (log-log)", Legend: true, Height: 340,
		X: chart.Axis{Label: "gradient steps t", Log: true}, Y: chart.Axis{Label: "residual ‖ŷ − y‖", Log: true}}
	if len(runs) == 0 {
		c.Note = "press Run to train"
		return c
	}
	var last float64
	for i, r := range runs {
		if gammaOne && r.Gamma != 1 {
			continue
		}
		x, y := make([]float64, len(r.Steps)), r.Residual
		for k, t := range r.Steps {
			x[k] = float64(t)
		}
		c.Series = append(c.Series, chart.Series{Name: runName(r), X: x, Y: y, Class: fmt.Sprintf("c%d", i%7), Width: 2})
		if r.Gamma == 1 && last == 0 {
			last = r.Final * float64(r.Steps[len(r.Steps)-1])
		}
	}
	if last > 0 { // c/t through the first γ = 1 run's end
		steps := float64(runs[0].Steps[len(runs[0].Steps)-1])
		c.Series = append(c.Series, chart.Series{Name: "slope −1 (∝ 1/t)", X: []float64{steps / 100, steps}, Y: []float64{last / (steps / 100), last / steps}, Class: "muted", Dashed: true})
	}
	return c
}

// qnnLinearPlot draws the residual of the runs with γ > 1 against the
// steps on a linear axis: linear convergence is a straight line.
func qnnLinearPlot(runs []kernels.QNNRun) *chart.Plot {
	c := &chart.Plot{Title: "Residual against steps, γ > 1", Legend: true, Height: 300,
		X: chart.Axis{Label: "gradient steps t"}, Y: chart.Axis{Label: "residual ‖ŷ − y‖", Log: true}}
	for i, r := range runs {
		if r.Gamma == 1 {
			continue
		}
		x := make([]float64, len(r.Steps))
		for k, t := range r.Steps {
			x[k] = float64(t)
		}
		c.Series = append(c.Series, chart.Series{Name: runName(r), X: x, Y: r.Residual, Class: fmt.Sprintf("c%d", i%7), Width: 2})
	}
	if len(c.Series) == 0 {
		c.Note = "no run with γ > 1"
	}
	return c
}

// qnnKernelPlot draws sample 0's tangent kernel K = ‖∂ŷ/∂θ‖² against
// γ² − ŷ² along each run: the asymptotic dynamics predict a line through
// the origin.
func qnnKernelPlot(runs []kernels.QNNRun) *chart.Plot {
	c := &chart.Plot{Title: "Tangent kernel against γ² − ŷ²", Legend: true, Height: 300,
		X: chart.Axis{Label: "γ² − ŷ² (sample 0)"}, Y: chart.Axis{Label: "tangent kernel K = ‖∂ŷ/∂θ‖²"}}
	for i, r := range runs {
		c.Series = append(c.Series, chart.Series{Name: runName(r), X: r.Reference, Y: r.Kernel, Class: fmt.Sprintf("c%d", i%7), Width: 2})
	}
	if len(runs) == 0 {
		c.Note = "press Run to train"
	}
	return c
}

// robustTable lists each curve's fit.
func robustTable(res *kernels.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	opt := func(v *float64) string {
		if v == nil {
			return "–"
		}
		return fmt.Sprintf("%.3g", *v)
	}
	return app.Section().Class("panel").Body(
		app.H2().Text("Per curve"),
		app.Div().Class("table-scroll").Body(app.Table().ID("kernels-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("curve"), app.Th().Text("log-log slope, p ∈ [Nd/10, Nd]"), app.Th().Text("S/√(Nd/p) there"), app.Th().Text("S at widest / at ¼ width"), app.Th().Text("S at widest"))),
			app.TBody().Body(app.Range(res.Curves).Slice(func(i int) app.UI {
				c := res.Curves[i]
				return app.Tr().Body(app.Td().Text(c.Name), app.Td().Text(opt(c.Slope)), app.Td().Text(opt(c.Ratio)), app.Td().Text(opt(c.Plateau)),
					app.Td().Text(fmt.Sprintf("%.3g", c.Points[len(c.Points)-1].S)))
			})),
		)),
	)
}

// qnnTable lists each run's convergence.
func qnnTable(res *kernels.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	return app.Section().Class("panel").Body(
		app.H2().Text("Per run"),
		app.Div().Class("table-scroll").Body(app.Table().ID("kernels-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("γ"), app.Th().Text("L"), app.Th().Text("parameters"), app.Th().Text("final residual"), app.Th().Text("late log-log slope"), app.Th().Text("R², log residual vs t"), app.Th().Text("K/(γ² − ŷ²), first → last"))),
			app.TBody().Body(app.Range(res.Runs).Slice(func(i int) app.UI {
				r := res.Runs[i]
				return app.Tr().Body(app.Td().Text(fmt.Sprint(r.Gamma)), app.Td().Text(fmt.Sprint(r.Depth)), app.Td().Text(fmt.Sprint(r.Params)),
					app.Td().Text(fmt.Sprintf("%.3g", r.Final)), app.Td().Text(fmt.Sprintf("%.3f", r.Slope)), app.Td().Text(fmt.Sprintf("%.4f", r.R2)),
					app.Td().Text(fmt.Sprintf("%.3g → %.3g", r.KStart, r.KEnd)))
			})),
		)),
	)
}

// kernelsCSV is a result as one long table: a row per curve and width
// (robustness) or per run and recorded step (qnn).
func kernelsCSV(res *kernels.Result) string {
	var b strings.Builder
	if res != nil && res.Spec.Model == "qnn" {
		b.WriteString("gamma,depth,step,residual,output,kernel,gamma2_minus_output2\n")
		for _, r := range res.Runs {
			for i, t := range r.Steps {
				b.WriteString(strings.Join([]string{csvNum(r.Gamma), strconv.Itoa(r.Depth), strconv.Itoa(t), csvNum(r.Residual[i]), csvNum(r.Output[i]), csvNum(r.Kernel[i]), csvNum(r.Reference[i])}, ",") + "\n")
			}
		}
		return b.String()
	}
	b.WriteString("curve,model,activation,width,params,s,se,bound,max_residual\n")
	if res == nil {
		return b.String()
	}
	for _, c := range res.Curves {
		for _, p := range c.Points {
			b.WriteString(strings.Join([]string{csvText(c.Name), p.Model, p.Act, strconv.Itoa(p.Width), strconv.Itoa(p.Params), csvNum(p.S), csvNum(p.SE), csvNum(p.Bound), csvNum(p.MaxResidual)}, ",") + "\n")
		}
	}
	return b.String()
}
