//go:build js && wasm

package simd

import (
	"errors"
	"syscall/js"
)

// goMemory returns the WebAssembly.Memory of this Go program, which the
// kernel module imports so that it works on Go's slices in place.
//
// Go's instance exports its memory as mem, and wasm_exec.js keeps the
// instance in the Go object that runs the program (go._inst), but syscall/js
// gives Go no handle on that object, and neither the browser bootstrap nor
// node's wasm_exec_node.js stores it in a global. Every js.FuncOf, however,
// calls the Go object's _makeFuncWrapper method: for the length of one
// FuncOf, goMemory replaces that method on Go.prototype (wasm_exec.js
// defines the class as globalThis.Go) with a Go function that records its
// `this` and forwards to the original. The same code then works in a Web
// Worker, on a page and under node, with no change to any bootstrap script.
//
// It relies on three names of wasm_exec.js — the global Go class, its
// _makeFuncWrapper method and the _inst field — which have been stable
// since Go 1.12 and which the file shipped with each Go release keeps in
// step with that release's runtime. If one of them is missing, goMemory
// returns an error and the pure-Go kernel stays in use.
func goMemory() (js.Value, error) {
	class := js.Global().Get("Go")
	if class.Type() != js.TypeFunction {
		return js.Value{}, errors.New("simd: no global Go class (wasm_exec.js) to find the Go program's memory through")
	}
	proto := class.Get("prototype")
	orig := proto.Get("_makeFuncWrapper")
	if orig.Type() != js.TypeFunction {
		return js.Value{}, errors.New("simd: wasm_exec.js has no Go.prototype._makeFuncWrapper")
	}
	var self js.Value
	spy := js.FuncOf(func(this js.Value, args []js.Value) any {
		self = this
		fwd := []any{this}
		for _, arg := range args {
			fwd = append(fwd, arg)
		}
		return orig.Call("call", fwd...)
	})
	proto.Set("_makeFuncWrapper", spy)
	probe := js.FuncOf(func(js.Value, []js.Value) any { return nil })
	proto.Set("_makeFuncWrapper", orig)
	probe.Release()
	spy.Release()

	if self.Type() != js.TypeObject {
		return js.Value{}, errors.New("simd: could not find the Go object of wasm_exec.js")
	}
	inst := self.Get("_inst")
	if inst.Type() != js.TypeObject || inst.Get("exports").Type() != js.TypeObject {
		return js.Value{}, errors.New("simd: the Go object of wasm_exec.js holds no instance (_inst)")
	}
	mem := inst.Get("exports").Get("mem")
	if !mem.InstanceOf(js.Global().Get("WebAssembly").Get("Memory")) {
		return js.Value{}, errors.New("simd: the Go instance exports no WebAssembly.Memory named mem")
	}
	return mem, nil
}
