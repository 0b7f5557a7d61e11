package app

import (
	"strings"
	"testing"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// Truth: spectrum.Spec.Validate refuses this link (six layers of
// 1024 units on 10,000 samples of 1024 inputs: 14 GiB, above
// experiment.MemoryLimit); the refusal must be in the status panel, at
// the top of the results, not only beside the controls.
func TestRefusalIsInTheStatusPanel(t *testing.T) {
	p := newSpectrumPage()
	p.load("v=1&hidden=1024,1024,1024,1024,1024,1024&samples=10000&dim=1024")
	if p.invalid == "" {
		t.Fatal("the link was accepted")
	}
	status := html(runStatus(p.state, p.notes()))
	if !strings.Contains(status, `id="invalid"`) || !strings.Contains(status, "the limit is") || !strings.Contains(status, "cannot run") {
		t.Errorf("the status panel does not show the refusal:\n%s", status)
	}
	if strings.Contains(status, "Set the controls and press Run") {
		t.Errorf("the status panel invites a Run that is disabled:\n%s", status)
	}
	if strings.Count(html(p.Render()), `id="invalid"`) != 1 {
		t.Errorf("the refusal should appear once, in the status panel")
	}
	if strings.Contains(status, `id="estimate"`) {
		t.Errorf("a refused run shows an estimate")
	}
}

// Truth: experiment.ParseQuery's notices for a clamped list and an unknown
// key; they are shown in the status panel.
func TestLinkCorrectionsAreInTheStatusPanel(t *testing.T) {
	p := newPathsPage()
	p.load("v=1&widths=0,0,0&zzz=1")
	status := html(runStatus(p.state, p.notes()))
	for _, want := range []string{`id="notices"`, "widths = ", "set to 4", "width = 512 is not one of widths = 4; set to 4", "zzz"} {
		if !strings.Contains(status, want) {
			t.Errorf("the status panel lacks %q:\n%s", want, status)
		}
	}
	if p.invalid != "" {
		t.Errorf("the corrected link is refused: %s", p.invalid)
	}
}

// Truth: experiment.AutoRunSeconds and each spec's Cost: a link estimated
// above the threshold waits for Run with its estimate shown; the default
// link (estimated below it) starts at once; a click on Run clears the
// wait.
func TestLongLinksWaitForRun(t *testing.T) {
	if experiment.AutoRunSeconds != 10 {
		t.Fatalf("AutoRunSeconds = %v; README.md, \"Sharing\", says a link estimated above 10 s waits for Run", experiment.AutoRunSeconds)
	}
	p := newSpectrumPage()
	p.load("v=1&epochs=20000")
	if p.cost.Seconds <= experiment.AutoRunSeconds {
		t.Fatalf("epochs=20000 is estimated at %v, not above the %v s threshold", p.cost, experiment.AutoRunSeconds)
	}
	if p.autoRun() {
		t.Fatal("a link estimated at", p.cost.Seconds, "s would start at once")
	}
	status := html(runStatus(p.state, p.notes()))
	want := app.Div().Class("unit").ID("estimate").Text("Estimated: " + p.cost.Text() + ".")
	if err := app.Match(want, runStatus(p.state, p.notes()), 1); err != nil {
		t.Errorf("the estimate is not shown: %v\n%s", err, status)
	}
	if !strings.Contains(status, "press Run to start it") || !strings.Contains(status, `data-awaiting="yes"`) || !strings.Contains(status, `id="run-awaiting"`) {
		t.Errorf("the status panel does not ask for Run:\n%s", status)
	}
	p.onChange("epochs", "10")
	if p.awaiting {
		t.Errorf("editing a control keeps the link's wait")
	}

	for _, q := range []string{"", "v=1&classes=3"} {
		p := newSpectrumPage()
		p.load(q)
		if !p.autoRun() || p.awaiting {
			t.Errorf("%q (estimate %v) does not start at once", q, p.cost)
		}
	}
}
