package app

import (
	"math/rand/v2"
	"strings"
	"testing"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// ctxProbe captures a mounted component's context, so a test can start a
// run the way a click handler does.
type ctxProbe struct {
	app.Compo
	ctx app.Context
}

// OnPreRender is where a native (server-side) engine hands out a context.
func (c *ctxProbe) OnPreRender(ctx app.Context) { c.ctx = ctx }
func (c *ctxProbe) Render() app.UI              { return app.Div() }

func html(ui app.UI) string { return app.HTMLString(ui) }

// checkControlsShown checks that the page h, loaded from query, renders
// every control of show and none of hide (ids such as "f-dim").
func checkControlsShown(t *testing.T, query, h string, show, hide []string) {
	t.Helper()
	for _, id := range show {
		if !strings.Contains(h, `id="`+id+`"`) {
			t.Errorf("%q: control %s missing", query, id)
		}
	}
	for _, id := range hide {
		if strings.Contains(h, `id="`+id+`"`) {
			t.Errorf("%q: control %s shown but irrelevant", query, id)
		}
	}
}

// Truth: the relevance table spectrumFields — each data set shows its own
// parameters and hides the others'.
func TestControlsShowTheRelevantParameters(t *testing.T) {
	cases := []struct {
		query      string
		show, hide []string
	}{
		{"", []string{"f-classes", "f-sep", "f-dim", "f-hidden", "f-steps", "f-seed"}, []string{"f-pixels", "f-teacher", "f-noise"}},
		{"data=digits", []string{"f-pixels", "f-labelnoise"}, []string{"f-classes", "f-dim", "f-sep"}},
		{"data=teacher&loss=mse", []string{"f-teacher", "f-dim", "f-noise"}, []string{"f-classes", "f-labelnoise"}},
	}
	for _, c := range cases {
		p := newSpectrumPage()
		p.load(c.query)
		h := html(p.Render())
		checkControlsShown(t, c.query, h, c.show, c.hide)
	}
}

// Truth: experiment.Query/ParseQuery are inverses; every preset's link
// restores its spec, selects the preset, and needs no correction.
func TestPresetLinksRoundTrip(t *testing.T) {
	for _, pr := range spectrumPresets {
		want := spectrumDef.presetSpec(pr)
		p := newSpectrumPage()
		p.load(experiment.Query(&want))
		if experiment.Query(&p.spec) != experiment.Query(&want) || len(p.notices) != 0 || p.preset != pr.ID || p.invalid != "" {
			t.Errorf("preset %s: link restored %+v (notices %q, preset %q, invalid %q)", pr.ID, p.spec, p.notices, p.preset, p.invalid)
		}
	}
}

// Truth: ParseQuery's documented corrections, shown to the person, with
// untrusted text escaped by go-app's renderer.
func TestHostileLinkShowsEscapedNotices(t *testing.T) {
	p := newSpectrumPage()
	p.load("v=1&data=%3Cscript%3Ealert(1)%3C/script%3E&classes=1e9&lr=NaN&%3Cimg%3E=1")
	h := html(p.Render())
	if strings.Contains(h, "<script>alert") || strings.Contains(h, "<img>") {
		t.Fatal("untrusted text reached the page unescaped")
	}
	for _, want := range []string{`id="notices"`, "data = ", "classes", "lr: ", "ignored unknown keys"} {
		if !strings.Contains(h, want) {
			t.Errorf("notices lack %q", want)
		}
	}
	if p.spec.Data != "mixture" || p.spec.LR != 0.5 || p.invalid != "" {
		t.Errorf("corrected spec %+v, invalid %q", p.spec, p.invalid)
	}
}

// Truth: Validate's limits; a control change is clamped and noted, and a
// spec too large for the browser disables Run with the limit stated.
func TestControlChangesAreCorrectedAndValidated(t *testing.T) {
	p := newSpectrumPage()
	p.load("")
	p.onChange("classes", "1000")
	if p.spec.Classes != 100 || !strings.Contains(p.corrects["classes"], "set to 100") {
		t.Errorf("classes=1000 gave %d, notice %q", p.spec.Classes, p.corrects["classes"])
	}
	p.onChange("classes", "5")
	if _, still := p.corrects["classes"]; still || p.spec.Classes != 5 {
		t.Errorf("a valid value kept the old notice")
	}
	p.onChange("samples", "10000")
	p.onChange("hidden", "1024,1024,1024,1024")
	if !strings.Contains(p.invalid, "limit") {
		t.Fatalf("a huge network was accepted: %q", p.invalid)
	}
	err := app.Match(app.Button().ID("run").Class("primary").Disabled(true).Text("Run").OnClick(func(app.Context, app.Event) {}), p.runButtons(), 0)
	if err != nil {
		t.Errorf("Run is not disabled for an invalid spec: %v", err)
	}
}

// Truth: spectrumrun.Run via the in-process fake pool; the page
// goes idle → running → done and shows the result's outlier count.
func TestPageRunsAndShowsTheResult(t *testing.T) {
	e := app.NewTestEngine()
	probe := &ctxProbe{}
	if err := e.Load(probe); err != nil {
		t.Fatal(err)
	}
	e.ConsumeAll()
	if probe.ctx.Src() == nil {
		t.Fatal("the test engine did not mount the probe")
	}
	f := &fakeJobs{rnd: rand.New(rand.NewPCG(3, 3))}
	UseJobs(func(string) Jobs { return f })
	defer UseJobs(nil)

	p := newSpectrumPage()
	p.load("v=1&classes=3&dim=4&samples=120&test=40&hidden=10&epochs=20&steps=20&probes=3&topk=5")
	if !strings.Contains(html(runStatus(p.state, p.notes())), `data-status="idle"`) {
		t.Fatal("a new page is not idle")
	}
	p.start(probe.ctx)
	e.ConsumeAll()
	if err := app.Match(app.Button().ID("cancel").Disabled(false).Text("Cancel").OnClick(func(app.Context, app.Event) {}), p.runButtons(), 1); err != nil {
		t.Errorf("Cancel is not enabled while running: %v", err)
	}
	if p.state.Status != Running || !strings.Contains(html(runStatus(p.state, p.notes())), "<progress") {
		t.Fatalf("after start: %v without a progress bar", p.state.Status)
	}
	for f.step() {
		e.ConsumeAll()
	}
	e.ConsumeAll()
	if p.state.Status != Done {
		t.Fatalf("status %v (%s)", p.state.Status, p.state.Message)
	}
	want, _ := spectrumrun.Run(p.spec, experiment.Assets{}, nil)
	h := html(p.Render())
	if err := app.Match(app.Div().Class("v").Text(want.Outliers), spectrumSummary(p.result()), 0, 1); err != nil {
		t.Errorf("outlier count: %v", err)
	}
	if !strings.Contains(h, `id="top-table"`) || strings.Count(h, `class="outlier"`) != want.Outliers {
		t.Errorf("top table does not highlight %d outliers", want.Outliers)
	}
}
