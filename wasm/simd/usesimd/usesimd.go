//go:build js && wasm

// Package usesimd, imported for its side effect, registers the SIMD kernel
// and selects it before any test runs, and panics if it cannot. It lets
// the whole compute test suite run with kernel.SIMD: tools/simdoverlay adds
// an import of it to every compute test binary through a build overlay, so
// no compute package depends on syscall/js, not even in its tests.
package usesimd

import (
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/wasm/simd"
)

func init() {
	if err := simd.Register(); err != nil {
		panic("usesimd: " + err.Error())
	}
	kernel.Use(kernel.SIMD)
}
