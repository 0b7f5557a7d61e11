//go:build js && wasm

package pool

import (
	"fmt"
	"syscall/js"
)

// NewWebTransport returns the browser's Transport: each worker is a
// dedicated Web Worker created with new Worker(scriptURL, {name}), named
// "<module>#<index>" so the bootstrap script loads the Go module named
// module (e.g. "worker-spectrum.wasm") next to it, where scriptURL
// is resolved by the browser against the page's base URL (for example
// "web/compute-worker.js"). Message events are passed to the pool with
// event.data.type and event.data.body read as strings, unparsed, and
// event.data.data, an ArrayBuffer, as a js.Value that is never copied into
// Go; error events with event.message.
//
// The pool's callbacks, and so the callbacks given to Submit, run inside
// the browser's event handlers: they must return promptly and never block
// (hand work to the UI with go-app's ctx.Dispatch).
func NewWebTransport(scriptURL, module string) Transport {
	return webTransport{url: scriptURL, module: module}
}

// webTransport implements Transport with Web Workers.
type webTransport struct {
	url, module string
}

// webWorker is one Web Worker and the Go functions installed as its event
// handlers, which Terminate releases.
type webWorker struct {
	w                  js.Value // the Worker, or undefined if it could not be created
	onMessage, onError js.Func
	terminated         bool
}

// Spawn creates the Web Worker. If the browser refuses (no Worker
// constructor, or a security error), the failure is reported to onError
// from a new goroutine, after Spawn has returned, as the Transport contract
// requires.
func (t webTransport) Spawn(index int, onMessage func(typ, body string, data any), onError func(msg string)) Worker {
	ww := &webWorker{}
	w, err := newWorker(t.url, fmt.Sprintf("%s#%d", t.module, index))
	if err != nil {
		go onError(err.Error())
		return ww
	}
	ww.w = w
	ww.onMessage = js.FuncOf(func(_ js.Value, args []js.Value) any {
		if typ, body, ok := messageData(args); ok {
			onMessage(typ, body, payload(args))
		}
		return nil
	})
	ww.onError = js.FuncOf(func(_ js.Value, args []js.Value) any {
		onError(errorMessage(args, t.url))
		return nil
	})
	w.Set("onmessage", ww.onMessage)
	w.Set("onerror", ww.onError)
	return ww
}

// newWorker calls new Worker(url, {name}), turning a thrown JS exception
// (which syscall/js raises as a panic) into an error.
func newWorker(url, name string) (w js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot create a Web Worker for %s: %v", url, r)
		}
	}()
	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		return js.Undefined(), fmt.Errorf("this browser has no Web Workers")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("name", name)
	return ctor.New(url, opts), nil
}

// messageData reads event.data.type and event.data.body from a message
// event's arguments. A message without a string type is not ours: ok is
// false. A missing or non-string body reads as "".
func messageData(args []js.Value) (typ, body string, ok bool) {
	if len(args) == 0 || args[0].Type() != js.TypeObject {
		return "", "", false
	}
	data := args[0].Get("data")
	if data.Type() != js.TypeObject {
		return "", "", false
	}
	t, b := data.Get("type"), data.Get("body")
	if t.Type() != js.TypeString {
		return "", "", false
	}
	if b.Type() == js.TypeString {
		body = b.String()
	}
	return t.String(), body, true
}

// payload returns event.data.data, the message's binary payload, if it is
// an ArrayBuffer, else nil.
func payload(args []js.Value) any {
	d := args[0].Get("data").Get("data")
	if d.Type() == js.TypeObject && d.InstanceOf(js.Global().Get("ArrayBuffer")) {
		return d
	}
	return nil
}

// errorMessage reads event.message from an error event's arguments. A
// worker whose script fails to load gets a plain Event without a message,
// so that case is named explicitly.
func errorMessage(args []js.Value, url string) string {
	if len(args) > 0 && args[0].Type() == js.TypeObject {
		if m := args[0].Get("message"); m.Type() == js.TypeString && m.String() != "" {
			return m.String()
		}
	}
	return "the worker script " + url + " failed to load or start"
}

// Post sends {body, data} to the worker, transferring ports, which the
// worker reads as event.ports. data, a js.Value from a message's payload,
// is structured-cloned: the browser copies the ArrayBuffer, without Go.
func (ww *webWorker) Post(body string, data any, ports []any) {
	if ww.terminated || ww.w.IsUndefined() {
		return
	}
	msg := js.Global().Get("Object").New()
	msg.Set("body", body)
	if v, ok := data.(js.Value); ok {
		msg.Set("data", v)
	}
	if len(ports) == 0 {
		ww.w.Call("postMessage", msg)
		return
	}
	ww.w.Call("postMessage", msg, ports)
}

// Link creates a MessageChannel and returns its two ports, through which
// two workers exchange messages without passing through the page.
func (webTransport) Link() (a, b any) {
	ch := js.Global().Get("MessageChannel").New()
	return ch.Get("port1"), ch.Get("port2")
}

// Terminate detaches the event handlers, so that no event already queued
// can call a released function, then terminates the worker and releases
// the handlers. It is idempotent.
func (ww *webWorker) Terminate() {
	if ww.terminated {
		return
	}
	ww.terminated = true
	if ww.w.IsUndefined() {
		return
	}
	ww.w.Set("onmessage", js.Null())
	ww.w.Set("onerror", js.Null())
	ww.w.Call("terminate")
	ww.onMessage.Release()
	ww.onError.Release()
}

// platformConcurrency returns navigator.hardwareConcurrency, or 2 where the
// browser does not report it. DefaultSize caps it.
func platformConcurrency() int {
	n := js.Global().Get("navigator")
	if n.Type() != js.TypeObject {
		return 2
	}
	if c := n.Get("hardwareConcurrency"); c.Type() == js.TypeNumber && c.Int() > 0 {
		return c.Int()
	}
	return 2
}
