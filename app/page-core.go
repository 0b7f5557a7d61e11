package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// pageBase is the state and behaviour every experiment page shares (a
// page reaches it through pageCore[S]), compiled once for all of them: it
// holds the spec as an any pointing at pageVars' typed spec, which the
// reflection of compute/experiment (Query, ParseQuery, SetParam, Params)
// reads and writes, and it calls the page's typed functions through page.
type pageBase struct {
	page *pageDef

	spec     any               // the controls' spec: a *S pointing at pageVars.spec
	invalid  string            // Validate's message for the current controls
	cost     experiment.Cost   // the estimate of the current controls' run
	awaiting bool              // a link's run waits for a click on Run (its estimate is long)
	notices  []string          // what reading the link corrected
	corrects map[string]string // what a control change corrected, by key
	preset   string            // id of the preset the controls match, if any

	state  RunState
	run    startedRun
	ran    any // the spec of the current or last run: a *S pointing at pageVars.ran
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

// checker is what every spec provides the page: its validation and the
// estimate of its run.
type checker interface {
	Validate() error
	Cost() experiment.Cost
}

func (c *pageBase) validator() checker {
	return c.spec.(checker)
}

// OnResize unfolds the controls when the window grows past a phone's
// width, where their fold (summary) is hidden.
func (c *pageBase) OnResize(ctx app.Context) {
	if c.controlsShut && app.Window().Get("innerWidth").Int() > narrowWidth {
		c.controlsShut = false
	}
}

// load sets the controls from a link query.
func (c *pageBase) load(query string) {
	from := c.page.defaults()
	if c.page.defaultsFor != nil {
		from = c.page.defaultsFor(query)
	}
	c.page.assign(c.spec, from)
	c.notices = experiment.ParseQuery(query, c.spec)
	c.corrects = map[string]string{}
	c.validate()
}

func (c *pageBase) validate() {
	c.invalid, c.cost = "", experiment.Cost{}
	if err := c.validator().Validate(); err != nil {
		c.invalid = err.Error()
	} else {
		c.cost = c.validator().Cost()
	}
	c.preset = ""
	q := experiment.Query(c.spec)
	for _, pr := range c.page.presets {
		if experiment.Query(c.page.presetSpec(pr)) == q {
			c.preset = pr.ID
		}
	}
}

// pageLink is the page's link for the current controls, without the host.
func (c *pageBase) pageLink() string {
	return link(c.page.path) + "?" + experiment.Query(c.spec)
}

// nav reads the link into the controls, puts the whole corrected spec in
// the address bar, and runs it when it is valid and its estimate is at most
// experiment.AutoRunSeconds; a longer run waits for a click on Run, with
// its estimate in the status panel.
func (c *pageBase) nav(ctx app.Context) {
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
func (c *pageBase) autoRun() bool {
	c.awaiting = c.invalid == "" && c.cost.Seconds > experiment.AutoRunSeconds
	return c.invalid == "" && !c.awaiting
}

// notes is what the status panel says beside the run's state.
func (c *pageBase) notes() statusNotes {
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
func (c *pageBase) onChange(key, value string) {
	c.awaiting = false // the estimate shown is now the edited controls'
	if c.page.change != nil && c.page.change(c.spec, key, value) {
		c.corrects = map[string]string{}
		c.copied = ""
		c.validate()
		replaceURL(c.pageLink())
		return
	}
	notice, _ := experiment.SetParam(c.spec, key, value)
	if notice != "" {
		c.corrects[key] = notice
	} else {
		delete(c.corrects, key)
	}
	c.copied = ""
	c.validate()
	replaceURL(c.pageLink())
}

func (c *pageBase) applyPreset(ctx app.Context, pr preset) {
	c.page.assign(c.spec, c.page.presetSpec(pr))
	c.notices, c.corrects = nil, map[string]string{}
	c.validate()
	replaceURL(c.pageLink())
	if c.invalid == "" {
		c.start(ctx)
	}
}

// start cancels any current run and starts the controls' spec.
func (c *pageBase) start(ctx app.Context) {
	c.stop()
	jobs := sharedJobs(c.page.worker)
	if jobs == nil {
		c.jobsNote = "The compute workers are not available in this browser."
		return
	}
	c.nextID++
	c.awaiting = false
	c.page.assign(c.ran, c.spec)
	emit := func(e Event) { ctx.Dispatch(func(app.Context) { c.state = c.state.Apply(e) }) }
	c.run = c.page.start(jobs, c.nextID, c.spec, emit, time.Now)
}

// stop cancels the current run, if any.
func (c *pageBase) stop() {
	if c.run != nil {
		c.run.Cancel()
	}
}

func (c *pageBase) copyLink(ctx app.Context, e app.Event) {
	url := origin() + c.pageLink()
	copyText(url)
	c.copied = url
}
