// Package kernels holds Overparam's WebAssembly SIMD kernel module:
// kernels.wat, its source in WebAssembly text, and kernels.wasm, the binary
// that wabt's wat2wasm builds from it (`make kernels`). Package wasm/simd
// instantiates the binary next to the Go program, on the Go program's own
// linear memory, and registers it with compute/kernel.
//
// kernels.wat.sha256 records the SHA-256 of the source the committed binary
// was built from. The package's test checks both: that the source still has
// that hash, and, where wat2wasm is installed, that rebuilding the source
// gives the committed bytes (in CI, where the environment variable CI is set,
// a missing wat2wasm fails the test).
package kernels

import _ "embed"

// Wasm is kernels.wasm, the binary WebAssembly module. It imports its memory
// as env.mem and exports muladd(c, a, b, m, k, n i32), which sets C += A·B
// for row-major float64 matrices at byte addresses c, a and b; see
// kernels.wat for the contract.
//
//go:embed kernels.wasm
var Wasm []byte
