package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/sensing"
)

// sensingErrorPlot draws each curve's error against iterations, with its
// theory line dashed in its colour: √(k−r)/(2ηt) for the symmetric, fully
// observed k > r, the slope −η·λ_min(F₀ᵀF₀ − G₀ᵀG₀) for the asymmetric. In
// a robust run (loss = l1) the ℓ1 curves are solid and the ℓ2 curves
// dashed, one colour per outlier fraction, and the error is relative.
// loglog puts the iterations on a log axis too (t = 0 is then not drawn).
func sensingErrorPlot(spec sensing.Spec, curves []sensing.CurveResult, loglog bool) *chart.Plot {
	robust := spec.Loss == "l1"
	ylabel := "‖XXᵀ − M*‖_{F}"
	if spec.Param == "asymmetric" {
		ylabel = "‖FGᵀ − M*‖_{F}"
	}
	if robust {
		ylabel = "relative error ‖UUᵀ − M*‖_{F} / ‖M*‖_{F}"
	}
	title := ylabel + " against t"
	if robust {
		title = "relative error against t"
	}
	c := &chart.Plot{Title: title, X: chart.Axis{Label: "iteration t", Log: loglog},
		Y: chart.Axis{Label: ylabel, Log: true}, Legend: true, Height: 380}
	theory := false
	for i, cv := range curves {
		x := make([]float64, len(cv.Step))
		for j, t := range cv.Step {
			x[j] = float64(t)
		}
		y, class, dashed := cv.Error, fmt.Sprintf("c%d", i%8), false
		if robust {
			y, class, dashed = cv.Relative, fmt.Sprintf("c%d", (i/2)%8), cv.Method == "gd"
		}
		name := sensingName(cv, robust)
		if cv.LogLogSlope != 0 && loglog {
			name += fmt.Sprintf(" (log–log slope %.3f)", cv.LogLogSlope)
		} else if cv.LateSlope != 0 && !loglog && cv.LogLogSlope == 0 {
			name += fmt.Sprintf(" (slope %.3g per iteration", cv.LateSlope)
			if cv.PredictedSlope != 0 {
				name += fmt.Sprintf("; theory %.3g", cv.PredictedSlope)
			}
			name += ")"
		}
		c.Series = append(c.Series, chart.Series{Name: name, X: x, Y: y, Class: class, Dashed: dashed, Width: 2})
		if len(cv.TheoryStep) > 0 {
			tx := make([]float64, len(cv.TheoryStep))
			for j, t := range cv.TheoryStep {
				tx[j] = float64(t)
			}
			label := "" // one legend entry for the theory lines
			if !theory {
				label, theory = "dashed: theory √(k−r)/(2ηt)", true
				if cv.PredictedSlope != 0 {
					label = "dashed: slope −ηλ_{min}(F₀ᵀF₀ − G₀ᵀG₀)"
				}
			}
			c.Series = append(c.Series, chart.Series{Name: label, X: tx, Y: cv.TheoryError, Class: class, Dashed: true, Width: 1.5})
		}
		if cv.Rebalanced > 0 && i == 0 {
			c.VLines = append(c.VLines, chart.VLine{X: float64(cv.Rebalanced), Label: "rebalance", Dashed: true})
		}
	}
	return c
}

// sensingOutlierPlot draws the final relative error against the outlier
// fraction, for the ℓ1 sub-gradient method and for ℓ2 gradient descent.
func sensingOutlierPlot(curves []sensing.CurveResult) *chart.Plot {
	c := &chart.Plot{Title: "final error against outlier fraction", X: chart.Axis{Label: "fraction p of corrupted measurements"},
		Y: chart.Axis{Label: "final relative error", Log: true}, Legend: true, Height: 300, Note: "the fractions stream in as they finish"}
	for k, m := range []struct{ method, name string }{{"subgradient", "ℓ1 sub-gradient method"}, {"gd", "ℓ2 gradient descent"}} {
		var x, y []float64
		var hover []string
		for _, cv := range curves {
			if cv.Method == m.method {
				x, y = append(x, cv.Outliers), append(y, cv.Final)
				hover = append(hover, fmt.Sprintf("%s, p = %g: final relative error %.3g", m.name, cv.Outliers, cv.Final))
			}
		}
		cls := fmt.Sprintf("c%d", k)
		c.Series = append(c.Series, chart.Series{Name: m.name, X: x, Y: y, Class: cls, Width: 2},
			chart.Series{X: x, Y: y, Style: chart.Points, Class: cls, Width: 6, Hover: hover})
	}
	return c
}

// sensingSummary shows the headline numbers of a finished run.
func sensingSummary(res *sensing.Result, robust bool) app.UI {
	if res == nil || len(res.Curves) == 0 {
		return app.Div().Class("summary")
	}
	first, last := res.Curves[0], res.Curves[len(res.Curves)-1]
	items := []app.UI{stat("norm", "‖M*‖ (Frobenius)", fmt.Sprintf("%.4g", res.Norm), false),
		stat("first", "relative error at T, "+sensingName(first, robust), fmt.Sprintf("%.3g", first.Final), true),
		stat("last", "relative error at T, "+sensingName(last, robust), fmt.Sprintf("%.3g", last.Final), true)}
	if last.LogLogSlope != 0 && !robust {
		items = append(items, stat("slope", "log–log slope over the last decade, "+sensingName(last, robust), fmt.Sprintf("%.3f", last.LogLogSlope), false))
	}
	return app.Div().Class("summary").Body(items...)
}

// sensingTable lists every curve's final error, slopes and theory.
func sensingTable(curves []sensing.CurveResult, robust bool) app.UI {
	if len(curves) == 0 {
		return app.Div()
	}
	num := func(x float64, f string) string {
		if x == 0 {
			return "–"
		}
		return fmt.Sprintf(f, x)
	}
	return app.Section().Class("panel").Body(
		app.H2().Text("Per curve"),
		app.Div().Class("table-scroll").Body(app.Table().ID("sensing-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("curve"), app.Th().Text("error at T"), app.Th().Text("relative"), app.Th().Text("log–log slope (last decade)"),
				app.Th().Text("late slope per iteration"), app.Th().Text("theory"))),
			app.TBody().Body(app.Range(curves).Slice(func(i int) app.UI {
				cv := curves[i]
				theory := "–"
				switch {
				case cv.PredictedSlope != 0:
					theory = fmt.Sprintf("slope %.3g (−ηλ_min of the imbalance), %.3g on its spurious directions", cv.PredictedSlope, cv.SpuriousSlope)
				case len(cv.TheoryError) > 0:
					theory = fmt.Sprintf("√(k−r)/(2ηT) = %.4g", cv.TheoryError[len(cv.TheoryError)-1])
				}
				if cv.Rebalanced > 0 {
					theory += fmt.Sprintf("; rebalanced at %d, slope after %s", cv.Rebalanced, num(cv.PostSlope, "%.3g"))
				}
				return app.Tr().Body(app.Td().Text(sensingName(cv, robust)), app.Td().Text(fmt.Sprintf("%.4g", cv.Error[len(cv.Error)-1])), app.Td().Text(fmt.Sprintf("%.3g", cv.Final)),
					app.Td().Text(num(cv.LogLogSlope, "%.3f")), app.Td().Text(num(cv.LateSlope, "%.3g")), app.Td().Text(theory))
			})),
		)),
	)
}

// sensingCSV is the curves as one long table: a row per curve and
// recorded iteration, with the theory where it has a value there.
func sensingCSV(curves []sensing.CurveResult, robust bool) string {
	var b strings.Builder
	b.WriteString("curve,k,alpha,outliers,method,step,error,relative,theory\n")
	for _, cv := range curves {
		theory := map[int]float64{}
		for j, t := range cv.TheoryStep {
			theory[t] = cv.TheoryError[j]
		}
		for j, t := range cv.Step {
			th := ""
			if v, ok := theory[t]; ok {
				th = csvNum(v)
			}
			b.WriteString(strings.Join([]string{csvText(sensingName(cv, robust)), strconv.Itoa(cv.K), csvNum(cv.Alpha), csvNum(cv.Outliers), cv.Method,
				strconv.Itoa(t), csvNum(cv.Error[j]), csvNum(cv.Relative[j]), th}, ",") + "\n")
		}
	}
	return b.String()
}

// sensingFinalCSV is the final relative error of every curve.
func sensingFinalCSV(curves []sensing.CurveResult) string {
	var b strings.Builder
	b.WriteString("method,outliers,k,alpha,final_relative\n")
	for _, cv := range curves {
		b.WriteString(cv.Method + "," + csvNum(cv.Outliers) + "," + strconv.Itoa(cv.K) + "," + csvNum(cv.Alpha) + "," + csvNum(cv.Final) + "\n")
	}
	return b.String()
}
