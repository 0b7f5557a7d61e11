package kernel

// MulAddFunc sets C += A·B for row-major A (m×k), B (k×n) and C (m×n),
// following the summation-order contract of the package documentation. It
// is called with m, k, n ≥ 1, with slices of exactly m·n, m·k and k·n
// elements, and with C aliasing neither A nor B; A and B may alias each
// other.
type MulAddFunc func(c, a, b []float64, m, k, n int)

// simd is the registered SIMD implementation; mulAdd is nil until Register.
var simd struct {
	mulAdd  MulAddFunc
	minWork int
}

// Register makes mulAdd available as the implementation impl, which must be
// SIMD: PureGo and Gonum are built in. It does not select it; call Use.
//
// Products of fewer than minWork multiply-adds (m·k·n) go to PureGo instead,
// for implementations that pay a fixed cost per call (a call from Go into
// another WebAssembly module costs about 0.2 µs). Both give the same bits.
//
// Register exists so that package kernel stays free of syscall/js: the
// js/wasm program that can run the SIMD module (wasm/simd) registers it.
// It panics if impl is not SIMD or mulAdd is nil. It is not safe to call
// concurrently with products.
func Register(impl Impl, mulAdd MulAddFunc, minWork int) {
	if impl != SIMD || mulAdd == nil {
		panic("kernel: only a non-nil SIMD implementation can be registered")
	}
	simd.mulAdd, simd.minWork = mulAdd, minWork
}

// registered reports whether impl has been registered.
func registered(impl Impl) bool { return impl == SIMD && simd.mulAdd != nil }
