package e2e

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// tab is one browser tab in a browser context of its own (its own cache,
// service worker and downloads), with a journal of what the page did: the
// console errors and uncaught exceptions, every network request, and every
// JavaScript dialog (which it dismisses).
type tab struct {
	tb  testing.TB
	ctx context.Context

	mu       sync.Mutex
	errors   []string // console.error calls, uncaught exceptions, browser log errors
	requests []string // URLs of network.EventRequestWillBeSent
	dialogs  []string // messages of JavaScript dialogs

	marks chan string // the journal marks (journalMark) the console delivered
	nmark int         // marks written so far
}

// journalMark starts the text of a console.debug message that sync writes
// to learn that the console journal is up to date.
const journalMark = "overparam-e2e-journal-mark-"

// tabSetup is a step run on the new tab before any page loads, such as
// emulating a device or injecting a script.
type tabSetup = chromedp.Action[chromedp.Void]

// newTab opens a blank tab in a fresh browser context and starts its
// journal; the test's cleanup closes it.
func newTab(tb testing.TB, setup ...tabSetup) *tab {
	tb.Helper()
	requireEnv(tb)
	limited, cancelLimit := context.WithTimeout(env.browser, tabTimeout)
	ctx, cancel := chromedp.NewContext(limited, chromedp.WithNewBrowserContext())
	tb.Cleanup(func() { cancel(); cancelLimit() })
	tt := &tab{tb: tb, ctx: ctx, marks: make(chan string, 16)}

	// Subscribe before anything loads; each subscription opens the tab if
	// it is not open yet. The requests are recorded as their events
	// arrive, before the reply to any later command (chromedp.Listen).
	console := chromedp.Console(ctx)
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*network.EventRequestWillBeSent); ok {
			tt.note(&tt.requests, e.Request.URL)
		}
	}); err != nil {
		tb.Fatalf("opening the tab: %v", err)
	}
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleDebug && strings.HasPrefix(m.Text, journalMark) {
				select {
				case tt.marks <- m.Text:
				default:
				}
				continue
			}
			if m.Type == chromedp.ConsoleError || m.IsException() {
				tt.note(&tt.errors, fmt.Sprintf("%s (at %s:%d)", m, m.URL, m.Line+1))
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tt.note(&tt.dialogs, fmt.Sprintf("%s: %q", ev.Type, ev.Message))
			chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	if err := chromedp.Do(ctx, setup...); err != nil {
		tb.Fatalf("setting up the tab: %v", err)
	}
	return tt
}

func (tt *tab) note(list *[]string, s string) {
	tt.mu.Lock()
	defer tt.mu.Unlock()
	*list = append(*list, s)
}

// journal returns copies of the errors, requests and dialogs so far.
func (tt *tab) journal() (errs, reqs, dialogs []string) {
	tt.sync()
	tt.mu.Lock()
	defer tt.mu.Unlock()
	return append([]string(nil), tt.errors...), append([]string(nil), tt.requests...), append([]string(nil), tt.dialogs...)
}

// sync returns once the journal holds everything the page did before the
// call: it writes a mark to the console and waits until the console's
// events deliver it, in order after every earlier console message. The
// requests are recorded before the reply to the command that writes the
// mark, and a dialog blocks the page until it is recorded and dismissed.
// A page that cannot run the mark (it is navigating away) is logged.
func (tt *tab) sync() {
	tt.tb.Helper()
	tt.nmark++
	mark := fmt.Sprintf("%s%d", journalMark, tt.nmark)
	if _, err := chromedp.Run(tt.ctx, chromedp.Evaluate[bool](fmt.Sprintf(`(console.debug(%q), true)`, mark))); err != nil {
		tt.tb.Logf("writing the journal's mark: %v; the journal may miss the last events", err)
		return
	}
	hang := time.NewTimer(pageLoadTimeout) // a guard against a hang only
	defer hang.Stop()
	for {
		select {
		case m := <-tt.marks:
			if m == mark {
				return
			}
		case <-hang.C:
			tt.tb.Errorf("the console did not deliver the journal's mark %q within %v", mark, pageLoadTimeout)
			return
		}
	}
}

// script injects JavaScript that runs before any script of every page the
// tab loads.
func script(source string) tabSetup {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: source})
		return err
	})
}

// do runs steps on the tab, failing the test on an error.
func (tt *tab) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	tt.tb.Helper()
	if err := chromedp.Do(tt.ctx, steps...); err != nil {
		tt.tb.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](tt *tab, expr string) T {
	tt.tb.Helper()
	v, err := chromedp.Run(tt.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		tt.tb.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// open loads a site path and waits until the wasm app has started (go-app
// removes its loader once the Go program runs and has mounted the page).
func (tt *tab) open(path string) {
	tt.tb.Helper()
	tt.do("opening "+path, chromedp.Navigate(pageURL(path)))
	tt.waitFor("the app to start on "+path, `!document.getElementById('app-wasm-loader')`, pageLoadTimeout)
}

// waitFor polls a JavaScript condition every 50 ms until it is true. It
// tolerates evaluation errors, as a navigation can replace the document.
func (tt *tab) waitFor(what, cond string, timeout time.Duration) {
	tt.tb.Helper()
	if err := tt.poll(cond, timeout); err != nil {
		tt.tb.Fatalf("waiting for %s: %v (run status %q, message %q)", what, err, tt.status(), tt.failure())
	}
}

func (tt *tab) poll(cond string, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	var last error
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(tt.ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return nil
		}
		if tt.ctx.Err() != nil {
			return tt.ctx.Err()
		}
		last = err
		time.Sleep(50 * time.Millisecond)
	}
	if last != nil {
		return fmt.Errorf("not true after %v; last error: %v", timeout, last)
	}
	return fmt.Errorf("not true after %v", timeout)
}

// status is the run status (#run-status's data-status), or "" if absent.
func (tt *tab) status() string {
	s, _ := chromedp.Run(tt.ctx, chromedp.Evaluate[string](`document.querySelector('#run-status')?.dataset.status ?? ''`))
	return s
}

// failure is the message of a failed run, or "".
func (tt *tab) failure() string {
	s, _ := chromedp.Run(tt.ctx, chromedp.Evaluate[string](`document.querySelector('#run-status .error')?.textContent ?? ''`))
	return s
}

// waitStatus waits until the run status is want. Waiting for done fails at
// once when the run fails instead.
func (tt *tab) waitStatus(want string, timeout time.Duration) {
	tt.tb.Helper()
	cond := fmt.Sprintf(`document.querySelector('#run-status')?.dataset.status === %q`, want)
	if want == "done" {
		cond = `['done','failed'].includes(document.querySelector('#run-status')?.dataset.status)`
	}
	tt.waitFor("run status "+want, cond, timeout)
	if got := tt.status(); got != want {
		tt.tb.Fatalf("run status is %q, want %q; message: %q", got, want, tt.failure())
	}
}

// click clicks the element with a real mouse event, once it is visible.
func (tt *tab) click(sel string) {
	tt.tb.Helper()
	tt.do("clicking "+sel, chromedp.Click(chromedp.CSS(sel)))
}

// setControl sets control f-<key> as a person would: a new value, then a
// change event as the focus leaves it.
func (tt *tab) setControl(key, value string) {
	tt.tb.Helper()
	js := fmt.Sprintf(`(() => { const e = document.getElementById(%q); e.value = %q;
		e.dispatchEvent(new Event('change', {bubbles: true})); return true })()`, "f-"+key, value)
	eval[bool](tt, js)
}

// workerRequests lists what the tab's live workers (the compute workers
// and go-app's service worker) fetched. Their requests do not reach the
// page's network events, so it reads each worker's resource timing
// entries, which cover everything the worker fetched since it started. A
// worker already terminated (such as one replaced after a cancel) is
// missed; its replacement fetches the same files.
func (tt *tab) workerRequests(tb testing.TB) []string {
	var urls []string
	for _, in := range tt.targets(tb, "worker", "service_worker", "shared_worker") {
		// Detach on cancel: closing a worker's target would terminate it.
		wctx, cancel := chromedp.NewContext(tt.ctx, chromedp.WithTargetID(in.TargetID), chromedp.WithDetachOnCancel())
		names, err := chromedp.Run(wctx, chromedp.Evaluate[[]string](`performance.getEntriesByType('resource').map(e => e.name)`))
		cancel()
		if err != nil {
			tb.Logf("reading the requests of %s %s: %v", in.Type, in.URL, err)
			continue
		}
		// A worker's target lists the script it was made from; a target
		// listed while the worker is being created has no URL yet (not a
		// request). The requests it made are its resource entries.
		if in.URL != "" {
			urls = append(urls, in.URL)
		}
		urls = append(urls, names...)
	}
	return urls
}

// targets lists the targets of the given types ("worker", "page" …) in
// the tab's browser context.
func (tt *tab) targets(tb testing.TB, types ...string) []*target.Info {
	infos, err := chromedp.Targets(tt.ctx)
	if err != nil {
		tb.Errorf("listing the targets: %v", err)
		return nil
	}
	mine := chromedp.FromContext(tt.ctx).BrowserContextID
	var found []*target.Info
	for _, in := range infos {
		if in.BrowserContextID == mine && slices.Contains(types, in.Type) {
			found = append(found, in)
		}
	}
	return found
}

// checkClean runs the two checks every scenario ends with: the console
// shows no error and no uncaught exception (and no dialog opened), and no
// request left this machine.
func (tt *tab) checkClean(t *testing.T) {
	errs, reqs, dialogs := tt.journal()
	reqs = append(reqs, tt.workerRequests(t)...)
	t.Run("console has no errors or uncaught exceptions", func(t *testing.T) {
		if len(errs) > 0 {
			t.Errorf("%d console errors or exceptions:\n  %s", len(errs), strings.Join(errs, "\n  "))
		}
		if len(dialogs) > 0 {
			t.Errorf("JavaScript dialogs opened: %s", strings.Join(dialogs, "; "))
		}
	})
	t.Run("no request leaves localhost", func(t *testing.T) {
		var foreign []string
		for _, u := range reqs {
			if !isLocal(u) {
				foreign = append(foreign, u)
			}
		}
		if len(foreign) > 0 {
			t.Errorf("%d of %d requests left localhost:\n  %s", len(foreign), len(reqs), strings.Join(foreign, "\n  "))
		}
		if len(reqs) == 0 {
			t.Errorf("no request was recorded at all; the journal is broken")
		}
		t.Logf("%d requests, all local", len(reqs))
	})
}

// clickRun clicks an element that starts a run (Run, a preset) and waits
// until that new run has finished: the status's data-run id must change
// first, so a finished earlier run is never mistaken for it.
func (tt *tab) clickRun(sel string) {
	tt.tb.Helper()
	before := eval[string](tt, `document.querySelector('#run-status')?.dataset.run ?? ''`)
	tt.click(sel)
	tt.waitFor("a new run after clicking "+sel, fmt.Sprintf(`(document.querySelector('#run-status')?.dataset.run ?? '') !== %q`, before), pageLoadTimeout)
	tt.waitStatus("done", runTimeout)
}
