package app

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/curve"
	"github.com/overparam/overparam/compute/experiment/sharpness"
)

// PathSharpness is the sharpness page.
const PathSharpness = "/sharpness"

// sharpDef describes the sharpness page.
var sharpDef = &experimentPage[sharpness.Spec]{
	path: PathSharpness, name: "sharpness", worker: "worker-sharpness.wasm",
	defaults: sharpness.Default,
	presets:  sharpness.Presets(),
	fields:   sharpFields,
	groups:   sharpGroups,
	relevant: sharpRelevant,
	start: func(jobs Jobs, id int, spec sharpness.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "sharpness", spec, spec.Points(), decodeSharp, emit, now)
	},
	csv: func(r any) string {
		res, _ := r.(*sharpness.Result)
		return sharpEigsCSV(withFlow(sharpPoints(res, nil), sharpFlow(res, nil)))
	},
}

func decodeSharp(body string) (any, error) {
	var r sharpness.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage("sharpness", sharpDef, func() app.Composer { return &sharpnessPage{pageCore: newPageCore(sharpDef)} })
	registerThumbnails("sharpness", sharpDef, func(p preset, _ sharpness.Spec, res *sharpness.Result) string {
		c := sharpEigPlot(res.Points)
		switch p.ID {
		case "sharpness-catapult":
			c = catapultPlot(res)
		case "sharpness-rescale":
			c = rescalePlot(res.Points)
		}
		return thumbnailSVG(c)
	})
}

// sharpnessPage tracks the top Hessian eigenvalues during full-batch
// training against each optimizer's stability edge, with the catapult toy
// and the rescaling of a ReLU network.
type sharpnessPage struct {
	app.Compo
	pageCore[sharpness.Spec]
	cache partCache[sharpness.Point]
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *sharpnessPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *sharpnessPage) OnDismount() { p.stop() }

// sharpPoints returns the finished points: the result's, or those streamed
// in so far, in order of step size.
func sharpPoints(res *sharpness.Result, parts map[int]*sharpness.Point) []*sharpness.Point {
	if res != nil {
		return res.Points
	}
	var pts []*sharpness.Point
	for i := 0; i < len(parts)+8; i++ {
		if pt := parts[i]; pt != nil && !pt.IsFlow {
			pts = append(pts, pt)
		}
	}
	return pts
}

// withFlow appends the gradient-flow reference, if any, to the points (for
// the CSV, where its lr column tells it apart).
func withFlow(pts []*sharpness.Point, flow *sharpness.Point) []*sharpness.Point {
	if flow == nil {
		return pts
	}
	return append(append([]*sharpness.Point(nil), pts...), flow)
}

// sharpFlow returns the gradient-flow reference: the result's, or the
// streamed point once it has finished; nil without one.
func sharpFlow(res *sharpness.Result, parts map[int]*sharpness.Point) *sharpness.Point {
	if res != nil {
		return res.Flow
	}
	for _, pt := range parts {
		if pt != nil && pt.IsFlow {
			return pt
		}
	}
	return nil
}

func (p *sharpnessPage) Render() app.UI {
	res, _ := p.state.Result.(*sharpness.Result)
	parts := p.cache.of(p.state)
	pts := sharpPoints(res, parts)
	if res == nil {
		pts = append(pts, livePoints(p.state.Live, parts, p.ran)...)
	}
	return shell(PathSharpness,
		p.header("Sharpness during training: the edge of stability",
			"Full-batch training drives the top eigenvalue of the training loss's Hessian up until it reaches the optimizer's stability edge — 2/η for gradient descent — and then holds it there. "+
				"The eigenvalues are computed exactly (R-operator Hessian-vector products, Lanczos with full reorthogonalisation), always of the training loss, never of a SAM, SAF or MESA penalty."),
		p.layout(
			sharpSummary(res, pts),
			newChartPanel("eigs").Title("Top Hessian eigenvalues and the stability edge").Plot(sharpEigPlot(pts)).CSV(func() string { return sharpEigsCSV(withFlow(pts, sharpFlow(res, parts))) }),
			newChartPanel("loss").Title("Training loss").Plot(sharpLossPlot(pts)).CSV(func() string { return sharpLossCSV(pts) }),
			newChartPanel("flow").Title("Against η·t: gradient flow until the edge").Plot(sharpFlowPlot(pts, sharpFlow(res, parts))),
			newChartPanel("zoom").Title("Zoom: every step of the last steps").Plot(sharpZoomPlot(pts)),
			newChartPanel("sweep").Title("λ at the end against 2/η").Plot(sharpSweepPlot(res, pts)),
			newChartPanel("catapult").Title("Catapult: the two-layer linear toy f = vᵀu/√m").Plot(catapultPlot(res)),
			newChartPanel("rescale").Title("Rescaling a ReLU network: same function, other sharpness").Plot(rescalePlot(pts)),
			p.exportPanel(),
		),
	)
}

// livePoints turns the curve points that running step sizes streamed into
// provisional points for the charts: the loss, and the eigenvalues with the
// edge at the tracked steps.
func livePoints(live map[int][]curve.Point, done map[int]*sharpness.Point, spec sharpness.Spec) []*sharpness.Point {
	var pts []*sharpness.Point
	for i, e := range spec.Edges {
		cps := live[i]
		if done[i] != nil || len(cps) == 0 {
			continue
		}
		pt := &sharpness.Point{Index: i, LR: 2 / float64(e), TStar: -1}
		for _, c := range cps {
			if c.TrainLoss == c.TrainLoss { // not NaN
				pt.Steps, pt.Loss = append(pt.Steps, c.Step), append(pt.Loss, c.TrainLoss)
			}
			if c.Eigs != [3]float64{} || c.Edge != 0 {
				vals := append([]float64(nil), c.Eigs[:min(spec.Eigs, 3)]...)
				pt.Eigs = append(pt.Eigs, sharpness.Eig{Step: c.Step, Values: vals, Edge: c.Edge})
				pt.Edge = c.Edge
			}
		}
		pts = append(pts, pt)
	}
	return pts
}

// sharpClass is the colour class of point i.
func sharpClass(i int) string { return "c" + strconv.Itoa(i%8) }

// edgeSeries is a dashed horizontal line at each step's edge.
func edgeSeries(pt *sharpness.Point, name string, xs func(int) float64) chart.Series {
	var x, y []float64
	for _, e := range pt.Eigs {
		x, y = append(x, xs(e.Step)), append(y, e.Edge)
	}
	return chart.Series{Name: name, X: x, Y: y, Class: sharpClass(pt.Index), Dashed: true, Width: 1}
}

// eigSeries is the k-th eigenvalue of pt against xs(step).
func eigSeries(pt *sharpness.Point, k int, name string, xs func(int) float64) chart.Series {
	var x, y []float64
	for _, e := range pt.Eigs {
		if k < len(e.Values) {
			x, y = append(x, xs(e.Step)), append(y, e.Values[k])
		}
	}
	return chart.Series{Name: name, X: x, Y: y, Class: sharpClass(pt.Index), Width: 2 - 0.6*float64(k)}
}

func sharpEigPlot(pts []*sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "λ₁ (solid), λ₂, λ₃ (thin) and the edge (dashed)", X: chart.Axis{Label: "step t"},
		Y: chart.Axis{Label: "Hessian eigenvalue (loss per parameter²)"}, Legend: true, Height: 340, Note: "the step sizes appear as they finish"}
	step := func(t int) float64 { return float64(t) }
	for _, pt := range pts {
		c.Series = append(c.Series, eigSeries(pt, 0, fmt.Sprintf("λ₁, η = %.4g", pt.LR), step))
		for k := 1; k < 3; k++ {
			c.Series = append(c.Series, eigSeries(pt, k, "", step))
		}
		c.Series = append(c.Series, edgeSeries(pt, fmt.Sprintf("edge %.4g", pt.Edge), step))
		if pt.TStar >= 0 {
			c.VLines = append(c.VLines, chart.VLine{X: float64(pt.TStar), Label: fmt.Sprintf("t* = %d", pt.TStar), Class: sharpClass(pt.Index), Dashed: true})
		}
	}
	return c
}

func sharpLossPlot(pts []*sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "Training loss L(θ_t)", X: chart.Axis{Label: "step t"}, Y: chart.Axis{Label: "loss (per sample)", Log: true}, Legend: true, Height: 280,
		Note: "the step sizes appear as they finish"}
	for _, pt := range pts {
		x := make([]float64, len(pt.Steps))
		for i, t := range pt.Steps {
			x[i] = float64(t)
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("η = %.4g", pt.LR), X: x, Y: pt.Loss, Class: sharpClass(pt.Index), Width: 1.5})
		if pt.TStar >= 0 {
			c.VLines = append(c.VLines, chart.VLine{X: float64(pt.TStar), Label: "t*", Class: sharpClass(pt.Index), Dashed: true})
		}
	}
	return c
}

// sharpFlowPlot draws λ₁ of each run and of the gradient-flow reference
// (flow, if not nil; black, thick) against η·t, with each run's 2/η.
func sharpFlowPlot(pts []*sharpness.Point, flow *sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "λ₁ against η·t: the runs follow gradient flow until each meets its edge", X: chart.Axis{Label: "η·t (gradient-flow time)"},
		Y: chart.Axis{Label: "λ₁ (loss per parameter²)"}, Legend: true, Height: 280, Note: "the step sizes appear as they finish; flow = N adds a gradient-flow reference"}
	if flow != nil {
		lr := flow.LR
		s := eigSeries(flow, 0, fmt.Sprintf("gradient flow (η = %.3g)", lr), func(t int) float64 { return float64(lr * float64(t)) })
		s.Class, s.Width = "muted", 3
		c.Series = append(c.Series, s)
	}
	for _, pt := range pts {
		lr := pt.LR
		c.Series = append(c.Series, eigSeries(pt, 0, fmt.Sprintf("η = %.4g", lr), func(t int) float64 { return float64(lr * float64(t)) }))
	}
	return c
}

func sharpZoomPlot(pts []*sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "λ₁/edge (solid) and the step along u₁ (dots, right)", X: chart.Axis{Label: "step t"}, Y: chart.Axis{Label: "λ₁ / edge"},
		Y2: chart.Axis{Label: "(θ_t − θ_{t−1})ᵀu₁"}, Legend: true, Height: 260, Note: "no zoom window (zoom = 0)"}
	for _, pt := range pts {
		var x, y, mx, my []float64
		for i, e := range pt.Eigs {
			if i > 0 && e.Step == pt.Eigs[i-1].Step+1 && e.Edge > 0 {
				x, y = append(x, float64(e.Step)), append(y, e.Values[0]/e.Edge)
				mx, my = append(mx, float64(e.Step)), append(my, e.Move)
			}
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("η = %.4g", pt.LR), X: x, Y: y, Class: sharpClass(pt.Index), Width: 1.5},
			chart.Series{X: mx, Y: my, Style: chart.Points, Class: sharpClass(pt.Index), Width: 4, Right: true})
	}
	return c
}

func sharpSweepPlot(res *sharpness.Result, pts []*sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "λ_end against 2/η (the line is λ = 2/η)", X: chart.Axis{Label: "2/η", Log: true}, Y: chart.Axis{Label: "λ_end", Log: true},
		Legend: true, Height: 260, Note: "the step sizes appear as they finish"}
	var x, y, lx []float64
	for _, pt := range pts {
		if pt.LambdaEnd > 0 {
			x, y = append(x, 2/pt.LR), append(y, pt.LambdaEnd)
		}
	}
	if len(x) > 0 {
		lo, hi := x[0], x[0]
		for _, v := range x {
			lo, hi = min(lo, v), max(hi, v)
		}
		lx = []float64{lo, hi}
	}
	name := "λ_end"
	if res != nil && len(x) > 1 {
		name = fmt.Sprintf("λ_end (slope in η: %.3f)", res.Slope)
	}
	c.Series = []chart.Series{{Name: "λ = 2/η", X: lx, Y: lx, Class: "muted", Dashed: true}, {Name: name, X: x, Y: y, Style: chart.Points, Class: "c0", Width: 7}}
	return c
}

func catapultPlot(res *sharpness.Result) *chart.Plot {
	c := &chart.Plot{Title: "Loss L_t/L₀ at several η·λ₀", X: chart.Axis{Label: "step t", Min: 0, Max: 40}, Y: chart.Axis{Label: "L_t / L₀", Log: true, Min: 1e-8, Max: 1e4},
		Legend: true, Height: 300, Note: "computed with the run"}
	if res == nil {
		return c
	}
	for i, r := range res.Catapult {
		x, y := make([]float64, len(r.Loss)), make([]float64, len(r.Loss))
		for t, l := range r.Loss {
			x[t], y[t] = float64(t), l/r.Loss[0]
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("η·λ₀ = %g: %s", r.EtaLambda0, r.Outcome), X: x, Y: y, Class: sharpClass(i), Width: 1.5, Dashed: r.Outcome == "diverges"})
	}
	return c
}

func rescalePlot(pts []*sharpness.Point) *chart.Plot {
	c := &chart.Plot{Title: "λ_max of the same function, rescaled by α", X: chart.Axis{Label: "α (first layer ×α, second ÷α)", Log: true},
		Y: chart.Axis{Label: "λ_max (loss per parameter²)", Log: true}, Legend: true, Height: 260, Note: "a ReLU network's first step size only (activation = relu)"}
	if len(pts) == 0 || pts[0].Index != 0 || pts[0].Rescale == nil {
		return c
	}
	r := pts[0].Rescale
	hover := make([]string, len(r.Alpha))
	for i := range hover {
		hover[i] = fmt.Sprintf("α = %g: λ_max = %.5g, loss %.6g, largest output change %g", r.Alpha[i], r.Top[i], r.Loss[i], r.MaxChange[i])
	}
	c.Series = []chart.Series{{X: r.Alpha, Y: r.Top, Class: "c3", Width: 1.5},
		{Name: fmt.Sprintf("λ_max (loss %.4g at every α)", r.Loss[0]), X: r.Alpha, Y: r.Top, Style: chart.Points, Class: "c3", Width: 7, Hover: hover}}
	return c
}

// sharpSummary shows each step size's t* and plateau.
func sharpSummary(res *sharpness.Result, pts []*sharpness.Point) app.UI {
	var items []app.UI
	for _, pt := range pts {
		v := "edge not reached"
		switch {
		case pt.Products == 0:
			v = "running…" // a live point (livePoints)
		case pt.Diverged != "":
			v = "diverged"
		case pt.TStar >= 0:
			v = fmt.Sprintf("t* = %d, λ₁/edge %.3f [%.3f, %.3f]", pt.TStar, pt.Plateau.Median, pt.Plateau.P5, pt.Plateau.P95)
		}
		items = append(items, stat(fmt.Sprintf("plateau-%d", pt.Index), fmt.Sprintf("η = %.4g, edge %.4g", pt.LR, pt.Edge), v, pt.TStar >= 0))
	}
	if res != nil && len(res.Points) > 1 {
		items = append(items, stat("slope", "slope of log λ_end on log η", fmt.Sprintf("%.3f", res.Slope), false))
	}
	return app.Div().Class("summary").Body(items...)
}

func sharpEigsCSV(pts []*sharpness.Point) string {
	var b strings.Builder
	b.WriteString("lr,step,edge,lambda1,lambda2,lambda3,residual1,products,move\n")
	for _, pt := range pts {
		for _, e := range pt.Eigs {
			v := []string{"", "", ""}
			for k := range min(3, len(e.Values)) {
				v[k] = csvNum(e.Values[k])
			}
			b.WriteString(csvNum(pt.LR) + "," + strconv.Itoa(e.Step) + "," + csvNum(e.Edge) + "," + strings.Join(v, ",") + "," + residual(e) + "," + strconv.Itoa(e.Products) + "," + csvNum(e.Move) + "\n")
		}
	}
	return b.String()
}

// residual is the top Ritz residual as a CSV cell; empty for a live point.
func residual(e sharpness.Eig) string {
	if len(e.Residuals) == 0 {
		return ""
	}
	return csvNum(e.Residuals[0])
}

func sharpLossCSV(pts []*sharpness.Point) string {
	var b strings.Builder
	b.WriteString("lr,step,loss\n")
	for _, pt := range pts {
		for i, t := range pt.Steps {
			b.WriteString(csvNum(pt.LR) + "," + strconv.Itoa(t) + "," + csvNum(pt.Loss[i]) + "\n")
		}
	}
	return b.String()
}
