package app

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
)

// The non-generic pageBase reaches a page's typed spec through pointers
// into pageVars[S]; these tests check that what it writes is what the page
// reads, on a page value built the way every page builds it (newPageCore's
// result copied into the component).

// recordedRun is a started run that records its spec and its cancel.
type recordedRun struct {
	spec     paths.Spec
	canceled bool
}

func (r *recordedRun) Cancel() { r.canceled = true }

// Truth: the run receives the controls' spec (as experiment.SetParam set
// it), ran keeps a copy of it that later edits of the controls leave
// alone, and a second start cancels the first run.
func TestStartRunsTheTypedSpecAndKeepsItInRan(t *testing.T) {
	var runs []*recordedRun
	def := *pathsDef
	def.start = func(_ Jobs, _ int, spec paths.Spec, _ func(Event), _ func() time.Time) startedRun {
		r := &recordedRun{spec: spec}
		runs = append(runs, r)
		return r
	}
	UseJobs(func(string) Jobs { return &fakeJobs{} })
	defer UseJobs(nil)

	p := &pathsPage{pageCore: newPageCore(&def)}
	p.load("widths=16,32&width=32")
	p.onChange("width", "16")
	p.start(app.Context{})
	if len(runs) != 1 || runs[0].spec.Width != 16 || !slices.Equal(runs[0].spec.Widths, []int{16, 32}) {
		t.Fatalf("the run got %+v; want widths 16,32 and width 16", runs)
	}
	if experiment.Query(&p.ran) != experiment.Query(&runs[0].spec) {
		t.Errorf("ran %+v is not the run's spec %+v", p.ran, runs[0].spec)
	}
	p.onChange("width", "32")
	if p.spec.Width != 32 || p.ran.Width != 16 {
		t.Errorf("after an edit: spec width %d (want 32), ran width %d (want 16)", p.spec.Width, p.ran.Width)
	}
	p.start(app.Context{})
	if len(runs) != 2 || !runs[0].canceled || runs[1].canceled || runs[1].spec.Width != 32 || p.ran.Width != 32 {
		t.Errorf("a second start: runs %+v, ran width %d", runs, p.ran.Width)
	}
}

// Truth: ddDef's defaultsFor (doubledescent.DefaultForQuery) and change
// handler (doubledescent.DefaultFor, keeping the seed), called by the
// core through its untyped adapters.
func TestDoubleDescentModelSwitchLoadsThatModelsDefaults(t *testing.T) {
	p := newDoubleDescentPage()
	p.load("model=mlp&seed=7")
	want := doubledescent.DefaultFor("mlp")
	want.Seed = 7
	if experiment.Query(&p.spec) != experiment.Query(&want) {
		t.Errorf("model=mlp&seed=7 loaded %s;\nwant the mlp defaults with seed 7: %s", experiment.Query(&p.spec), experiment.Query(&want))
	}
	p.onChange("model", "lstd")
	want = doubledescent.DefaultFor("lstd")
	want.Seed = 7
	if experiment.Query(&p.spec) != experiment.Query(&want) || len(p.corrects) != 0 {
		t.Errorf("switching to lstd gave %s (corrections %q);\nwant the lstd defaults with seed 7: %s", experiment.Query(&p.spec), p.corrects, experiment.Query(&want))
	}
}

// Truth: experiment.Query and ParseQuery are inverses (compute/experiment's
// query tests), so every gallery card's link, opened on its page, gives
// back the same link and presses that preset's button.
func TestEveryGalleryLinkOpensItsPreset(t *testing.T) {
	type corePage interface {
		load(query string)
		pageLink() string
		Render() app.UI
	}
	for _, e := range pageExperiments() {
		for _, pr := range e.presets {
			l := e.presetLink(pr)
			p, ok := e.newPage().(corePage)
			if !ok {
				t.Fatalf("%s: the page does not embed pageCore", e.Name)
			}
			_, query, _ := strings.Cut(l, "?")
			p.load(query)
			if got := p.pageLink(); got != l {
				t.Errorf("%s: the card's link %s opens as %s", pr.ID, l, got)
			}
			h := html(p.Render())
			i := strings.Index(h, `id="preset-`+pr.ID+`"`)
			if i < 0 {
				t.Errorf("%s: the page has no button for its preset", pr.ID)
				continue
			}
			tag := h[strings.LastIndex(h[:i], "<"):]
			tag = tag[:strings.Index(tag, ">")]
			if !strings.Contains(tag, " aria-pressed") || !strings.Contains(tag, `class="primary"`) {
				t.Errorf("%s: opening its link does not press its button: %s", pr.ID, tag)
			}
		}
	}
}
