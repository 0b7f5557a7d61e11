package app

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
)

// ddDef describes the double-descent page.
var ddDef = &experimentPage[doubledescent.Spec]{
	path: PathDoubleDescent, name: "doubledescent", worker: "worker-doubledescent.wasm",
	defaults:    doubledescent.Default,
	defaultsFor: doubledescent.DefaultForQuery,
	presets:     ddPresets,
	fields:      ddFields,
	groups:      ddGroups,
	relevant:    func(s *doubledescent.Spec, key string) bool { return s.Uses(key) },
	start: func(jobs Jobs, id int, spec doubledescent.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "doubledescent", spec, spec.Points(), decodeDD, emit, now)
	},
	csv: func(r any) string { res, _ := r.(*doubledescent.Result); return ddCSV(res) },
	// Switching the model loads that model's preset: sizes, samples and
	// noise mean different things for each.
	change: func(s *doubledescent.Spec, key, value string) bool {
		if key != "model" || value == s.Model {
			return false
		}
		seed := s.Seed
		*s = doubledescent.DefaultFor(value)
		s.Seed = seed
		return true
	},
}

func decodeDD(body string) (any, error) {
	var r doubledescent.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage("doubledescent", ddDef, func() app.Composer { return newDoubleDescentPage() })
	registerThumbnails("doubledescent", ddDef,
		func(_ preset, _ doubledescent.Spec, res *doubledescent.Result) string {
			c := ddPlot(res, true)
			return thumbnailSVG(c)
		})
}

// doubleDescentPage sweeps a model's size and shows the test error with the
// theory that predicts it: linear regression, random features, a neural
// network with label noise, and LSTD in reinforcement learning.
type doubleDescentPage struct {
	app.Compo
	pageCore[doubledescent.Spec]
	logY  bool
	cache partCache[doubledescent.Point]
}

func newDoubleDescentPage() *doubleDescentPage {
	return &doubleDescentPage{pageCore: newPageCore(ddDef), logY: true}
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *doubleDescentPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *doubleDescentPage) OnDismount() { p.stop() }

func (p *doubleDescentPage) result() *doubledescent.Result {
	r, _ := p.state.Result.(*doubledescent.Result)
	return r
}

func (p *doubleDescentPage) Render() app.UI {
	res := p.result()
	return shell(PathDoubleDescent,
		p.header("Double descent: test error against model size",
			"Sweep the size of a model past the point where it can fit its training data exactly. The test error rises to a peak at that interpolation threshold, then falls again as the model keeps growing — "+
				"in linear regression, random features, neural networks with noisy labels, and reinforcement learning. Theory curves are drawn where a closed form exists."),
		p.layout(
			ddSummary(res, p.ran),
			newChartPanel("dd").Title("Test error against model size").
				Plot(p.chart()).
				Tools(app.Label().For("view-logy").Body(
					app.Input().Type("checkbox").ID("view-logy").Checked(p.logY).OnChange(func(ctx app.Context, e app.Event) { p.logY = ctx.JSSrc().Get("checked").Bool() }),
					app.Text(" log scale (regression, RL)"))).
				Readout(func(x float64) string { return ddReadout(res, x) }).
				CSV(func() string { return ddCSV(res) }),
			ddTable(res),
			p.exportPanel(),
		),
	)
}

// chart draws the sweep: the finished result, or the points so far.
func (p *doubleDescentPage) chart() *chart.Plot {
	if res := p.result(); res != nil {
		return ddPlot(res, p.logY)
	}
	s := p.ran
	if s.Model == "" { // nothing ran yet: the controls' model
		s = p.spec
	}
	xa, ya := s.Axes()
	c := &chart.Plot{Title: "Test error", X: chart.Axis{Label: xa.Label, Log: xa.Log}, Y: chart.Axis{Label: ya.Label, Log: p.logY && ya.Log}, Legend: true, Height: 380,
		Note: "press Run to sweep"}
	if p.state.Status == Running {
		c.Note = "the first sizes are on their way…"
	}
	var xs, ys []float64
	for _, pt := range p.cache.of(p.state) {
		if len(pt.Values) == 0 {
			continue
		}
		x := s.X(pt.Size, pt.Visited)
		for _, v := range pt.Values[0] {
			xs, ys = append(xs, x), append(ys, v)
		}
	}
	c.Series = []chart.Series{{Name: "repeats so far", X: xs, Y: ys, Style: chart.Points, Class: "c0", Width: 4}}
	return c
}

// ddPlot draws a finished sweep: repeats as dots, the median with its
// quartiles, the theory, the other curves and the threshold. The axes are
// the result's (compute/experiment decides them); logY is the reader's
// choice for the axes that may be logarithmic.
func ddPlot(res *doubledescent.Result, logY bool) *chart.Plot {
	c := &chart.Plot{Title: res.YAxis.Label + " against " + res.XLabel, X: chart.Axis{Label: res.XAxis.Label, Log: res.XAxis.Log},
		Y: chart.Axis{Label: res.YAxis.Label, Log: logY && res.YAxis.Log}, Legend: true, Height: 380}
	var dx, dy []float64
	for _, st := range res.Points {
		for _, v := range st.Values {
			dx, dy = append(dx, st.X), append(dy, v)
		}
	}
	c.Series = append(c.Series, chart.Series{Name: "repeats", X: dx, Y: dy, Style: chart.Points, Class: "muted", Width: 3})
	c.Series = append(c.Series, statSeries(res.YLabel, res.Points, "c0", false)...)
	theory := func(st doubledescent.Stat) *float64 { return st.Theory }
	asymptotic := func(st doubledescent.Stat) *float64 { return st.Asymptotic }
	if x, y := theoryLine(res.Points, theory, res.TheoryPole); x != nil {
		c.Series = append(c.Series, chart.Series{Name: "theory (exact)", X: x, Y: y, Class: "c1", Width: 2})
	}
	if x, y := theoryLine(res.Points, asymptotic, res.TheoryPole); x != nil {
		c.Series = append(c.Series, chart.Series{Name: "theory (asymptotic)", X: x, Y: y, Class: "c1", Dashed: true})
	}
	for i, cv := range res.Curves {
		right := cv.Name == "kNN recognition"
		if right {
			c.Y2 = chart.Axis{Label: "kNN recognition of mislabelled points", Min: 0, Max: 1}
		}
		class := fmt.Sprintf("c%d", 2+i)
		c.Series = append(c.Series, statSeries(cv.Name, cv.Points, class, right)...)
		if x, y := theoryLine(cv.Points, asymptotic, nil); x != nil {
			c.Series = append(c.Series, chart.Series{Name: cv.Name + " (asymptotic)", X: x, Y: y, Class: class, Dashed: true})
		}
	}
	if res.Threshold != nil {
		c.VLines = append(c.VLines, chart.VLine{X: *res.Threshold, Label: "interpolation threshold", Class: "accent", Dashed: true})
	}
	return c
}

// theoryLine is a theory curve through the points where value gives one,
// or nil x when it gives none. The line breaks (a NaN point) where the
// theory is absent (infinite) and at the pole, between the last size
// before it and the first after, so it never joins the two sides of a
// singularity.
func theoryLine(pts []doubledescent.Stat, value func(doubledescent.Stat) *float64, pole *float64) (x, y []float64) {
	any := false
	for i, st := range pts {
		if pole != nil && i > 0 && pts[i-1].X < *pole && st.X > *pole {
			x, y = append(x, *pole), append(y, math.NaN())
		}
		v := math.NaN()
		if p := value(st); p != nil {
			v, any = *p, true
		}
		x, y = append(x, st.X), append(y, v)
	}
	if !any {
		return nil, nil
	}
	return x, y
}

// statSeries draws a curve's medians over its interquartile band.
func statSeries(name string, st []doubledescent.Stat, class string, right bool) []chart.Series {
	x, med, q1, q3 := make([]float64, len(st)), make([]float64, len(st)), make([]float64, len(st)), make([]float64, len(st))
	for i, s := range st {
		x[i], med[i], q1[i], q3[i] = s.X, s.Median, s.Q1, s.Q3
	}
	return []chart.Series{
		{X: x, Y: q3, Low: q1, Style: chart.Range, Class: class, Right: right},
		{Name: name + " (median, quartiles shaded)", X: x, Y: med, Class: class, Width: 2, Right: right},
	}
}

// ddSummary shows the peak (compute/experiment's doubledescent.FindPeak rule), the
// error at the largest size and the threshold.
func ddSummary(res *doubledescent.Result, spec doubledescent.Spec) app.UI {
	if res == nil || len(res.Points) == 0 {
		return app.Div().Class("summary")
	}
	peakAt, peakValue, peakKey := "none", "–", "peak "+res.YLabel
	if pk := res.Peak; pk != nil {
		peakAt = fmt.Sprintf("%.3g", pk.X)
		peakValue = fmt.Sprintf("%.3g", pk.Median)
		peakKey = fmt.Sprintf("peak %s (%.3g× the lowest before it)", res.YLabel, pk.Median/pk.Before)
	}
	best := res.Points[len(res.Points)-1]
	threshold := "none"
	if res.Threshold != nil {
		threshold = strconv.FormatFloat(*res.Threshold, 'g', 4, 64)
	}
	return app.Div().Class("summary").Body(
		stat("peak", fmt.Sprintf("peak at %s (a median ≥ %g× the lowest before and after it)", res.XLabel, doubledescent.PeakFactor), peakAt, true),
		stat("peak-value", peakKey, peakValue, false),
		stat("largest", res.YLabel+" at the largest size", fmt.Sprintf("%.3g", best.Median), false),
		stat("threshold", "interpolation threshold ("+res.XLabel+")", threshold, false),
		stat("repeats", "repeats per size", fmt.Sprint(spec.Repeats), false),
	)
}

// ddTable lists every size's statistics.
func ddTable(res *doubledescent.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	num := func(v *float64) string {
		if v == nil {
			return "–"
		}
		return fmt.Sprintf("%.4g", *v)
	}
	return app.Section().Class("panel").Body(
		app.H2().Text("Per size"),
		app.Div().Class("table-scroll").Body(app.Table().ID("dd-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("size"), app.Th().Text(res.XLabel), app.Th().Text("median"), app.Th().Text("q1"), app.Th().Text("q3"), app.Th().Text("mean"), app.Th().Text("theory"), app.Th().Text("asymptotic"))),
			app.TBody().Body(app.Range(res.Points).Slice(func(i int) app.UI {
				st := res.Points[i]
				return app.Tr().Body(app.Td().Text(st.Size), app.Td().Text(fmt.Sprintf("%.3g", st.X)), app.Td().Text(fmt.Sprintf("%.4g", st.Median)),
					app.Td().Text(fmt.Sprintf("%.4g", st.Q1)), app.Td().Text(fmt.Sprintf("%.4g", st.Q3)), app.Td().Text(fmt.Sprintf("%.4g", st.Mean)),
					app.Td().Text(num(st.Theory)), app.Td().Text(num(st.Asymptotic)))
			})),
		)),
	)
}

func ddReadout(res *doubledescent.Result, x float64) string {
	if res == nil || len(res.Points) == 0 {
		return ""
	}
	best := res.Points[0]
	for _, st := range res.Points {
		if math.Abs(st.X-x) < math.Abs(best.X-x) {
			best = st
		}
	}
	parts := []string{fmt.Sprintf("size %d (%s = %.3g): median %.4g, quartiles [%.4g, %.4g]", best.Size, res.XLabel, best.X, best.Median, best.Q1, best.Q3)}
	if best.Theory != nil {
		parts = append(parts, fmt.Sprintf("theory %.4g", *best.Theory))
	}
	return strings.Join(parts, ", ")
}

// ddCSV is a sweep as one long table: a row per curve and size.
func ddCSV(res *doubledescent.Result) string {
	var b strings.Builder
	b.WriteString("curve,size,x,mean,median,q1,q3,theory,asymptotic\n")
	if res == nil {
		return b.String()
	}
	opt := func(v *float64) string {
		if v == nil {
			return ""
		}
		return csvNum(*v)
	}
	row := func(name string, st doubledescent.Stat) {
		b.WriteString(strings.Join([]string{csvText(name), strconv.Itoa(st.Size), csvNum(st.X), csvNum(st.Mean), csvNum(st.Median), csvNum(st.Q1), csvNum(st.Q3), opt(st.Theory), opt(st.Asymptotic)}, ",") + "\n")
	}
	for _, st := range res.Points {
		row(res.YLabel, st)
	}
	for _, cv := range res.Curves {
		for _, st := range cv.Points {
			row(cv.Name, st)
		}
	}
	return b.String()
}
