package e2e

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// offlineQuery is a small spectrum that finishes in a second or two.
const offlineQuery = "/spectrum?v=1&classes=3&samples=300&test=100&hidden=16&epochs=30&steps=30&probes=2&topk=5"

// TestWorksOfflineAfterFirstVisit: after one visit, every page opens with
// every image shown (the logo was broken offline: web/icon.svg was not
// cached), and a shared link runs, with the server gone; no request fails,
// online or offline. Truth: README's "works offline after the first visit"
// — go-app's service worker caches every page and every file of the site
// (internal/site/files.go) and serves a link's page without its query.
func TestWorksOfflineAfterFirstVisit(t *testing.T) {
	requireEnv(t)
	dir, err := os.MkdirTemp("", "overparam-offline-")
	if err != nil {
		t.Fatal(err)
	}
	defer removeAll(dir)
	base, kill, err := startServer(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer kill()

	tt := newTab(t)
	failed := watchFailures(tt)
	tt.do("opening the first visit", chromedp.Navigate(base+offlineQuery))
	tt.waitFor("the app to start", `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	tt.waitStatus("done", runTimeout)
	// The service worker has installed once every resource is cached, and
	// navigator.serviceWorker.ready resolves once it is active.
	cached := `(async () => {
		const r = await navigator.serviceWorker.ready;
		if (!r || !r.active) return false;
		for (const k of await caches.keys()) {
			const c = await caches.open(k);
			if (await c.match('/web/worker-spectrum.wasm') && await c.match('/web/app.wasm') && await c.match('/spectrum')) return true;
		}
		return false })()`
	installed, cancel := context.WithTimeout(tt.ctx, pageLoadTimeout) // a guard against a hang only
	defer cancel()
	if ok, err := chromedp.Run(installed, chromedp.Evaluate[bool](cached, chromedp.EvalAwaitPromise)); err != nil || !ok {
		t.Fatalf("the active service worker has not cached the site (%v)", err)
	}

	failed.check(t, "on the first visit")

	kill() // the server is gone: everything now comes from the cache
	for _, p := range []string{"/", "/paths", "/doubledescent"} {
		tt.do("opening "+p+" offline", chromedp.Navigate(base+p))
		tt.waitFor("the app to start offline on "+p, `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
		tt.waitFor("every image to load on "+p, `Array.from(document.images).every(i => i.complete)`, pageLoadTimeout)
		if broken := eval[[]string](tt, `Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)`); len(broken) > 0 {
			t.Errorf("offline, %s shows broken images: %v", p, broken)
		}
	}
	link := offlineQuery + "&seed=9"
	tt.do("opening a new link offline", chromedp.Navigate(base+link))
	tt.waitFor("the app to start offline", `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	tt.waitStatus("done", runTimeout)
	if seed := eval[string](tt, `document.getElementById('f-seed').value`); seed != "9" {
		t.Errorf("offline, the link's seed is %q, want 9", seed)
	}
	failed.check(t, "offline")
}

// TestHoverReadoutAndPins: moving the pointer over a chart shows the value
// under it, and a pinned run is drawn beside later ones. Truth: the hover
// contract of chartPanel (app/chart-panel.go: XAt inverts the drawing) and
// the pins of spectrumPage (app/spectrum-results.go).
func TestHoverReadoutAndPins(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open(offlineQuery)
	tt.waitStatus("done", runTimeout)
	hover := func(id string, at float64) string {
		js := `(() => { const el = document.getElementById('chart-` + id + `'); const r = el.getBoundingClientRect();
			el.dispatchEvent(new MouseEvent('mousemove', {bubbles: true, clientX: r.left + r.width * ` + fmtFloat(at) + `, clientY: r.top + r.height / 2}));
			return true })()`
		eval[bool](tt, js)
		tt.waitFor("the "+id+" readout", `document.querySelector('#panel-`+id+` .readout').textContent !== ''`, pageLoadTimeout)
		return eval[string](tt, `document.querySelector('#panel-`+id+` .readout').textContent`)
	}
	if got := hover("density", 0.5); !strings.HasPrefix(got, "λ = ") {
		t.Errorf("density readout %q, want it to start with λ =", got)
	}
	if got := hover("training", 0.5); !strings.Contains(got, "train loss") {
		t.Errorf("training readout %q, want the losses at the step under the pointer", got)
	}

	tt.click("#pin")
	tt.clickRun("#preset-classes3")
	if n := eval[int](tt, `document.querySelectorAll('#pins .pin').length`); n != 1 {
		t.Errorf("%d pinned runs shown, want 1", n)
	}
	if label := eval[string](tt, `document.querySelector('#pins .pin h3 span').textContent`); !strings.Contains(label, "hidden=16") {
		t.Errorf("the pin is labelled %q; want the keys that differ from the defaults", label)
	}
}

func fmtFloat(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
