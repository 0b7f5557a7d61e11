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

// qnnResidualPlot draws the residual against the steps: log-log for the
// runs with γ = 1, where sublinear convergence is a line of slope about −1
// (drawn for reference), or semi-log for the runs with γ > 1, where linear
// convergence is a straight line; all runs log-log when all is set.
func qnnResidualPlot(runs []kernels.QNNRun, sublinear, all bool) *chart.Plot {
	c := &chart.Plot{Title: "Residual against steps, γ > 1 (semi-log)", Legend: true, Height: 320,
		X: chart.Axis{Label: "gradient steps t", Log: sublinear}, Y: chart.Axis{Label: "residual ‖ŷ − y‖", Log: true}}
	if sublinear {
		c.Title = "Residual against steps, γ = 1 (log-log)"
	}
	var last, steps float64
	for i, r := range runs {
		if !all && (r.Gamma == 1) != sublinear {
			continue
		}
		x := make([]float64, len(r.Steps))
		for k, t := range r.Steps {
			x[k] = float64(t)
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("γ = %g, L = %d", r.Gamma, r.Depth), X: x, Y: r.Residual, Class: fmt.Sprintf("c%d", i%7), Width: 2})
		if r.Gamma == 1 && last == 0 {
			steps = x[len(x)-1]
			last = r.Final * steps
		}
	}
	if sublinear && last > 0 { // c/t through the first γ = 1 run's end
		c.Series = append(c.Series, chart.Series{Name: "slope −1 (∝ 1/t)", X: []float64{steps / 100, steps}, Y: []float64{100 * last / steps, last / steps}, Class: "muted", Dashed: true})
	}
	if len(c.Series) == 0 {
		c.Note = "no run of this kind yet"
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
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("γ = %g, L = %d", r.Gamma, r.Depth), X: r.Reference, Y: r.Kernel, Class: fmt.Sprintf("c%d", i%7), Width: 2})
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
	rows := [][]string{{"curve", "log-log slope, p ∈ [Nd/10, Nd]", "S/√(Nd/p) there", "S at widest / at ¼ width", "S at widest"}}
	for _, c := range res.Curves {
		rows = append(rows, []string{c.Name, opt(c.Slope), opt(c.Ratio), opt(c.Plateau), fmt.Sprintf("%.3g", c.Points[len(c.Points)-1].S)})
	}
	return htmlTable("Per curve", rows)
}

// qnnTable lists each run's convergence.
func qnnTable(res *kernels.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	rows := [][]string{{"γ", "L", "parameters", "final residual", "late log-log slope", "R², log residual vs t", "K/(γ² − ŷ²), first → last"}}
	for _, r := range res.Runs {
		rows = append(rows, []string{fmt.Sprint(r.Gamma), fmt.Sprint(r.Depth), fmt.Sprint(r.Params), fmt.Sprintf("%.3g", r.Final),
			fmt.Sprintf("%.3f", r.Slope), fmt.Sprintf("%.4f", r.R2), fmt.Sprintf("%.3g → %.3g", r.KStart, r.KEnd)})
	}
	return htmlTable("Per run", rows)
}

// htmlTable renders a titled table (rows[0] is the header) as one HTML
// string, id kernels-table: a fraction of the code of an element tree.
func htmlTable(title string, rows [][]string) app.UI {
	var b strings.Builder
	b.WriteString(`<section class="panel"><h2>` + escapeHTML(title) + `</h2><div class="table-scroll"><table id="kernels-table">`)
	for i, row := range rows {
		cell := "td"
		if i == 0 {
			cell = "th"
			b.WriteString("<thead>")
		} else if i == 1 {
			b.WriteString("<tbody>")
		}
		b.WriteString("<tr>")
		for _, v := range row {
			b.WriteString("<" + cell + ">" + escapeHTML(v) + "</" + cell + ">")
		}
		b.WriteString("</tr>")
		if i == 0 {
			b.WriteString("</thead>")
		}
	}
	b.WriteString("</tbody></table></div></section>")
	return app.Raw(b.String())
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

// escapeHTML escapes the characters that end text in HTML.
func escapeHTML(s string) string {
	s = strings.ReplaceAll(s, "&", "&amp;")
	s = strings.ReplaceAll(s, "<", "&lt;")
	return strings.ReplaceAll(s, ">", "&gt;")
}
