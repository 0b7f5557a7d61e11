package app

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment/sensing"
)

// PathSensing is the matrix-sensing page.
const PathSensing = "/sensing"

// sensingDef describes the matrix-sensing page: each curve is one job on
// the worker pool, and the curves stream in as they finish.
var sensingDef = &experimentPage[sensing.Spec]{
	path: PathSensing, name: "sensing", worker: "worker-sensing.wasm",
	defaults: sensing.Default,
	presets:  sensing.Presets(),
	fields:   sensingFields,
	groups:   sensingGroups,
	relevant: sensingRelevant,
	start: func(jobs Jobs, id int, spec sensing.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "sensing", spec, len(spec.Curves()), decodeSensing, emit, now)
	},
	csv: func(r any) string {
		res, _ := r.(*sensing.Result)
		return sensingCSV(sensingCurves(res, nil), res != nil && res.Spec.Loss == "l1")
	},
}

var sensingFields = map[string]fieldInfo{
	"param":        {Label: "Factorisation"},
	"n":            {Label: "Size n", Unit: "M* is n×n"},
	"r":            {Label: "Rank r"},
	"smin":         {Label: "Smallest singular value σ_r", Unit: "σ₁ = 1"},
	"k":            {Label: "Widths k", Unit: "comma-separated, one curve each", Only: []string{"l2"}},
	"measurements": {Label: "Measurements m", Unit: "0 = fully observed"},
	"init":         {Label: "Init scales α", Unit: "comma-separated, one curve each (ℓ1: the first)"},
	"gscale":       {Label: "G₀ scale", Unit: "relative to α", Only: []string{"asymmetric"}},
	"lr":           {Label: "Step size η"},
	"decay":        {Label: "Step decay", Unit: "per iteration; 1 = constant"},
	"steps":        {Label: "Iterations T"},
	"rebalance":    {Label: "Rebalance at", Unit: "iteration; 0 = never", Only: []string{"asymmetric"}},
	"loss":         {Label: "Loss"},
	"outliers": {Label: "Outlier fractions", Unit: "comma-separated, one curve each (needs measurements); the slider sets one fraction",
		Slider: &slider{Min: 0, Max: 0.9, Step: 0.05}},
	"outlierscale": {Label: "Outlier size", Unit: "standard deviation"},
	"rankover":     {Label: "Over-estimated rank r′", Only: []string{"l1"}},
	"seed":         {Label: "Seed"},
}

var sensingGroups = []fieldGroup{
	{"Ground truth and measurements", []string{"n", "r", "smin", "measurements"}},
	{"Model and descent", []string{"param", "loss", "k", "rankover", "init", "gscale", "lr", "decay", "steps", "rebalance"}},
	{"Outliers", []string{"outliers", "outlierscale"}},
	{"Randomness", []string{"seed"}},
}

// sensingRelevant hides the controls that the spec's factorisation or
// loss ignores.
func sensingRelevant(s *sensing.Spec, key string) bool {
	only := sensingFields[key].Only
	return len(only) == 0 || only[0] == s.Param || only[0] == s.Loss
}

func init() {
	enumText["param=symmetric"] = "symmetric XXᵀ"
	enumText["param=asymmetric"] = "asymmetric FGᵀ"
	enumText["loss=l2"] = "ℓ2, gradient descent"
	enumText["loss=l1"] = "ℓ1 sub-gradient vs ℓ2 (robust)"
	registerPage("sensing", sensingDef, func() app.Composer { return newSensingPage() })
	registerThumbnails("sensing", sensingDef, func(_ preset, spec sensing.Spec, res *sensing.Result) string {
		c := sensingErrorPlot(spec, res.Curves, sensingLogLog(spec))
		return thumbnailSVG(c)
	})
}

func decodeSensing(body string) (any, error) {
	var r sensing.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

// sensingPage draws the error of every curve against iterations as the
// curves stream in, the final error against the outlier fraction for
// robust runs, and a table of fitted slopes and theory.
type sensingPage struct {
	app.Compo
	pageCore[sensing.Spec]
	cache partCache[sensing.CurveResult]
	// view is the reader's choice of axes: 0 the run's default
	// (sensingLogLog), 1 log–log, 2 semi-log.
	view int
}

func newSensingPage() *sensingPage { return &sensingPage{pageCore: newPageCore(sensingDef)} }

// OnNav reads the link into the controls and runs it when it is valid.
func (p *sensingPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *sensingPage) OnDismount() { p.stop() }

func (p *sensingPage) Render() app.UI {
	res, _ := p.state.Result.(*sensing.Result)
	curves := sensingCurves(res, p.cache.of(p.state))
	spec := p.ran
	if spec.Param == "" {
		spec = p.spec
	}
	loglog := p.view == 1 || p.view == 0 && sensingLogLog(spec)
	ep := sensingErrorPlot(spec, curves, loglog)
	if len(curves) == 0 {
		ep.Note = "press Run"
		if p.state.Status == Running {
			ep.Note = "the first curves are on their way…"
		}
	}
	panels := []app.UI{
		sensingSummary(res, spec.Loss == "l1"),
		newChartPanel("error").Title("Error against iterations").
			Plot(ep).
			Tools(app.Label().For("view-loglog").Body(
				app.Input().Type("checkbox").ID("view-loglog").Checked(loglog).OnChange(func(ctx app.Context, e app.Event) {
					p.view = 2
					if ctx.JSSrc().Get("checked").Bool() {
						p.view = 1
					}
				}),
				app.Text(" log–log (else semi-log)"))).
			CSV(func() string { return sensingCSV(curves, spec.Loss == "l1") }),
	}
	if spec.Loss == "l1" {
		panels = append(panels, newChartPanel("outliers").Title("Final error against the outlier fraction").
			Plot(sensingOutlierPlot(curves)).
			CSV(func() string { return sensingFinalCSV(curves) }))
	}
	panels = append(panels, sensingTable(curves, spec.Loss == "l1"), p.exportPanel())
	return shell(PathSensing,
		p.header("Matrix sensing: over-parameterisation slows gradient descent",
			"Recover a low-rank matrix M* by gradient descent on its factors, XXᵀ or FGᵀ. With exactly the true rank the error falls linearly; with more columns it slows to 1/T — unless the factorisation is asymmetric, where the initial imbalance sets a linear rate, and one rebalancing step restores speed. "+
				"With the ℓ1 loss and small initialisation, the sub-gradient method recovers M* even when a third of the measurements are gross outliers."),
		p.layout(panels...),
	)
}

// sensingCurves returns the finished result's curves, or those streamed in
// so far, in curve order.
func sensingCurves(res *sensing.Result, parts map[int]*sensing.CurveResult) []sensing.CurveResult {
	if res != nil {
		return res.Curves
	}
	var cs []sensing.CurveResult
	for i := 0; len(cs) < len(parts); i++ {
		if c, ok := parts[i]; ok {
			cs = append(cs, *c)
		}
		if i > 1000 {
			break
		}
	}
	return cs
}

// sensingName labels a curve in legends and tables; robust says the run
// compares ℓ1 and ℓ2 (loss = l1).
func sensingName(c sensing.CurveResult, robust bool) string {
	switch {
	case c.Method == "subgradient":
		return fmt.Sprintf("ℓ1 sub-gradient, p = %g", c.Outliers)
	case robust:
		return fmt.Sprintf("ℓ2 gradient descent, p = %g", c.Outliers)
	case c.Outliers > 0:
		return fmt.Sprintf("k = %d, α = %g, p = %g", c.K, c.Alpha, c.Outliers)
	}
	return fmt.Sprintf("k = %d, α = %g", c.K, c.Alpha)
}

// sensingLogLog reports whether the error chart of spec opens on log–log
// axes: the symmetric ℓ2 runs, whose 1/T is a straight line there; the
// others, linear in t, read best semi-log.
func sensingLogLog(spec sensing.Spec) bool { return spec.Param == "symmetric" && spec.Loss == "l2" }
