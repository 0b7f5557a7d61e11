package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/overparam/overparam/internal/site"
)

// recordViolations is injected before any page script: it keeps every
// securitypolicyviolation event the page's document fires, which is how a
// browser reports what the Content-Security-Policy blocked.
const recordViolations = `window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
	window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' (' + e.sourceFile + ':' + e.lineNumber + ')');
});`

// violations returns the CSP violations the current document saw.
func violations(tt *tab) []string {
	return eval[[]string](tt, `window.__cspViolations || ['the violation recorder did not run']`)
}

// failures records the tab's requests that failed (a network error, or an
// HTTP status of 400 or more), as "URL: reason". Requests the page
// canceled itself (a navigation away) are not failures.
type failures struct {
	mu   sync.Mutex
	urls map[network.RequestID]string
	list []string
}

// watchFailures starts recording tt's failed requests.
func watchFailures(tt *tab) *failures {
	f := &failures{urls: map[network.RequestID]string{}}
	sent := chromedp.Events(tt.ctx, network.RequestWillBeSent)
	received := chromedp.Events(tt.ctx, network.ResponseReceived)
	failed := chromedp.Events(tt.ctx, network.LoadingFailed)
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			f.mu.Lock()
			f.urls[ev.RequestID] = ev.Request.URL
			f.mu.Unlock()
		}
	}()
	go func() {
		for ev, err := range received {
			if err != nil {
				return
			}
			if ev.Response.Status >= 400 {
				f.add(fmt.Sprintf("%s: HTTP %d", ev.Response.URL, ev.Response.Status))
			}
		}
	}()
	go func() {
		for ev, err := range failed {
			if err != nil {
				return
			}
			if !ev.Canceled {
				f.mu.Lock()
				u := f.urls[ev.RequestID]
				f.mu.Unlock()
				f.add(fmt.Sprintf("%s: %s %s", u, ev.ErrorText, ev.BlockedReason))
			}
		}
	}()
	return f
}

func (f *failures) add(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.list = append(f.list, s)
}

// check fails the test if any request failed so far.
func (f *failures) check(t *testing.T, when string) {
	t.Helper()
	time.Sleep(200 * time.Millisecond) // let the event queues drain
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.list) > 0 {
		t.Errorf("%s, %d requests failed:\n  %s", when, len(f.list), strings.Join(f.list, "\n  "))
	}
}

// rasterisesBlobSVG draws the density chart's SVG from a blob: URL into an
// image, as the PNG export does (web/overparam.js), and reports whether the
// image loaded: the policy's img-src must allow blob:.
const rasterisesBlobSVG = `new Promise((done) => {
	const svg = document.querySelector('#panel-density svg');
	const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], {type: 'image/svg+xml'}));
	const img = new Image();
	img.onload = () => done(img.width > 0);
	img.onerror = () => done(false);
	img.src = url;
})`

// TestPagesWorkUnderTheCSP: `overparam serve` sends a Content-Security-Policy
// that allows only the site's own files, WebAssembly compilation and the
// site's workers. Under it, a spectrum run completes, every page starts,
// the PNG export's rasterisation works, and the browser reports no
// violation and no console error. Truth: the policy in
// internal/site/page.go, enforced by Chromium as CSP Level 3 specifies.
func TestPagesWorkUnderTheCSP(t *testing.T) {
	// Every page starts, in a tab of its own: checkClean reads the requests
	// of each live worker, which can hang on the workers of a page just
	// left, so the run's tab visits one page.
	tour := newTab(t, script(recordViolations))
	tf := watchFailures(tour)
	for _, p := range []string{"/", "/paths", "/doubledescent"} {
		tour.open(p)
		if v := violations(tour); len(v) > 0 {
			t.Errorf("on %s, the policy blocked:\n  %s", p, strings.Join(v, "\n  "))
		}
	}
	if errs, _, _ := tour.journal(); len(errs) > 0 {
		t.Errorf("visiting the pages, %d console errors:\n  %s", len(errs), strings.Join(errs, "\n  "))
	}
	tf.check(t, "visiting the pages")

	tt := newTab(t, script(recordViolations))
	defer tt.checkClean(t)
	f := watchFailures(tt)
	tt.open(offlineQuery)
	tt.waitStatus("done", runTimeout)
	got, err := chromedp.Run(tt.ctx, chromedp.Evaluate[string](`fetch(location.href).then(r => r.headers.get('content-security-policy'))`, chromedp.EvalAwaitPromise))
	if err != nil || got != site.ContentSecurityPolicy {
		t.Fatalf("the page came with Content-Security-Policy %q (%v); want %q", got, err, site.ContentSecurityPolicy)
	}
	if ok, err := chromedp.Run(tt.ctx, chromedp.Evaluate[bool](rasterisesBlobSVG, chromedp.EvalAwaitPromise)); err != nil || !ok {
		t.Errorf("the chart's SVG did not load as an image from a blob: URL (%v): the PNG export is blocked", err)
	}
	if v := violations(tt); len(v) > 0 {
		t.Errorf("on the spectrum page, the policy blocked:\n  %s", strings.Join(v, "\n  "))
	}
	f.check(t, "under the CSP")
}

// TestUnknownPathShowsTheAppsNotFoundPage: `overparam serve` answers a path
// that is no page with status 404 and the app's not-found page, and the
// app, once started, shows the same page with its link home (go-app's own
// was a bare "4 0 4 Not Found"). Truth: app/not-found-page.go.
func TestUnknownPathShowsTheAppsNotFoundPage(t *testing.T) {
	tt := newTab(t)
	tt.open("/no-such-page")
	tt.waitFor("the not-found page", `document.getElementById('not-found-home')?.getAttribute('href') === '/'`, pageLoadTimeout)
	tt.click("#not-found-home")
	tt.waitFor("the home page", `location.pathname === '/' && document.querySelector('.gallery')`, pageLoadTimeout)
}

// pagesHost serves a static site the way GitHub Pages does: under base, a
// path names a file, a path without extension the .html file of that
// name, a directory its index.html, and anything else 404.html with status
// 404. It sends no Content-Security-Policy header, so the pages' meta tag
// is the only policy.
func pagesHost(dir, base string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := strings.CutPrefix(path.Clean(r.URL.Path), base)
		file := ""
		if ok {
			for _, c := range []string{p, p + ".html", path.Join(p, "index.html")} {
				if st, err := os.Stat(filepath.Join(dir, filepath.FromSlash(c))); err == nil && st.Mode().IsRegular() {
					file = filepath.Join(dir, filepath.FromSlash(c))
					break
				}
			}
		}
		if file == "" {
			b, _ := os.ReadFile(filepath.Join(dir, "404.html"))
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(b)
			return
		}
		http.ServeFile(w, r, file)
	})
}

// TestStaticSiteUnderABasePath: `make static BASE=/overparam` wrote doubled
// prefixes (/overparam/overparam/…), so every first load made 20 requests
// that 404ed. The static site, served under /overparam as GitHub Pages
// serves it, must load with no failed request, show every image, run a
// link under its meta-tag CSP with no violation, and answer an unknown path
// with the app's not-found page linking home under the base. Truth: the
// files `overparam static` wrote.
func TestStaticSiteUnderABasePath(t *testing.T) {
	requireEnv(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "overparam")
	build := exec.Command("go", "build", "-o", bin, "./cmd/overparam")
	build.Dir = env.root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/overparam: %v\n%s", err, out)
	}
	out := filepath.Join(dir, "dist")
	var stderr bytes.Buffer
	static := exec.Command(bin, "static", "-out", out, "-base", "/overparam", "-web", filepath.Join(env.root, "web"))
	static.Stderr = &stderr
	if err := static.Run(); err != nil {
		t.Fatalf("overparam static: %v\n%s", err, stderr.String())
	}
	srv := httptest.NewServer(pagesHost(out, "/overparam"))
	defer srv.Close()

	tt := newTab(t, script(recordViolations))
	f := watchFailures(tt)
	openAt := func(u string) {
		tt.do("opening "+u, chromedp.Navigate(srv.URL+u))
		tt.waitFor("the app to start on "+u, `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
	}
	openAt("/overparam/")
	tt.waitFor("every image to load", `Array.from(document.images).every(i => i.complete)`, pageLoadTimeout)
	if broken := eval[[]string](tt, `Array.from(document.images).filter(i => !i.naturalWidth).map(i => i.src)`); len(broken) > 0 {
		t.Errorf("the home page shows broken images: %v", broken)
	}
	if n := eval[int](tt, `document.querySelectorAll('a[href^="/overparam/overparam"], img[src^="/overparam/overparam"]').length`); n > 0 {
		t.Errorf("%d links on the home page double the base path", n)
	}
	openAt("/overparam" + offlineQuery)
	if eval[int](tt, `document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]').length`) != 1 {
		t.Error("the static page carries no CSP meta tag")
	}
	tt.waitStatus("done", runTimeout)
	if v := violations(tt); len(v) > 0 {
		t.Errorf("the static page's policy blocked:\n  %s", strings.Join(v, "\n  "))
	}
	f.check(t, "loading the static site under /overparam")

	res, err := http.Get(srv.URL + "/overparam/no-such-page")
	if err != nil || res.StatusCode != http.StatusNotFound {
		t.Fatalf("an unknown path: %v, %v; want status 404", res, err)
	}
	res.Body.Close()
	openAt("/overparam/no-such-page")
	tt.waitFor("the not-found page", `document.getElementById('not-found-home')`, pageLoadTimeout)
	if href := eval[string](tt, `document.getElementById('not-found-home').getAttribute('href')`); href != "/overparam/" {
		t.Errorf("the not-found page links home to %q, want /overparam/", href)
	}
}

// TestPagesWithoutJavaScript: with JavaScript off, every page shows its
// pre-rendered content and the <noscript> message, not go-app's loading
// screen (which covers the page and never goes away without scripts).
// Truth: the noscript message of internal/site/page.go and the
// @media (scripting: none) rule of web/style.css.
func TestPagesWithoutJavaScript(t *testing.T) {
	noJS := chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	})
	tt := newTab(t, noJS)
	for _, p := range []string{"/", "/spectrum", "/paths", "/doubledescent", "/no-such-page"} {
		tt.do("opening "+p+" without JavaScript", chromedp.Navigate(pageURL(p)))
		tt.waitFor("the page to load", `document.readyState === 'complete'`, pageLoadTimeout)
		visible := func(sel string) bool {
			return eval[bool](tt, `(() => { const e = document.querySelector('`+sel+`'); if (!e) return false;
				const r = e.getBoundingClientRect(); return getComputedStyle(e).display !== 'none' && r.width > 0 && r.height > 0 })()`)
		}
		if !visible(".noscript") {
			t.Errorf("%s: the <noscript> message is not shown", p)
		}
		if visible("#app-wasm-loader") {
			t.Errorf("%s: go-app's loading screen covers the page", p)
		}
		if !visible("main h1") {
			t.Errorf("%s: the pre-rendered heading is not shown", p)
		}
	}
}
