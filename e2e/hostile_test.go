package e2e

import (
	"strings"
	"testing"
)

// hostileQuery tries script injection through a value and through an
// unknown key, with an unparsable integer, a NaN and an out-of-range width.
const hostileQuery = "v=1&data=%3Cscript%3Ewindow.__pwned%3D1%3C/script%3E&classes=1e9&lr=NaN" +
	"&zzz=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D2%3E&hidden=99999"

// TestHostileLinkIsCorrected: a hostile link is read as text, corrected
// with visible notices, never executed, and runs the corrected spec.
// Truth: experiment.ParseQuery keeps the default for an unknown enum value
// (data = mixture) and an unparsable number (classes = 10, lr = 0.5),
// clamps hidden to its maximum 1024, and names ignored keys; go-app renders
// the notices as text nodes, so nothing in them can run.
func TestHostileLinkIsCorrected(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?" + hostileQuery)

	tt.waitFor("#notices", `document.getElementById('notices') !== null`, pageLoadTimeout)
	if !eval[bool](tt, `(() => { const r = document.getElementById('notices').getBoundingClientRect(); return r.width > 0 && r.height > 0 })()`) {
		t.Errorf("#notices is in the DOM but not visible")
	}
	text := eval[string](tt, `document.getElementById('notices').textContent`)
	for _, key := range []string{"data", "classes", "lr", "zzz"} {
		if !strings.Contains(text, key) {
			t.Errorf("#notices does not mention %s: %q", key, text)
		}
	}
	if !strings.Contains(text, "<script>") {
		t.Errorf("#notices should quote the hostile value as text, literally: %q", text)
	}
	t.Logf("notices: %q", text)

	// The corrected spec is what the controls show and what runs.
	want := map[string]string{"data": "mixture", "classes": "10", "lr": "0.5", "hidden": "1024"}
	for key, v := range want {
		if got := eval[string](tt, `document.getElementById('f-`+key+`').value`); got != v {
			t.Errorf("#f-%s is %q, want the corrected %q", key, got, v)
		}
	}
	// The corrected run (width 1024) is estimated above
	// experiment.AutoRunSeconds, so the link waits for a click on Run.
	if s, aw := tt.status(), eval[string](tt, `document.getElementById('run-status').dataset.awaiting`); s != "idle" || aw != "yes" {
		t.Errorf("status %q (awaiting %q): the corrected minutes-long run should wait for Run", s, aw)
	}
	tt.click("#run")
	tt.waitStatus("running", pageLoadTimeout)

	// An injected <img src=x onerror=…> fires only after it requests x,
	// which the journal, once in step with the page, would hold.
	_, requests, _ := tt.journal()
	for _, u := range requests {
		if strings.HasSuffix(u, "/x") {
			t.Errorf("the page requested %s: an injected <img src=x> loaded", u)
		}
	}
	if pwned := eval[string](tt, `typeof window.__pwned`); pwned != "undefined" {
		t.Errorf("window.__pwned is defined (%s): the link's script ran", pwned)
	}
	if n := eval[int](tt, `document.querySelectorAll('img[src="x"], script:not([src])').length`); n > 0 {
		t.Errorf("the page holds %d injected img/inline script elements", n)
	}
	// The corrected run (width 1024) takes minutes; stopping it frees the
	// CPU for the next tests.
	tt.click("#cancel")
	tt.waitStatus("canceled", pageLoadTimeout)
}

// TestAbsurdLinkIsRefused: a link whose run would exceed the browser's
// limits shows why in #invalid and starts nothing. Truth:
// spectrum.Spec.Validate refuses a run above OpsLimit or
// MemoryLimit with a message that names "the limit"; the page runs a link
// only when Validate accepts it (OnNav in app/spectrum-page.go).
func TestAbsurdLinkIsRefused(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?v=1&samples=10000&hidden=1024,1024,1024,1024&steps=1000")

	tt.waitFor("#invalid", `document.getElementById('invalid') !== null`, pageLoadTimeout)
	msg := eval[string](tt, `document.getElementById('invalid').textContent`)
	if !strings.Contains(msg, "limit") {
		t.Errorf("#invalid says %q, want a message naming the limit", msg)
	}
	t.Logf("invalid: %q", msg)
	if !eval[bool](tt, `document.getElementById('run').disabled`) {
		t.Errorf("#run is enabled for a link that cannot run")
	}
	if s := tt.status(); s != "idle" {
		t.Errorf("status is %q, want idle: no run may start", s)
	}
	if workers := len(tt.targets(t, "worker")); workers > 0 {
		t.Errorf("%d compute workers were started for a link that cannot run", workers)
	}
	// The page numbers its runs from 1 (pageCore.start in app/page-core.go),
	// so the run a preset starts now is run 1 only if the link started none.
	tt.click("#preset-classes3")
	tt.waitFor("the preset's run", `(document.querySelector('#run-status')?.dataset.run ?? '0') !== '0'`, pageLoadTimeout)
	if run := eval[string](tt, `document.querySelector('#run-status').dataset.run`); run != "1" {
		t.Errorf("the preset's run is run %s, want 1: the refused link started a run", run)
	}
}
