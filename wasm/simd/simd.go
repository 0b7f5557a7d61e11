//go:build js && wasm

// Package simd runs compute/kernel's matrix products in a small WebAssembly
// module written with f64x2 SIMD instructions (web/kernels/kernels.wat),
// next to the Go program, in browsers and under node.
//
// Go's js/wasm port emits no SIMD instructions, so the products the network
// code spends its time in run at scalar speed in the browser. The kernel
// module is instantiated on the Go program's own linear memory (it imports
// it as env.mem), so Go passes the byte addresses of its float64 slices and
// nothing is copied. One call into the module costs about 0.2 µs, so each
// MulAddTo is one call, and products smaller than MinWork multiply-adds stay
// in pure Go.
//
// The module keeps compute/kernel's summation-order contract: each f64x2
// lane computes one element of C, adding the products for p ascending with
// separate multiplies and adds. Its results are bit-identical to the pure-Go
// kernel's, and so to gonum's natively.
//
// Register, called once at startup (wasm/worker's main does), compiles the
// module; when the engine lacks WebAssembly SIMD, compiling fails and
// Register returns the error, leaving the pure-Go kernel in use.
//
// This package is for js/wasm only: compute/ stays free of syscall/js, and
// this package reaches it only through kernel.Register.
package simd

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"syscall/js"
	"unsafe"

	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/web/kernels"
)

// MinWork is the product size, in multiply-adds m·k·n, below which products
// stay in the pure-Go kernel, where the fixed cost of a call into the module
// (about 0.2 µs) would exceed the arithmetic it saves. Under node the module
// draws level with pure Go at 4×4×4 (64) and is 2.5 times faster at 8×8×8
// (512); see BenchmarkSmallProducts.
const MinWork = 256

var (
	once    sync.Once
	loadErr error
	muladd  js.Value // the module's exported muladd
	calls   int      // products the module has computed (read by tests)
)

// Register instantiates the kernel module on the Go program's memory and
// registers it with compute/kernel as kernel.SIMD, without selecting it:
// call kernel.Use(kernel.SIMD) to use it. It returns an error, and registers
// nothing, if the JavaScript engine cannot compile the module (no
// WebAssembly SIMD) or if the Go program's memory cannot be found. Later
// calls return the first call's result.
func Register() error {
	once.Do(func() {
		muladd, loadErr = load()
		if loadErr == nil {
			kernel.Register(kernel.SIMD, mulAdd, MinWork)
		}
	})
	return loadErr
}

// load compiles and instantiates the module with the Go program's memory as
// its import env.mem, and returns its muladd export.
func load() (fn js.Value, err error) {
	defer func() {
		// A JavaScript exception (a CompileError, a LinkError) surfaces as
		// a panic of type js.Error; an unexpected JavaScript value as a
		// *js.ValueError.
		switch r := recover().(type) {
		case nil:
		case js.Error:
			err = fmt.Errorf("simd: the kernel module cannot run here: %s", js.Global().Get("String").Invoke(r.Value).String())
		case *js.ValueError:
			err = fmt.Errorf("simd: %w", r)
		default:
			panic(r)
		}
	}()
	wasm := js.Global().Get("WebAssembly")
	if wasm.Type() != js.TypeObject {
		return js.Value{}, errors.New("simd: this JavaScript engine has no WebAssembly")
	}
	mem, err := goMemory()
	if err != nil {
		return js.Value{}, err
	}
	code := js.Global().Get("Uint8Array").New(len(kernels.Wasm))
	js.CopyBytesToJS(code, kernels.Wasm)
	// Compiling validates the module: an engine without SIMD throws a
	// CompileError here. The module is 1.5 kB, so compiling synchronously
	// is allowed on every thread.
	module := wasm.Get("Module").New(code)
	imports := map[string]any{"env": map[string]any{"mem": mem}}
	instance := wasm.Get("Instance").New(module, js.ValueOf(imports))
	fn = instance.Get("exports").Get("muladd")
	if fn.Type() != js.TypeFunction {
		return js.Value{}, errors.New("simd: the kernel module exports no muladd function")
	}
	return fn, nil
}

// maxAddr bounds the byte addresses the module can take: its i32 arguments.
const maxAddr = 1 << 32

// mulAdd is the kernel.MulAddFunc of the module: C += A·B in one call. It
// checks its arguments, because the module trusts them: the shapes match
// the slices, every byte range fits in 32-bit addresses, and C overlaps
// neither A nor B (the module writes C while it reads them).
func mulAdd(c, a, b []float64, m, k, n int) {
	if m <= 0 || k <= 0 || n <= 0 || len(c) != m*n || len(a) != m*k || len(b) != k*n {
		panic("simd: shapes do not match the slices")
	}
	pc, pa, pb := address(c), address(a), address(b)
	ec, ea, eb := pc+8*len(c), pa+8*len(a), pb+8*len(b)
	if ec > maxAddr || ea > maxAddr || eb > maxAddr {
		panic("simd: a slice lies beyond 32-bit addresses")
	}
	if pc < ea && pa < ec || pc < eb && pb < ec {
		panic("simd: C overlaps A or B")
	}
	// The module reads and writes the slices by address only, so they must
	// stay where they are until it returns. Heap objects never move in Go,
	// and these are on the heap: compute/kernel calls mulAdd through a
	// function value, so escape analysis moves every slice passed to its
	// products to the heap (a stack array could move when the stack grows).
	// KeepAlive stops the collector from freeing them during the call.
	muladd.Invoke(pc, pa, pb, m, k, n)
	calls++
	runtime.KeepAlive(c)
	runtime.KeepAlive(a)
	runtime.KeepAlive(b)
}

// address returns the byte address of s's first element in the Go
// program's linear memory, which is what js/wasm pointers are.
func address(s []float64) int {
	return int(uintptr(unsafe.Pointer(unsafe.SliceData(s))))
}
