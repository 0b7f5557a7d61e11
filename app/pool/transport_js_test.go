//go:build js && wasm

package pool

import (
	"strings"
	"syscall/js"
	"testing"
	"time"
)

// fakeWorkerJS is a stand-in for the browser's Worker constructor, installed
// on globalThis while a test runs under node. Every instance is recorded in
// globalThis.fakeWorkers with its url, options, posted messages and whether
// it was terminated; a test fires events by calling its onmessage/onerror.
const fakeWorkerJS = `(() => {
	globalThis.fakeWorkers = [];
	globalThis.Worker = function (url, opts) {
		this.url = url;
		this.name = opts && opts.name;
		this.posted = [];
		this.terminated = false;
		this.postMessage = (m) => { this.posted.push(m); };
		this.terminate = () => { this.terminated = true; };
		globalThis.fakeWorkers.push(this);
	};
})()`

// withFakeWorker installs fakeWorkerJS for the duration of the test.
func withFakeWorker(t *testing.T) {
	t.Helper()
	g := js.Global()
	saved := g.Get("Worker")
	g.Call("eval", fakeWorkerJS)
	t.Cleanup(func() {
		g.Set("Worker", saved)
		g.Delete("fakeWorkers")
	})
}

// fire calls the worker's handler named on (onmessage or onerror) with an
// event object built from props.
func fire(w js.Value, on string, props map[string]any) {
	w.Call(on, js.ValueOf(props))
}

func TestWebTransportSpawnsPostsAndTerminatesWebWorkers(t *testing.T) {
	withFakeWorker(t)
	p := New(NewWebTransport("web/compute-worker.js", "worker-spectrum.wasm"), 2)
	_, la := submit(p, `{"spec":1}`)
	ws := js.Global().Get("fakeWorkers")
	if ws.Length() != 1 {
		t.Fatalf("spawned %d Web Workers, want 1", ws.Length())
	}
	w := ws.Index(0)
	if w.Get("url").String() != "web/compute-worker.js" || w.Get("name").String() != "worker-spectrum.wasm#0" {
		t.Errorf("new Worker(%v, {name: %v}), want the script URL and a numbered name", w.Get("url"), w.Get("name"))
	}
	fire(w, "onmessage", map[string]any{"data": map[string]any{"type": "ready", "body": "{}"}})
	if n := w.Get("posted").Length(); n != 1 {
		t.Fatalf("posted %d messages after ready, want 1", n)
	}
	if got := w.Get("posted").Index(0).Get("body").String(); got != `{"spec":1}` {
		t.Errorf("posted body %q, want the request text", got)
	}
	fire(w, "onmessage", map[string]any{"data": "not an object"})
	fire(w, "onmessage", map[string]any{"data": map[string]any{"type": 7}})
	fire(w, "onmessage", map[string]any{"data": map[string]any{"type": "progress", "body": `{"step":3}`}})
	fire(w, "onmessage", map[string]any{"data": map[string]any{"type": "result", "body": `{"done":true}`}})
	if got := la.types(); got != "progress result" || la.last().body != `{"done":true}` {
		t.Fatalf("job received %q ending %v, want progress then the result body", got, la.last())
	}

	b, lb := submit(p, "b")
	b.Cancel()
	onmessage := w.Get("onmessage")
	if !w.Get("terminated").Bool() || !onmessage.IsNull() || !w.Get("onerror").IsNull() {
		t.Errorf("Cancel left terminated=%v onmessage=%v; want a terminated worker with no handlers", w.Get("terminated"), onmessage)
	}
	if lb.types() != "canceled" {
		t.Errorf("canceled job received %q", lb.types())
	}

	_, lc := submit(p, "c")
	w2 := ws.Index(ws.Length() - 1)
	fire(w2, "onerror", map[string]any{})
	if e := lc.last(); e.typ != MsgError || !strings.Contains(errorText(e.body), "failed to load") {
		t.Errorf("a worker error event without a message gave %v, want an error naming the load failure", e)
	}
}

func TestWebTransportReportsAMissingWorkerConstructorAsynchronously(t *testing.T) {
	g := js.Global()
	saved := g.Get("Worker")
	g.Set("Worker", js.Undefined())
	defer g.Set("Worker", saved)

	done := make(chan event, 1)
	New(NewWebTransport("w.js", "worker-spectrum.wasm"), 1).Submit("a", nil, func(typ, body string, _ any) {
		if isTerminal(typ) {
			done <- event{typ, body}
		}
	})
	select {
	case e := <-done:
		if e.typ != MsgError || !strings.Contains(errorText(e.body), "no Web Workers") {
			t.Errorf("got %v, want an error saying there are no Web Workers", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the job never ended")
	}
}
