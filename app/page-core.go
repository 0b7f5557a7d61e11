package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// startedRun is a started run; Cancel stops it at once.
type startedRun interface{ Cancel() }

// fieldGroup is one fieldset of a page's controls.
type fieldGroup struct {
	Legend string
	Keys   []string
}

// experimentPage describes one experiment page: where it lives, its spec's
// defaults, presets and controls, and how a run of it starts.
type experimentPage[S any] struct {
	path string
	name string // file names of exports, e.g. "spectrum"
	// worker is the Go module of the page's compute workers, e.g.
	// "worker-spectrum.wasm" (built from wasm/worker/spectrum).
	worker   string
	defaults func() S
	// defaultsFor, if set, gives the defaults a link query starts from
	// (instead of defaults), e.g. the preset of the model it names.
	defaultsFor func(query string) S
	presets     []preset
	fields      map[string]fieldInfo
	groups      []fieldGroup
	// relevant reports whether control key applies to spec (nil: all do).
	relevant func(spec *S, key string) bool
	start    func(jobs Jobs, id int, spec S, emit func(Event), now func() time.Time) startedRun
	// change, if set, handles a control change itself when it returns true
	// (e.g. switching a model loads that model's preset).
	change func(spec *S, key, value string) bool
	// csv is a run's result (RunState.Result, nil before one finishes) as
	// the long-format CSV table of the result's Download CSV.
	csv func(result any) string
}

// pageCore is the state and behaviour every experiment page shares: the
// spec in the link, its corrections and validation, presets, and the run.
// A page component embeds it.
type pageCore[S any] struct {
	def *experimentPage[S]

	spec     S
	invalid  string            // Validate's message for the current controls
	cost     experiment.Cost   // the estimate of the current controls' run
	awaiting bool              // a link's run waits for a click on Run (its estimate is long)
	notices  []string          // what reading the link corrected
	corrects map[string]string // what a control change corrected, by key
	preset   string            // id of the preset the controls match, if any

	state  RunState
	run    startedRun
	ran    S // the spec of the current or last run
	nextID int

	copied   string
	jobsNote string
	// controlsShut folds the controls under the Run bar: on a phone-sized
	// window when the page opens, so the results come first.
	controlsShut bool
	opened       bool

	// pageCtx is the context OnNav gave the page component, which stays
	// mounted: a run started from a button that the start removes (the
	// waiting link's Run) must dispatch its events through it, since go-app
	// drops Dispatch calls whose source element is gone.
	pageCtx    app.Context
	hasPageCtx bool
}

// narrowWidth is the widest window, in CSS px, laid out for a phone (the
// media query of web/style.css): one column, controls folded.
const narrowWidth = 820

func newPageCore[S any](def *experimentPage[S]) pageCore[S] {
	return pageCore[S]{def: def, spec: def.defaults(), corrects: map[string]string{}}
}

// checker is what every spec provides the page: its validation and the
// estimate of its run.
type checker interface {
	Validate() error
	Cost() experiment.Cost
}

func (c *pageCore[S]) validator() checker {
	return any(&c.spec).(checker)
}

// OnResize unfolds the controls when the window grows past a phone's
// width, where their fold (summary) is hidden.
func (c *pageCore[S]) OnResize(ctx app.Context) {
	if c.controlsShut && app.Window().Get("innerWidth").Int() > narrowWidth {
		c.controlsShut = false
	}
}

// load sets the controls from a link query.
func (c *pageCore[S]) load(query string) {
	c.spec = c.def.defaults()
	if c.def.defaultsFor != nil {
		c.spec = c.def.defaultsFor(query)
	}
	c.notices = experiment.ParseQuery(query, &c.spec)
	c.corrects = map[string]string{}
	c.validate()
}

func (c *pageCore[S]) validate() {
	c.invalid, c.cost = "", experiment.Cost{}
	if err := c.validator().Validate(); err != nil {
		c.invalid = err.Error()
	} else {
		c.cost = c.validator().Cost()
	}
	c.preset = ""
	q := experiment.Query(&c.spec)
	for _, pr := range c.def.presets {
		if s := c.def.presetSpec(pr); experiment.Query(&s) == q {
			c.preset = pr.ID
		}
	}
}

// presetSpec returns the spec of preset pr: the defaults with its query.
func (def *experimentPage[S]) presetSpec(pr preset) S {
	s := def.defaults()
	experiment.ParseQuery(pr.Query, &s)
	return s
}

// pageLink is the page's link for the current controls, without the host.
func (c *pageCore[S]) pageLink() string {
	return link(c.def.path) + "?" + experiment.Query(&c.spec)
}

// nav reads the link into the controls, puts the whole corrected spec in
// the address bar, and runs it when it is valid and its estimate is at most
// experiment.AutoRunSeconds; a longer run waits for a click on Run, with
// its estimate in the status panel.
func (c *pageCore[S]) nav(ctx app.Context) {
	c.pageCtx, c.hasPageCtx = ctx, true
	c.load(ctx.Page().URL().RawQuery)
	if !app.IsClient {
		return
	}
	if !c.opened {
		c.opened = true
		c.controlsShut = app.Window().Get("innerWidth").Int() <= narrowWidth
	}
	replaceURL(c.pageLink())
	if c.autoRun() {
		c.start(ctx)
	}
}

// autoRun reports whether a link opened with the current controls starts
// at once, and otherwise marks the page as awaiting a click on Run.
func (c *pageCore[S]) autoRun() bool {
	c.awaiting = c.invalid == "" && c.cost.Seconds > experiment.AutoRunSeconds
	return c.invalid == "" && !c.awaiting
}

// notes is what the status panel says beside the run's state.
func (c *pageCore[S]) notes() statusNotes {
	n := statusNotes{Refusal: c.invalid, Notices: c.notices, Awaiting: c.awaiting,
		OnRun: func(ctx app.Context, e app.Event) {
			if c.hasPageCtx {
				ctx = c.pageCtx // the button goes away as the run starts
			}
			c.start(ctx)
		}}
	if c.invalid == "" {
		n.Estimate = c.cost.Text()
	}
	return n
}

// onChange applies one control's new value, keeps the link in step
// without adding history entries, and notes any correction.
func (c *pageCore[S]) onChange(key, value string) {
	c.awaiting = false // the estimate shown is now the edited controls'
	if c.def.change != nil && c.def.change(&c.spec, key, value) {
		c.corrects = map[string]string{}
		c.copied = ""
		c.validate()
		replaceURL(c.pageLink())
		return
	}
	notice, _ := experiment.SetParam(&c.spec, key, value)
	if notice != "" {
		c.corrects[key] = notice
	} else {
		delete(c.corrects, key)
	}
	c.copied = ""
	c.validate()
	replaceURL(c.pageLink())
}

func (c *pageCore[S]) applyPreset(ctx app.Context, pr preset) {
	c.spec = c.def.presetSpec(pr)
	c.notices, c.corrects = nil, map[string]string{}
	c.validate()
	replaceURL(c.pageLink())
	if c.invalid == "" {
		c.start(ctx)
	}
}

// start cancels any current run and starts the controls' spec.
func (c *pageCore[S]) start(ctx app.Context) {
	c.stop()
	jobs := sharedJobs(c.def.worker)
	if jobs == nil {
		c.jobsNote = "The compute workers are not available in this browser."
		return
	}
	c.nextID++
	c.awaiting = false
	c.ran = c.spec
	emit := func(e Event) { ctx.Dispatch(func(app.Context) { c.state = c.state.Apply(e) }) }
	c.run = c.def.start(jobs, c.nextID, c.spec, emit, time.Now)
}

// stop cancels the current run, if any.
func (c *pageCore[S]) stop() {
	if c.run != nil {
		c.run.Cancel()
	}
}

func (c *pageCore[S]) copyLink(ctx app.Context, e app.Event) {
	url := origin() + c.pageLink()
	copyText(url)
	c.copied = url
}
