package app

import (
	"fmt"
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/curve"
)

// spectrumDef describes the Hessian-spectrum page.
var spectrumDef = &experimentPage[spectrum.Spec]{
	path: PathSpectrum, name: "spectrum", worker: "worker-spectrum.wasm",
	defaults: spectrum.Default,
	presets:  spectrumPresets,
	fields:   spectrumFields,
	groups:   spectrumGroups,
	relevant: func(s *spectrum.Spec, key string) bool { return relevantTo(spectrumFields[key], s.Data) },
	start: func(jobs Jobs, id int, spec spectrum.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSpectrum(jobs, id, spec, emit, now)
	},
	csv: func(r any) string { res, _ := r.(*spectrum.Result); return resultCSV(res) },
}

func init() {
	registerPage("spectrum", spectrumDef, func() app.Composer { return newSpectrumPage() })
	registerThumbnails("spectrum", spectrumDef,
		func(_ preset, _ spectrum.Spec, res *spectrum.Result) string {
			return spectrumThumbnail(res)
		})
}

// spectrumPage is the Hessian-spectrum experiment (Sagun et al. 2016/2017):
// controls, live training curves, the eigenvalue density with outliers,
// the extreme eigenvalues, pinned runs, sharing and export.
type spectrumPage struct {
	app.Compo
	pageCore[spectrum.Spec]

	view densityView
	pins []overlay
}

func newSpectrumPage() *spectrumPage {
	return &spectrumPage{
		pageCore: newPageCore(spectrumDef),
		view:     densityView{Histogram: true, LogY: true, Initial: true},
	}
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *spectrumPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *spectrumPage) OnDismount() { p.stop() }

// result is the finished run's result, or nil.
func (p *spectrumPage) result() *spectrum.Result {
	r, _ := p.state.Result.(*spectrum.Result)
	return r
}

func (p *spectrumPage) pin(ctx app.Context, e app.Event) {
	res := p.result()
	if res == nil {
		return
	}
	p.pins = append(p.pins, overlay{Label: specLabel(&res.Spec), Result: res})
	if len(p.pins) > 6 {
		p.pins = p.pins[1:]
	}
}

func (p *spectrumPage) unpin(i int) {
	p.pins = append(p.pins[:i:i], p.pins[i+1:]...)
}

func (p *spectrumPage) Render() app.UI {
	res := p.result()
	return shell(PathSpectrum,
		p.header("Hessian spectrum: a bulk near zero, and outliers that follow the classes",
			"Train a network, then estimate every eigenvalue of the Hessian of its training loss with Lanczos and exact Hessian-vector products. "+
				"Most eigenvalues pile up near zero — flat directions of an over-parameterised network — while a few outliers, about one fewer than the number of classes, stand apart."),
		p.layout(
			spectrumSummary(res),
			newChartPanel("training").Title("Training curves").
				Plot(p.trainingChart()).
				Readout(func(x float64) string { return trainingReadout(p.state.Points, x) }).
				CSV(func() string { return curveCSV(p.state.Points) }),
			newChartPanel("density").Title("Eigenvalue density").
				Plot(p.densityChart()).
				Tools(p.densityTools()...).
				Readout(func(x float64) string { return densityReadout(res, x) }).
				CSV(func() string { return densityCSV(res) }),
			seedsTable(res),
			eigenTables(res),
			p.renderPins(),
			p.exportPanel(
				app.Button().ID("pin").Disabled(res == nil).Text("Pin this run").Title("keep this spectrum to compare with later runs").OnClick(p.pin)),
		),
	)
}

// trainingChart is the live training curve, with a note saying what the
// chart waits for.
func (p *spectrumPage) trainingChart() *chart.Plot {
	c := trainingPlot(p.state.Points, p.ran.Data != "teacher")
	if p.state.Status != Running {
		c.Note = "press Run to train"
	} else if n := p.ran.TrainSteps(); n > 0 {
		c.X.Min, c.X.Max = 0, float64(n) // the axis stays put while the curve grows
	}
	return c
}

// densityChart is the current density with the overlays the view asks for.
func (p *spectrumPage) densityChart() *chart.Plot {
	c := densityPlot(p.result(), p.view, p.pins)
	if p.state.Status == Running {
		c.Note = "computing the spectrum…"
	}
	return c
}

// densityTools are the density chart's view toggles.
func (p *spectrumPage) densityTools() []app.UI {
	toggle := func(id, text string, on bool) app.UI {
		return app.Label().For(id).Body(app.Input().Type("checkbox").ID(id).Checked(on).OnChange(p.onViewToggle), app.Text(" "+text))
	}
	tools := []app.UI{toggle("view-log", "log density", p.view.LogY), toggle("view-hist", "histogram", p.view.Histogram)}
	if res := p.result(); res != nil && res.Initial != nil {
		tools = append(tools, toggle("view-init", "at initialisation", p.view.Initial))
	}
	return tools
}

// onViewToggle sets the view option of the checkbox that changed, named
// by its id when the event happens (see onControl for why).
func (p *spectrumPage) onViewToggle(ctx app.Context, e app.Event) {
	on := ctx.JSSrc().Get("checked").Bool()
	switch ctx.JSSrc().Get("id").String() {
	case "view-log":
		p.view.LogY = on
	case "view-hist":
		p.view.Histogram = on
	case "view-init":
		p.view.Initial = on
	}
}

func trainingReadout(points []curve.Point, step float64) string {
	pt, ok := nearestPoint(points, step)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d (epoch %d): train loss %.4g, test loss %.4g, train accuracy %.1f%%, test accuracy %.1f%%",
		pt.Step, pt.Epoch, pt.TrainLoss, pt.TestLoss, 100*pt.TrainAcc, 100*pt.TestAcc)
}

func densityReadout(res *spectrum.Result, x float64) string {
	if res == nil {
		return ""
	}
	d, ok := densityAt(res.Density, x)
	if !ok {
		return fmt.Sprintf("λ = %.4g", x)
	}
	return fmt.Sprintf("λ = %.4g: density %.4g per unit λ", x, d)
}
