package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// screenSize emulates a device of the given CSS size (mobile: a phone's
// touch viewport).
func screenSize(w, h int64, mobile bool) tabSetup {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		scale := 1.0
		if mobile {
			scale = 2
		}
		_, err := chromedp.Call(ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
			Width: w, Height: h, DeviceScaleFactor: scale, Mobile: mobile,
		})
		return err
	})
}

// layoutPages are the experiment pages with small links (seconds each).
var layoutPages = []struct{ page, query string }{
	{"spectrum", sharedQuery},
	{"paths", pathsQuery},
	{"doubledescent", ddQuery},
}

// runInReach is true when #run lies wholly inside the window.
const runInReach = `(() => { const r = document.getElementById('run').getBoundingClientRect();
	return r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth })()`

// TestPhoneLayout: on a 390 × 844 phone, after a run, no page scrolls
// sideways (wide tables scroll inside their cards), and Run is on the
// screen at the top of the page and after scrolling to the results'
// end. Truth: the browser's own layout (scrollWidth, getBoundingClientRect).
func TestPhoneLayout(t *testing.T) {
	for _, c := range layoutPages {
		t.Run(c.page, func(t *testing.T) {
			tt := newTab(t, screenSize(390, 844, true))
			defer tt.checkClean(t)
			tt.open("/" + c.page + "?" + c.query)
			tt.waitStatus("done", runTimeout)
			if over := eval[int](tt, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
				wide := eval[[]string](tt, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.tagName + '#' + e.id + '.' + e.className)`)
				t.Errorf("the page is %d px wider than the phone's screen; elements past its edge: %q", over, wide)
			}
			for _, where := range []string{"window.scrollTo(0, 0)", "window.scrollTo(0, document.body.scrollHeight)"} {
				eval[bool](tt, "("+where+", true)")
				tt.waitFor("the scroll to settle", `true`, time.Second)
				if !eval[bool](tt, runInReach) {
					t.Errorf("after %s, Run is off the screen at %v", where, eval[[]float64](tt, `(() => { const r = document.getElementById('run').getBoundingClientRect(); return [r.top, r.bottom] })()`))
				}
			}
			// The controls come before the results: folded, under the Run bar
			// (the run status sits above both, under the title).
			if !eval[bool](tt, `document.querySelector('.controls').getBoundingClientRect().top < document.querySelector('.results').getBoundingClientRect().top`) {
				t.Error("the controls come after the results on a phone")
			}
		})
	}
}

// TestLaptopControls: on a laptop, Run stays in view while the controls
// scroll to their end, and every select shows its options' whole text.
// Truth: the browser's layout, and the canvas text metrics of the
// select's own font for each option's text.
func TestLaptopControls(t *testing.T) {
	for _, c := range layoutPages {
		t.Run(c.page, func(t *testing.T) {
			tt := newTab(t, screenSize(1366, 900, false))
			defer tt.checkClean(t)
			tt.open("/" + c.page + "?" + c.query)
			tt.waitStatus("done", runTimeout)
			eval[bool](tt, `(document.querySelector('.controls').scrollTop = 1e6, true)`)
			if !eval[bool](tt, runInReach) {
				t.Error("with the controls scrolled to their end, Run is out of view")
			}
			cut := eval[[]string](tt, `(() => {
				const g = document.createElement('canvas').getContext('2d'), out = [];
				for (const s of document.querySelectorAll('.controls select')) {
					const cs = getComputedStyle(s);
					g.font = cs.fontSize + ' ' + cs.fontFamily;
					const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 20; // the arrow
					for (const o of s.options) {
						const w = g.measureText(o.text).width;
						if (w > room) out.push(s.id + ': "' + o.text + '" needs ' + Math.round(w) + ' px of ' + Math.round(room));
					}
				}
				return out })()`)
			for _, s := range cut {
				t.Errorf("a select cuts its text: %s", s)
			}
		})
	}
}

// TestControlsFollowTheFieldsShown: switching the data set changes which
// fields are shown (and shifts them); a field changed afterwards sets its
// own parameter, and Enter in a field runs the controls. Truth: the link
// in the address bar, which is the spec (experiment.Query).
func TestControlsFollowTheFieldsShown(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?" + sharedQuery)
	tt.waitStatus("done", runTimeout)
	tt.setControl("data", "digits")
	tt.waitFor("the digits fields", `document.getElementById('f-pixels') !== null`, 5*time.Second)
	dim := eval[string](tt, `new URLSearchParams(location.search).get('dim')`)
	tt.setControl("labelnoise", "0.1")
	tt.waitFor("the link to follow", `new URLSearchParams(location.search).get('labelnoise') === '0.1'`, 5*time.Second)
	if got := eval[string](tt, `new URLSearchParams(location.search).get('dim')`); got != dim {
		t.Errorf("changing label noise changed dim from %s to %s", dim, got)
	}

	// Enter in the seed field runs the new seed.
	tt.setControl("data", "mixture")
	before := eval[string](tt, `document.querySelector('#run-status').dataset.run`)
	tt.do("focusing the seed field", chromedp.Focus(chromedp.CSS("#f-seed")))
	eval[bool](tt, `(document.getElementById('f-seed').select(), true)`)
	tt.do("typing a seed and Enter", chromedp.KeyEvent("12"), chromedp.KeyEvent(kbEnter))
	tt.waitFor("a run started by Enter", fmt.Sprintf(`document.querySelector('#run-status').dataset.run !== %q`, before), 10*time.Second)
	tt.waitStatus("done", runTimeout)
	if q := eval[string](tt, `location.search`); !strings.Contains(q, "seed=12") {
		t.Errorf("after Enter the link is %s, want seed=12", q)
	}
}

// kbEnter is the Enter key as chromedp's KeyEvent types it.
const kbEnter = "\r"
