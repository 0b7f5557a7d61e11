package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/train"
)

// spectrumPage is the Hessian-spectrum experiment (Sagun et al. 2016/2017):
// controls, live training curves, the eigenvalue density with outliers,
// the extreme eigenvalues, pinned runs, sharing and export.
type spectrumPage struct {
	app.Compo

	spec     experiment.Spectrum
	invalid  string   // Validate's message for the current controls
	notices  []string // what reading the link corrected
	corrects map[string]string
	preset   string // id of the preset the controls match, if any

	state  RunState
	run    *spectrumRun
	ran    experiment.Spectrum // the spec of the current or last run
	nextID int

	view     densityView
	pins     []overlay
	copied   string
	jobsNote string
}

func newSpectrumPage() *spectrumPage {
	return &spectrumPage{
		spec: experiment.DefaultSpectrum(),
		view: densityView{Histogram: true, LogY: true, Initial: true},
	}
}

// OnNav reads the link into the controls, says what it corrected, and runs
// it when it is valid.
func (p *spectrumPage) OnNav(ctx app.Context) {
	p.load(ctx.Page().URL().RawQuery)
	if !app.IsClient {
		return
	}
	// The address bar always holds the whole spec, so it can be copied as
	// it is.
	replaceURL(p.pageLink())
	if p.invalid == "" {
		p.start(ctx)
	}
}

// pageLink is the page's link for the current controls, without the host.
func (p *spectrumPage) pageLink() string {
	return link(PathSpectrum) + "?" + experiment.Query(&p.spec)
}

// OnDismount cancels the run when the person leaves the page.
func (p *spectrumPage) OnDismount() {
	if p.run != nil {
		p.run.Cancel()
	}
}

// load sets the controls from a link query.
func (p *spectrumPage) load(query string) {
	p.spec = experiment.DefaultSpectrum()
	p.notices = experiment.ParseQuery(query, &p.spec)
	p.corrects = map[string]string{}
	p.validate()
}

func (p *spectrumPage) validate() {
	p.invalid = ""
	if err := p.spec.Validate(); err != nil {
		p.invalid = err.Error()
	}
	p.preset = ""
	for _, pr := range spectrumPresets {
		if s := presetSpec(pr); experiment.Query(&s) == experiment.Query(&p.spec) {
			p.preset = pr.ID
		}
	}
}

// onChange applies one control's new value, keeps the link in step
// without adding history entries, and notes any correction.
func (p *spectrumPage) onChange(key, value string) {
	notice, _ := experiment.SetParam(&p.spec, key, value)
	if notice != "" {
		p.corrects[key] = notice
	} else {
		delete(p.corrects, key)
	}
	p.copied = ""
	p.validate()
	replaceURL(p.pageLink())
}

func (p *spectrumPage) applyPreset(ctx app.Context, pr preset) {
	p.spec = presetSpec(pr)
	p.notices, p.corrects = nil, map[string]string{}
	p.validate()
	replaceURL(p.pageLink())
	if p.invalid == "" {
		p.start(ctx)
	}
}

// start cancels any current run and starts the controls' spec.
func (p *spectrumPage) start(ctx app.Context) {
	if p.run != nil {
		p.run.Cancel()
	}
	jobs := sharedJobs()
	if jobs == nil {
		p.jobsNote = "The compute workers are not available in this browser."
		return
	}
	p.nextID++
	p.ran = p.spec
	p.ran.Hidden = append([]int(nil), p.spec.Hidden...)
	emit := func(e Event) { ctx.Dispatch(func(app.Context) { p.state = p.state.Apply(e) }) }
	p.run = startSpectrum(jobs, p.nextID, p.spec, emit, time.Now)
}

func (p *spectrumPage) cancel(ctx app.Context, e app.Event) {
	if p.run != nil {
		p.run.Cancel()
	}
}

func (p *spectrumPage) copyLink(ctx app.Context, e app.Event) {
	url := origin() + p.pageLink()
	copyText(url)
	p.copied = url
}

func (p *spectrumPage) pin(ctx app.Context, e app.Event) {
	if p.state.Result == nil {
		return
	}
	p.pins = append(p.pins, overlay{Label: specLabel(&p.state.Result.Spec), Result: p.state.Result})
	if len(p.pins) > 6 {
		p.pins = p.pins[1:]
	}
}

func (p *spectrumPage) unpin(i int) {
	p.pins = append(p.pins[:i:i], p.pins[i+1:]...)
}

func (p *spectrumPage) Render() app.UI {
	var current *preset
	for i := range spectrumPresets {
		if spectrumPresets[i].ID == p.preset {
			current = &spectrumPresets[i]
		}
	}
	return shell(PathSpectrum,
		app.H1().Text("Hessian spectrum: a bulk near zero, and outliers that follow the classes"),
		app.P().Class("lede").Text("Train a network, then estimate every eigenvalue of the Hessian of its training loss with Lanczos and exact Hessian-vector products. "+
			"Most eigenvalues pile up near zero — flat directions of an over-parameterised network — while a few outliers, about one fewer than the number of classes, stand apart."),
		app.Nav().Class("presets").Aria("label", "presets").Body(
			app.Range(spectrumPresets).Slice(func(i int) app.UI {
				pr := spectrumPresets[i]
				b := app.Button().ID("preset-" + pr.ID).Text(pr.Title).OnClick(func(ctx app.Context, e app.Event) { p.applyPreset(ctx, pr) })
				if pr.ID == p.preset {
					b = b.Class("primary").Aria("pressed", true)
				}
				return b
			}),
		),
		app.If(current != nil, func() app.UI {
			return app.P().Class("preset-info").Body(
				app.Text(current.Claim+" "),
				app.Cite().Body(app.A().Href(current.URL).Attr("rel", "noopener").Text(current.Cite)),
			)
		}),
		app.If(len(p.notices) > 0, func() app.UI {
			return app.Div().Class("notices").ID("notices").Role("status").Body(
				app.Strong().Text("This link was corrected:"),
				app.Ul().Body(app.Range(p.notices).Slice(func(i int) app.UI { return app.Li().Text(p.notices[i]) })),
			)
		}),
		app.Div().Class("layout").Body(
			app.Aside().Class("controls panel").Aria("label", "controls").Body(
				spectrumControls(&p.spec, p.onChange),
				app.If(len(p.corrects) > 0, func() app.UI {
					return app.Div().Class("notices").Role("status").Body(app.Range(p.corrects).Map(func(k string) app.UI { return app.Div().Text(p.corrects[k]) }))
				}),
				app.If(p.invalid != "", func() app.UI { return app.Div().Class("error").ID("invalid").Role("alert").Text(p.invalid) }),
				p.runButtons(),
				app.If(p.copied != "", func() app.UI {
					return app.Div().Body(
						app.Label().For("link-box").Class("unit").Text("Link copied (or copy it from here):"),
						app.Input().ID("link-box").Class("linkbox").ReadOnly(true).Value(p.copied),
					)
				}),
			),
			app.Div().Class("results").Body(
				app.If(p.jobsNote != "", func() app.UI { return app.Div().Class("error").Text(p.jobsNote) }),
				runStatus(p.state),
				spectrumSummary(p.state.Result),
				newChartPanel("training").Title("Training curves").
					Plot(p.trainingChart()).
					Readout(func(x float64) string { return trainingReadout(p.state.Points, x) }).
					CSV(func() string { return curveCSV(p.state.Points) }),
				newChartPanel("density").Title("Eigenvalue density").
					Plot(p.densityChart()).
					Tools(p.densityTools()...).
					Readout(func(x float64) string { return densityReadout(p.state.Result, x) }).
					CSV(func() string { return densityCSV(p.state.Result) }),
				seedsTable(p.state.Result),
				eigenTables(p.state.Result),
				p.renderPins(),
				app.Section().Class("panel").Body(
					app.H2().Text("Result"),
					app.Div().Class("buttons").Body(
						app.Button().ID("export-json").Disabled(p.state.Result == nil).Text("Download JSON (with spec)").
							OnClick(func(ctx app.Context, e app.Event) {
								download("overparam-spectrum.json", "application/json", p.state.ResultJSON)
							}),
						app.Button().ID("export-csv").Disabled(p.state.Result == nil).Text("Download CSV").
							OnClick(func(ctx app.Context, e app.Event) {
								download("overparam-spectrum.csv", "text/csv", resultCSV(p.state.Result))
							}),
						app.Button().ID("pin").Disabled(p.state.Result == nil).Text("Pin this run").Title("keep this spectrum to compare with later runs").OnClick(p.pin),
					),
				),
			),
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
	c := densityPlot(p.state.Result, p.view, p.pins)
	if p.state.Status == Running {
		c.Note = "computing the spectrum…"
	}
	return c
}

// runButtons are Run (disabled while the controls are invalid), Cancel
// (enabled while running) and Copy link.
func (p *spectrumPage) runButtons() app.UI {
	return app.Div().Class("buttons").Body(
		app.Button().ID("run").Class("primary").Disabled(p.invalid != "").Text("Run").OnClick(func(ctx app.Context, e app.Event) { p.start(ctx) }),
		app.Button().ID("cancel").Disabled(p.state.Status != Running).Text("Cancel").OnClick(p.cancel),
		app.Button().ID("copy-link").Text("Copy link").OnClick(p.copyLink),
	)
}

// densityTools are the density chart's view toggles.
func (p *spectrumPage) densityTools() []app.UI {
	toggle := func(id, text string, on bool, set func(bool)) app.UI {
		return app.Label().For(id).Body(
			app.Input().Type("checkbox").ID(id).Checked(on).OnChange(func(ctx app.Context, e app.Event) { set(ctx.JSSrc().Get("checked").Bool()) }),
			app.Text(" "+text),
		)
	}
	tools := []app.UI{
		toggle("view-log", "log density", p.view.LogY, func(b bool) { p.view.LogY = b }),
		toggle("view-hist", "histogram", p.view.Histogram, func(b bool) { p.view.Histogram = b }),
	}
	if p.state.Result != nil && p.state.Result.Initial != nil {
		tools = append(tools, toggle("view-init", "at initialisation", p.view.Initial, func(b bool) { p.view.Initial = b }))
	}
	return tools
}

func trainingReadout(points []train.Point, step float64) string {
	pt, ok := nearestPoint(points, step)
	if !ok {
		return ""
	}
	return fmt.Sprintf("step %d (epoch %d): train loss %.4g, test loss %.4g, train accuracy %.1f%%, test accuracy %.1f%%",
		pt.Step, pt.Epoch, pt.TrainLoss, pt.TestLoss, 100*pt.TrainAcc, 100*pt.TestAcc)
}

func densityReadout(res *experiment.SpectrumResult, x float64) string {
	if res == nil {
		return ""
	}
	d, ok := densityAt(res.Density, x)
	if !ok {
		return fmt.Sprintf("λ = %.4g", x)
	}
	return fmt.Sprintf("λ = %.4g: density %.4g per unit λ", x, d)
}
