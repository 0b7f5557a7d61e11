//go:build js && wasm

// Package serve is the body of Overparam's compute workers: each worker
// module (wasm/worker/<family>, built as web/worker-<family>.wasm) registers
// the request kinds of its experiment family and calls Main; web/
// compute-worker.js runs it inside a dedicated Web Worker. It is glue
// only: each request body from the page goes to compute/job.Handle, and
// whatever Handle posts goes back to the page as {type, body}, with a
// result's float64 data (a spectrum's trained θ) as an ArrayBuffer in
// {data}, transferred. The ArrayBuffer that comes with a request becomes its
// job.Env.Data, and the MessagePorts transferred with it (a sharded probe's
// channels between workers) its job.Env.Peers (peer.go). Requests run
// one at a time on one goroutine, so Handle may block, for example on
// Env.Digits, which awaits the browser's fetch through a channel.
//
// At startup the worker switches compute/kernel to the WebAssembly SIMD
// kernel of wasm/simd when the browser can compile it, and otherwise keeps
// the pure-Go kernel; both give the same bits. Its "ready" message names the
// kernel in use: {"kernel": "simd"} or {"kernel": "purego"}.
package serve

import (
	"errors"
	"fmt"
	"sync"
	"syscall/js"

	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/wasm/simd"
)

// digitsPath is the MNIST digits asset, relative to the worker script.
const digitsPath = "data/digits.bin.gz"

// Main serves requests forever; register registers the worker's request
// kinds (spectrumrun.RegisterJobs, …).
func Main(register ...func()) {
	for _, r := range register {
		r()
	}
	useSIMD()
	type request struct {
		body  []byte
		data  []float64
		peers []*portPeer
	}
	requests := make(chan request, 4)
	listen := js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) == 0 || args[0].Type() != js.TypeString {
			return nil
		}
		r := request{body: []byte(args[0].String())}
		if len(args) > 1 {
			r.peers = peers(args[1]) // listen at once: a peer may already be sending
		}
		if len(args) > 2 && args[2].InstanceOf(js.Global().Get("ArrayBuffer")) {
			r.data = float64s(args[2])
		}
		// The page sends one job at a time, so the buffer never fills; a
		// send must not block inside a JS callback.
		select {
		case requests <- r:
		default:
			release(r.peers)
			post("error", []byte(`{"error":"worker: a request arrived while another was running"}`), nil)
		}
		return nil
	})
	digits := (&cache{url: resolve(digitsPath)}).digits
	go func() {
		for r := range requests {
			env := job.Env{Digits: digits, Data: r.data}
			for _, p := range r.peers {
				env.Peers = append(env.Peers, p)
			}
			job.Handle(r.body, env, post)
			release(r.peers)
		}
	}()
	js.Global().Call("overparamListen", listen)
	post("ready", []byte(`{"kernel":"`+kernel.Current().String()+`"}`), nil)
	select {}
}

// useSIMD selects the SIMD kernel if this browser can run it. Otherwise it
// says why on the console and leaves the pure-Go kernel in use.
func useSIMD() {
	if err := simd.Register(); err != nil {
		js.Global().Get("console").Call("info", "overparam worker: using the pure-Go kernel: "+err.Error())
		return
	}
	kernel.Use(kernel.SIMD)
}

// post sends {type: typ, body} to the page, and data, if any, as an
// ArrayBuffer in {data}, transferred: the page forwards it without reading
// it.
func post(typ string, body []byte, data []float64) {
	msg := map[string]any{"type": typ, "body": string(body)}
	if data == nil {
		js.Global().Call("postMessage", msg)
		return
	}
	buf := arrayBuffer(data)
	msg["data"] = buf
	js.Global().Call("postMessage", msg, []any{buf})
}

// resolve returns path resolved against the worker script's URL.
func resolve(path string) string {
	base := js.Global().Get("location").Get("href")
	return js.Global().Get("URL").New(path, base).Get("href").String()
}

// cache fetches one asset on first use and keeps its bytes. A failed fetch
// is not cached, so the next job tries again.
type cache struct {
	url  string
	mu   sync.Mutex
	data []byte
}

// digits returns the asset's bytes; callers share them and must not modify
// them.
func (c *cache) digits() ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.data != nil {
		return c.data, nil
	}
	data, err := fetch(c.url)
	if err != nil {
		return nil, fmt.Errorf("worker: loading %s: %w", c.url, err)
	}
	c.data = data
	return data, nil
}

// fetch GETs url with the browser's fetch API and returns the body.
func fetch(url string) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", url))
	if err != nil {
		return nil, err
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("HTTP %d %s", resp.Get("status").Int(), resp.Get("statusText").String())
	}
	buf, err := await(resp.Call("arrayBuffer"))
	if err != nil {
		return nil, err
	}
	bytes := js.Global().Get("Uint8Array").New(buf)
	data := make([]byte, bytes.Length())
	js.CopyBytesToGo(data, bytes)
	return data, nil
}

// await blocks the calling goroutine, which must not be running a JS
// callback, until promise settles, and returns its value or its rejection.
func await(promise js.Value) (js.Value, error) {
	type settled struct {
		v   js.Value
		err error
	}
	done := make(chan settled, 1)
	onOK := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- settled{v: args[0]}
		return nil
	})
	defer onOK.Release()
	onErr := js.FuncOf(func(_ js.Value, args []js.Value) any {
		reason := js.Global().Get("String").Invoke(args[0]).String()
		done <- settled{err: errors.New(reason)}
		return nil
	})
	defer onErr.Release()
	promise.Call("then", onOK, onErr)
	s := <-done
	return s.v, s.err
}
