//go:build js

package kernel

const defaultImpl = PureGo

// Available reports whether impl can run on this platform: in js/wasm PureGo
// always and SIMD once registered (see Register), but never Gonum: it has no
// assembly there and its pure-Go Dgemm is slower.
func Available(impl Impl) bool { return impl == PureGo || registered(impl) }

func gonumMulAdd(c, a, b []float64, m, k, n int) {
	panic("kernel: gonum implementation is not available in js/wasm")
}
