package app

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
)

// pathsDef describes the interpolation-paths page.
var pathsDef = &experimentPage[paths.Spec]{
	path: PathPaths, name: "paths", worker: "worker-paths.wasm",
	defaults: paths.Default,
	presets:  pathsPresets,
	fields:   pathsFields,
	groups:   pathsGroups,
	relevant: func(s *paths.Spec, key string) bool { return relevantTo(pathsFields[key], s.Data) },
	start: func(jobs Jobs, id int, spec paths.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "paths", spec, spec.Points(), decodePaths, emit, now)
	},
	csv: func(r any) string { res, _ := r.(*paths.Result); return pathsResultCSV(res) },
}

func decodePaths(body string) (any, error) {
	var r paths.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage("paths", pathsDef, func() app.Composer { return newPathsPage() })
	registerThumbnails("paths", pathsDef,
		func(p preset, spec paths.Spec, res *paths.Result) string {
			// The width sweep's preset shows its barriers; the others their pair.
			var bezier *paths.Path
			if len(res.Paths) > 1 && res.Paths[1].Name == paths.BezierName {
				bezier = &res.Paths[1]
			}
			c := pairPlot(&res.Paths[0], bezier, spec, Done)
			if p.ID == "paths-wide" {
				c = barrierPlot(res, nil, spec)
			}
			return thumbnailSVG(c)
		})
}

// pathsPage follows the loss along paths between solutions: the straight
// line between a pair (small vs large batch, or two seeds) with the
// sharpness along it, and in mean-field networks the dropout-stable
// piecewise-linear path of Shevchenko & Mondelli against width.
type pathsPage struct {
	app.Compo
	pageCore[paths.Spec]
	cache partCache[paths.Point]
}

func newPathsPage() *pathsPage { return &pathsPage{pageCore: newPageCore(pathsDef)} }

// OnNav reads the link into the controls and runs it when it is valid.
func (p *pathsPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *pathsPage) OnDismount() { p.stop() }

func (p *pathsPage) result() *paths.Result {
	r, _ := p.state.Result.(*paths.Result)
	return r
}

// parts are the points finished so far, by index.
func (p *pathsPage) parts() map[int]*paths.Point { return p.cache.of(p.state) }

func (p *pathsPage) Render() app.UI {
	res := p.result()
	parts := p.parts()
	var pair, bezier, mfLinear, mfPiecewise *paths.Path
	switch {
	case res != nil:
		for i := range res.Paths {
			switch {
			case i == 0:
				pair = &res.Paths[i]
			case res.Paths[i].Name == paths.BezierName:
				bezier = &res.Paths[i]
			case res.Paths[i].Name == "linear":
				mfLinear = &res.Paths[i]
			case res.Paths[i].Name == "piecewise":
				mfPiecewise = &res.Paths[i]
			}
		}
	case parts[0] != nil && len(parts[0].Paths) > 0:
		pair = &parts[0].Paths[0] // the pair streams in before the sweep ends
		if len(parts[0].Paths) > 1 {
			bezier = &parts[0].Paths[1]
		}
	}
	return shell(PathPaths,
		p.header("Paths between solutions: no barrier where it matters",
			"Follow the training loss along paths between two trained networks. Small- and large-batch solutions are joined by a straight line without a barrier; two seeds are not — "+
				"but in wide networks a piecewise-linear path through their half-dropout networks is, because keeping half the neurons barely changes the loss."),
		p.layout(
			pathsSummary(res),
			newChartPanel("pair").Title("Loss along the straight line between the pair").
				Plot(pairPlot(pair, bezier, p.ran, p.state.Status)).
				Readout(func(x float64) string { return pathReadout(pair, x) }).
				CSV(func() string { return pathCSV(pair, bezier) }),
			newChartPanel("sharpness").Title("Sharpness along the line").
				Plot(sharpnessPlot(pair)).
				CSV(func() string { return sharpCSV(pair) }),
			newChartPanel("mf-paths").Title(fmt.Sprintf("Mean-field width %d: straight line vs dropout-stable path", p.ran.Width)).
				Plot(mfPathsPlot(mfLinear, mfPiecewise)).
				Readout(func(x float64) string { return pathReadout(mfPiecewise, x) }).
				CSV(func() string { return pathCSV(mfLinear, mfPiecewise) }),
			newChartPanel("dropout").Title("Dropout stability: loss change when keeping M of N neurons").
				Plot(dropoutPlot(res)).
				CSV(func() string { return dropoutCSV(res) }),
			newChartPanel("barriers").Title("Barrier height against width").
				Plot(barrierPlot(res, parts, p.ran)).
				CSV(func() string { return widthsCSV(res) }),
			widthsTable(res),
			p.exportPanel(),
		),
	)
}

// pairPlot draws the losses (left) and accuracies (right) along the pair's
// line, with the two solutions marked, and the trained Bézier curve's loss
// when there is one (its parameter t in place of α).
func pairPlot(path, bezier *paths.Path, spec paths.Spec, status Status) *chart.Plot {
	c := &chart.Plot{Title: "Straight line θ(α) = (1−α)θ_{A} + αθ_{B}", X: chart.Axis{Label: "α (0 = solution A, 1 = solution B)"},
		Y: chart.Axis{Label: "loss (per sample)", Log: true}, Legend: true, Height: 320, Note: "press Run"}
	if status == Running {
		c.Note = "training the pair…"
	}
	if path == nil {
		return c
	}
	c.Series = []chart.Series{
		{Name: "train loss", X: path.Alpha, Y: path.TrainLoss, Class: "c0", Width: 2},
		{Name: "test loss", X: path.Alpha, Y: path.TestLoss, Class: "c1", Width: 2},
	}
	if len(path.TrainAcc) > 0 {
		c.Y2 = chart.Axis{Label: "accuracy (%)", Min: 0, Max: 100}
		c.Series = append(c.Series,
			chart.Series{Name: "train accuracy", X: path.Alpha, Y: percent(path.TrainAcc), Class: "c3", Dashed: true, Right: true},
			chart.Series{Name: "test accuracy", X: path.Alpha, Y: percent(path.TestAcc), Class: "c4", Dashed: true, Right: true})
	}
	if bezier != nil {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("Bézier curve, train loss (barrier %.3g)", bezier.Barrier), X: bezier.Alpha, Y: bezier.TrainLoss, Class: "c2", Dashed: true, Width: 2})
	}
	a, b := "A", "B"
	if spec.Pair == "batch" {
		a, b = "A: large batch", "B: small batch"
	} else {
		a, b = "A: seed "+strconv.FormatUint(spec.Seed, 10), "B: seed "+strconv.FormatUint(spec.Seed+1, 10)
	}
	c.VLines = []chart.VLine{{X: 0, Label: a, Class: "muted"}, {X: 1, Label: b, Class: "muted"}}
	return c
}

func percent(xs []float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = 100 * x
	}
	return out
}

// sharpnessPlot draws the top Hessian eigenvalue at a few α.
func sharpnessPlot(path *paths.Path) *chart.Plot {
	c := &chart.Plot{Title: "Top Hessian eigenvalue along the line", X: chart.Axis{Label: "α"}, Y: chart.Axis{Label: "λ_{max} (loss per parameter²)"},
		Height: 240, Note: "no sharpness yet"}
	if path == nil || len(path.Sharpness) == 0 {
		return c
	}
	x, y, h := []float64{}, []float64{}, []string{}
	for _, s := range path.Sharpness {
		x, y = append(x, s.Alpha), append(y, s.Top)
		h = append(h, fmt.Sprintf("α = %.3g: λₘₐₓ = %.5g (Ritz residual %.2g)", s.Alpha, s.Top, s.Residual))
	}
	c.Series = []chart.Series{{X: x, Y: y, Class: "c2", Width: 1.5}, {Name: "λ_{max}", X: x, Y: y, Style: chart.Points, Class: "c2", Width: 7, Hover: h}}
	return c
}

// mfPathsPlot draws the straight line and the piecewise path between two
// mean-field networks, with the piecewise path's segments marked.
func mfPathsPlot(linear, piecewise *paths.Path) *chart.Plot {
	c := &chart.Plot{Title: "Training loss along two paths", X: chart.Axis{Label: "position along the path (0 = θ, 1 = θ′)"},
		Y: chart.Axis{Label: "training loss (½ squared error)"}, Legend: true, Height: 300, Note: "computed with the width sweep"}
	if linear != nil {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("straight line (barrier %.3g)", linear.Barrier), X: linear.Alpha, Y: linear.TrainLoss, Class: "c0", Width: 2})
	}
	if piecewise != nil {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("dropout-stable path (barrier %.3g)", piecewise.Barrier), X: piecewise.Alpha, Y: piecewise.TrainLoss, Class: "c1", Width: 2})
		for i, s := range piecewise.Segments {
			if i > 0 && i < len(piecewise.Segments)-1 {
				c.VLines = append(c.VLines, chart.VLine{X: s, Label: fmt.Sprintf("segment %d|%d", i, i+1), Class: "muted", Dashed: true})
			}
		}
	}
	return c
}

// dropoutPlot draws ΔL against M for every width on log–log axes: the
// curves collapse when the change depends on M alone.
func dropoutPlot(res *paths.Result) *chart.Plot {
	c := &chart.Plot{Title: "ΔL(M) for each width N", X: chart.Axis{Label: "neurons kept M", Log: true}, Y: chart.Axis{Label: "loss change ΔL", Log: true},
		Legend: true, Height: 300, Note: "computed with the width sweep"}
	if res == nil {
		return c
	}
	for i, d := range res.Dropout {
		x := make([]float64, len(d.M))
		for j, m := range d.M {
			x[j] = float64(m)
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("N = %d", d.Width), X: x, Y: d.Delta, Class: fmt.Sprintf("c%d", i%8), Width: 1.5},
			chart.Series{X: x, Y: d.Delta, Style: chart.Points, Class: fmt.Sprintf("c%d", i%8), Width: 5})
	}
	return c
}

// barrierPlot draws the two barriers and the half-dropout change against
// width, medians with quartiles; while the sweep runs, each finished pair
// of networks appears as a dot.
func barrierPlot(res *paths.Result, parts map[int]*paths.Point, spec paths.Spec) *chart.Plot {
	c := &chart.Plot{Title: "Barriers against width", X: chart.Axis{Label: "width N (neurons)", Log: true}, Y: chart.Axis{Label: "barrier (loss units)"},
		Legend: true, Height: 320, Note: "the widths stream in as they finish"}
	if res == nil {
		var lx, ly, px, py []float64
		for i, pt := range parts {
			if i == 0 || len(pt.Paths) < 2 {
				continue
			}
			lx, ly = append(lx, float64(pt.Width)), append(ly, pt.Paths[0].Barrier)
			px, py = append(px, float64(pt.Width)), append(py, pt.Paths[1].Barrier)
		}
		c.Series = []chart.Series{
			{Name: "straight line", X: lx, Y: ly, Style: chart.Points, Class: "c0", Width: 6},
			{Name: "dropout-stable path", X: px, Y: py, Style: chart.Points, Class: "c1", Width: 6},
		}
		return c
	}
	n := len(res.Widths)
	w := make([]float64, n)
	cols := make([][]float64, 9)
	for i := range cols {
		cols[i] = make([]float64, n)
	}
	for i, ws := range res.Widths {
		w[i] = float64(ws.Width)
		for j, v := range []float64{ws.LinearBarrier, ws.LinearQ1, ws.LinearQ3, ws.DropoutBarrier, ws.DropoutQ1, ws.DropoutQ3, ws.DropoutDelta, ws.DeltaQ1, ws.DeltaQ3} {
			cols[j][i] = v
		}
	}
	for k, name := range []string{"straight line", "dropout-stable path", "half-dropout ΔL"} {
		cls := fmt.Sprintf("c%d", k)
		c.Series = append(c.Series,
			chart.Series{X: w, Y: cols[3*k+2], Low: cols[3*k+1], Style: chart.Range, Class: cls},
			chart.Series{Name: name + " (median, quartiles shaded)", X: w, Y: cols[3*k], Class: cls, Width: 2},
			chart.Series{X: w, Y: cols[3*k], Style: chart.Points, Class: cls, Width: 6})
	}
	return c
}

// pathsSummary shows the pair's barrier and the sweep's extremes.
func pathsSummary(res *paths.Result) app.UI {
	if res == nil || len(res.Paths) == 0 {
		return app.Div().Class("summary")
	}
	items := []app.UI{stat("pair-barrier", "barrier on the pair's line", fmt.Sprintf("%.3g", res.Paths[0].Barrier), true)}
	if n := len(res.Widths); n > 0 {
		first, last := res.Widths[0], res.Widths[n-1]
		items = append(items,
			stat("linear-barrier", fmt.Sprintf("straight-line barrier, N = %d → %d", first.Width, last.Width), fmt.Sprintf("%.3g → %.3g", first.LinearBarrier, last.LinearBarrier), false),
			stat("dropout-barrier", fmt.Sprintf("dropout-path barrier, N = %d → %d", first.Width, last.Width), fmt.Sprintf("%.3g → %.3g", first.DropoutBarrier, last.DropoutBarrier), true),
			stat("dropout-delta", "half-dropout ΔL", fmt.Sprintf("%.3g → %.3g", first.DropoutDelta, last.DropoutDelta), false))
	}
	return app.Div().Class("summary").Body(items...)
}

// widthsTable lists the sweep's statistics per width.
func widthsTable(res *paths.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	q := func(m, a, b float64) string { return fmt.Sprintf("%.3g [%.3g, %.3g]", m, a, b) }
	return app.Section().Class("panel").Body(
		app.H2().Text("Per width (median [quartiles] over pairs)"),
		app.Div().Class("table-scroll").Body(app.Table().ID("widths-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("width N"), app.Th().Text("straight-line barrier"), app.Th().Text("dropout-path barrier"), app.Th().Text("half-dropout ΔL"), app.Th().Text("pairs"))),
			app.TBody().Body(app.Range(res.Widths).Slice(func(i int) app.UI {
				w := res.Widths[i]
				return app.Tr().Body(app.Td().Text(w.Width), app.Td().Text(q(w.LinearBarrier, w.LinearQ1, w.LinearQ3)),
					app.Td().Text(q(w.DropoutBarrier, w.DropoutQ1, w.DropoutQ3)), app.Td().Text(q(w.DropoutDelta, w.DeltaQ1, w.DeltaQ3)), app.Td().Text(w.Seeds))
			})),
		)),
	)
}

func pathReadout(path *paths.Path, x float64) string {
	if path == nil || len(path.Alpha) == 0 {
		return ""
	}
	best := 0
	for i, a := range path.Alpha {
		if math.Abs(a-x) < math.Abs(path.Alpha[best]-x) {
			best = i
		}
	}
	s := fmt.Sprintf("α = %.3g: train loss %.4g, test loss %.4g", path.Alpha[best], path.TrainLoss[best], path.TestLoss[best])
	if best < len(path.TrainAcc) {
		s += fmt.Sprintf(", train accuracy %.1f%%, test accuracy %.1f%%", 100*path.TrainAcc[best], 100*path.TestAcc[best])
	}
	return s
}

// pathCSV writes paths (nil ones skipped) as one CSV table.
func pathCSV(paths ...*paths.Path) string {
	var b strings.Builder
	b.WriteString("path,alpha,train_loss,test_loss,train_acc,test_acc\n")
	for _, path := range paths {
		if path == nil {
			continue
		}
		for i, a := range path.Alpha {
			acc := ","
			if i < len(path.TrainAcc) {
				acc = csvNum(path.TrainAcc[i]) + "," + csvNum(path.TestAcc[i])
			}
			b.WriteString(csvText(path.Name) + "," + csvNum(a) + "," + csvNum(path.TrainLoss[i]) + "," + csvNum(path.TestLoss[i]) + "," + acc + "\n")
		}
	}
	return b.String()
}

func sharpCSV(path *paths.Path) string {
	var b strings.Builder
	b.WriteString("alpha,top_eigenvalue,residual\n")
	if path != nil {
		for _, s := range path.Sharpness {
			b.WriteString(csvNum(s.Alpha) + "," + csvNum(s.Top) + "," + csvNum(s.Residual) + "\n")
		}
	}
	return b.String()
}

func dropoutCSV(res *paths.Result) string {
	var b strings.Builder
	b.WriteString("width,m,delta\n")
	if res != nil {
		for _, d := range res.Dropout {
			for i, m := range d.M {
				b.WriteString(strconv.Itoa(d.Width) + "," + strconv.Itoa(m) + "," + csvNum(d.Delta[i]) + "\n")
			}
		}
	}
	return b.String()
}

func widthsCSV(res *paths.Result) string {
	var b strings.Builder
	b.WriteString("width,linear_barrier,linear_q1,linear_q3,dropout_barrier,dropout_q1,dropout_q3,dropout_delta,delta_q1,delta_q3,seeds\n")
	if res != nil {
		for _, w := range res.Widths {
			b.WriteString(strings.Join([]string{strconv.Itoa(w.Width), csvNum(w.LinearBarrier), csvNum(w.LinearQ1), csvNum(w.LinearQ3), csvNum(w.DropoutBarrier),
				csvNum(w.DropoutQ1), csvNum(w.DropoutQ3), csvNum(w.DropoutDelta), csvNum(w.DeltaQ1), csvNum(w.DeltaQ3), strconv.Itoa(w.Seeds)}, ",") + "\n")
		}
	}
	return b.String()
}
