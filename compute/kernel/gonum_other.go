//go:build !amd64

package kernel

func defaultImpl() Impl { return PureGo }

// Available reports whether impl can run on this platform: PureGo always and
// SIMD once registered (see Register), but never Gonum or AVX2. In js/wasm gonum has
// no assembly and its pure-Go Dgemm is slower; on arm64 and the other targets
// with a fused multiply-add instruction, its pure-Go axpy and dot loops are
// compiled to FMADDD, which breaks the summation contract (one rounding per
// product) and with it the same bits as amd64 and the browser.
func Available(impl Impl) bool { return impl == PureGo || registered(impl) }

func gonumMulAdd(c, a, b []float64, m, k, n int) {
	panic("kernel: gonum implementation is only available on amd64")
}

func avx2MulAdd(c, a, b []float64, m, k, n int) {
	panic("kernel: AVX2 implementation is only available on amd64")
}

func avx2MulAddTransA(c, a, b []float64, m, k, n int) {
	panic("kernel: AVX2 implementation is only available on amd64")
}
