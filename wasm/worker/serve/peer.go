//go:build js && wasm

package serve

import (
	"syscall/js"
	"unsafe"
)

// portPeer is a job.Peer over a MessagePort: the channel between the lead
// and a helper of a sharded probe, made by the page (app/pool's Linker).
// Vectors travel as ArrayBuffers of float64s, transferred, so they never
// pass through the page and are not copied by the browser.
//
// Recv blocks the handler's goroutine until the port's next message, which
// the message handler hands over on a channel; Go's scheduler yields to the
// browser's event loop meanwhile. If the other worker dies, the page
// terminates this one too (app/pool's groups), so Recv need not time out.
type portPeer struct {
	port js.Value
	in   chan js.Value
	on   js.Func
}

// peers wraps the transferred ports of one request and starts them.
func peers(ports js.Value) []*portPeer {
	if ports.Type() != js.TypeObject {
		return nil
	}
	ps := make([]*portPeer, ports.Length())
	for i := range ps {
		p := &portPeer{port: ports.Index(i), in: make(chan js.Value, 64)}
		p.on = js.FuncOf(func(_ js.Value, args []js.Value) any {
			// The lead and a helper alternate, so at most two messages
			// wait here; a send must not block inside a JS callback.
			select {
			case p.in <- args[0].Get("data"):
			default:
			}
			return nil
		})
		p.port.Set("onmessage", p.on)
		ps[i] = p
	}
	return ps
}

// release detaches the handlers of ps.
func release(ps []*portPeer) {
	for _, p := range ps {
		p.port.Set("onmessage", js.Null())
		p.on.Release()
	}
}

// Send posts a copy of v as an ArrayBuffer of float64s, transferring it.
func (p *portPeer) Send(v []float64) error {
	buf := arrayBuffer(v)
	p.port.Call("postMessage", buf, []any{buf})
	return nil
}

// Recv waits for the next ArrayBuffer and returns its float64s. Anything
// else (never sent by a peer) makes the handler panic, which Handle turns
// into an error.
func (p *portPeer) Recv() ([]float64, error) {
	return float64s(<-p.in), nil
}

// arrayBuffer returns a new ArrayBuffer holding a copy of v's float64s.
// WebAssembly is little-endian, like Float64Array on every browser.
func arrayBuffer(v []float64) js.Value {
	bytes := js.Global().Get("Uint8Array").New(8 * len(v))
	js.CopyBytesToJS(bytes, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 8*len(v)))
	return bytes.Get("buffer")
}

// float64s returns a copy of the float64s of the ArrayBuffer buf.
func float64s(buf js.Value) []float64 {
	bytes := js.Global().Get("Uint8Array").New(buf)
	v := make([]float64, bytes.Length()/8)
	js.CopyBytesToGo(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(v))), 8*len(v)), bytes)
	return v
}
