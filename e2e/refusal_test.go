package e2e

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

// viewports are the screens a person opens a shared link on.
var viewports = []struct {
	name  string
	setup tabSetup
}{
	{"laptop", chromedp.EmulateViewport(1280, 800)},
	{"phone", chromedp.Emulate(device.IPhone12)},
}

// inViewport is a JavaScript expression: element sel is rendered, lies
// within the window without scrolling (the page is at its top), and has
// text.
func inViewport(sel string) string {
	return fmt.Sprintf(`(() => { const e = document.querySelector(%q); if (!e) return false;
		const r = e.getBoundingClientRect();
		return window.scrollY === 0 && r.width > 0 && r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && e.textContent.trim() !== '' })()`, sel)
}

// TestRefusalIsVisibleWithoutScrolling: a link the page refuses says why
// in the status panel, in view as the page opens, on a laptop and on a
// phone, and starts nothing. Truth: spectrum.Spec.Validate refuses
// this link (six 1024-unit layers on 10,000 samples of 1024 inputs need
// 14 GiB, above experiment.MemoryLimit) with "the limit is"; the page
// shows Validate's message as #invalid in #run-status (app/run-status.go).
func TestRefusalIsVisibleWithoutScrolling(t *testing.T) {
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tt := newTab(t, vp.setup)
			defer tt.checkClean(t)
			tt.open("/spectrum?v=1&hidden=1024,1024,1024,1024,1024,1024&samples=10000&dim=1024")
			tt.waitFor("#invalid in the viewport", inViewport("#run-status #invalid"), 10*time.Second)
			msg := eval[string](tt, `document.querySelector('#run-status #invalid').textContent`)
			if !strings.Contains(msg, "the limit is") {
				t.Errorf("#invalid says %q, want the limit", msg)
			}
			line := eval[string](tt, `document.querySelector('#run-status .status-line').textContent`)
			if strings.Contains(line, "press Run") {
				t.Errorf("the status line says %q for a link that cannot run", line)
			}
			if !eval[bool](tt, `document.getElementById('run').disabled`) {
				t.Errorf("#run is enabled for a refused link")
			}
			if s := tt.status(); s != "idle" {
				t.Errorf("status %q, want idle", s)
			}
			if workers := len(tt.targets(t, "worker")); workers > 0 {
				t.Errorf("%d compute workers started for a refused link", workers)
			}
		})
	}
}

// TestLinkCorrectionsAreVisibleWithoutScrolling: a link whose values were
// corrected says so in the status panel, in view, and runs the corrected
// spec. Truth: experiment.ParseQuery clamps widths=0,0,0 to the smallest
// width 4 (one entry: clamping leaves no repeats) and sets width to it,
// a valid spec (paths.Spec.Validate).
func TestLinkCorrectionsAreVisibleWithoutScrolling(t *testing.T) {
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			tt := newTab(t, vp.setup)
			defer tt.checkClean(t)
			tt.open("/paths?v=1&widths=0,0,0")
			tt.waitFor("#notices in the viewport", inViewport("#run-status #notices"), 10*time.Second)
			text := eval[string](tt, `document.querySelector('#run-status #notices').textContent`)
			for _, want := range []string{"widths", "set to 4"} {
				if !strings.Contains(text, want) {
					t.Errorf("#notices says %q, want %q", text, want)
				}
			}
			if n := eval[int](tt, `document.querySelectorAll('#invalid').length`); n != 0 {
				t.Errorf("the corrected link is refused: %s", eval[string](tt, `document.getElementById('invalid').textContent`))
			}
			tt.waitStatus("done", runTimeout)
		})
	}
}

// TestLongLinkShowsItsEstimateAndWaitsForRun: a shared link estimated
// above experiment.AutoRunSeconds shows the estimate and starts only when
// Run is clicked. Truth: spectrum.Spec.Cost estimates epochs=20000
// of the default network at 1.1e11 multiply-adds, about two minutes at
// experiment.OpsPerSecond; app/page-core.go's autoRun waits above 10 s.
func TestLongLinkShowsItsEstimateAndWaitsForRun(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?v=1&epochs=20000")
	tt.waitFor("#estimate in the viewport", inViewport("#run-status #estimate"), 10*time.Second)
	est := eval[string](tt, `document.getElementById('estimate').textContent`)
	if !strings.Contains(est, "of computing") || !strings.Contains(est, "multiply-adds") {
		t.Errorf("#estimate says %q", est)
	}
	line := eval[string](tt, `document.querySelector('#run-status .status-line').textContent`)
	if !strings.Contains(line, "press Run") || eval[string](tt, `document.getElementById('run-status').dataset.awaiting`) != "yes" {
		t.Errorf("the status line says %q; want it to ask for Run", line)
	}
	if s := tt.status(); s != "idle" {
		t.Fatalf("status %q: the long link started without a click", s)
	}
	if workers := len(tt.targets(t, "worker")); workers > 0 {
		t.Errorf("%d compute workers started before Run was clicked", workers)
	}
	if !eval[bool](tt, inViewport("#run-awaiting")) {
		t.Errorf("the status panel's Run button is not in view")
	}
	tt.click("#run-awaiting")
	tt.waitStatus("running", pageLoadTimeout)
	if n := eval[int](tt, `document.querySelectorAll('#run-awaiting').length`); n != 0 {
		t.Errorf("the waiting link's Run button stays after the run started")
	}
	// Once training reports progress the status panel has its final
	// height, so the controls no longer move under the pointer.
	tt.waitFor("training progress", `document.querySelector('#run-status progress')?.value > 0 && !document.getElementById('cancel').disabled`, pageLoadTimeout)
	tt.click("#cancel")
	tt.waitStatus("canceled", pageLoadTimeout) // a guard against a hang only
}

// TestFiniteBlowUpIsAFailedRun: the link whose training loss reached
// 9.3e137 with lr = 100 (finite, so it used to end DONE with a spectrum)
// ends as a failed run naming the step. Truth: train.DivergenceFactor's
// rule, a loss above 10⁶ times its initial value.
func TestFiniteBlowUpIsAFailedRun(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?v=1&activation=relu&lr=100&epochs=50")
	tt.waitFor("the run to end", `['done','failed'].includes(document.querySelector('#run-status')?.dataset.status)`, runTimeout)
	if s := tt.status(); s != "failed" {
		t.Fatalf("status %q, want failed", s)
	}
	if msg := tt.failure(); !strings.Contains(msg, "diverged at step") || !strings.Contains(msg, "initial") {
		t.Errorf("the failure says %q; want the step and the growth from the initial loss", msg)
	}
}
