package kernel

// Impl names a kernel implementation.
type Impl int

const (
	// PureGo is the register-blocked pure-Go kernel, available everywhere.
	PureGo Impl = iota
	// Gonum is gonum's Dgemm, available in native builds only.
	Gonum
	// SIMD is a WebAssembly SIMD kernel (f64x2), available once a js/wasm
	// program registers it with Register; package wasm/simd provides it.
	SIMD
	// AVX2 is the amd64 assembly kernel (4-lane VMULPD and VADDPD, never a
	// fused multiply-add), available when the CPU has AVX2.
	AVX2
)

func (i Impl) String() string {
	switch i {
	case PureGo:
		return "purego"
	case Gonum:
		return "gonum"
	case SIMD:
		return "simd"
	case AVX2:
		return "avx2"
	}
	return "unknown"
}

// current is the implementation MulTo and MulAddTo dispatch to.
var current = defaultImpl()

// Use selects the implementation that MulTo and MulAddTo call and returns the
// previous one. It panics if impl is not available on this platform. It is not
// safe to call concurrently with products.
func Use(impl Impl) Impl {
	if !Available(impl) {
		panic("kernel: implementation " + impl.String() + " is not available on this platform")
	}
	prev := current
	current = impl
	return prev
}

// Current returns the implementation in use.
func Current() Impl { return current }

// MulTo sets C = A·B for row-major A (m×k), B (k×n) and C (m×n). C must not
// alias A or B. It panics if a slice is shorter than its shape requires.
func MulTo(c, a, b []float64, m, k, n int) {
	checkShapes(c, a, b, m, k, n)
	if m == 0 || n == 0 {
		return
	}
	mulAdds.Add(int64(m) * int64(k) * int64(n))
	clear(c[:m*n])
	if k == 0 {
		return
	}
	mulAdd(current, c, a, b, m, k, n)
}

// MulAddTo sets C = C + A·B, with the shapes and aliasing rules of MulTo.
func MulAddTo(c, a, b []float64, m, k, n int) {
	checkShapes(c, a, b, m, k, n)
	if m == 0 || n == 0 || k == 0 {
		return
	}
	mulAdds.Add(int64(m) * int64(k) * int64(n))
	mulAdd(current, c, a, b, m, k, n)
}

func mulAdd(impl Impl, c, a, b []float64, m, k, n int) {
	switch impl {
	case AVX2:
		avx2MulAdd(c, a, b, m, k, n)
		return
	case Gonum:
		gonumMulAdd(c, a, b, m, k, n)
		return
	case SIMD:
		if m*k*n >= simd.minWork {
			simd.mulAdd(c[:m*n], a[:m*k], b[:k*n], m, k, n)
			return
		}
	}
	pureMulAdd(c, a, b, m, k, n)
}

func checkShapes(c, a, b []float64, m, k, n int) {
	if m < 0 || k < 0 || n < 0 {
		panic("kernel: negative dimension")
	}
	if len(a) < m*k || len(b) < k*n || len(c) < m*n {
		panic("kernel: slice shorter than its shape")
	}
}

// TransposeTo sets dst (cols×rows) to the transpose of src (rows×cols).
// dst must not alias src.
func TransposeTo(dst, src []float64, rows, cols int) {
	if rows < 0 || cols < 0 || len(src) < rows*cols || len(dst) < rows*cols {
		panic("kernel: TransposeTo shape mismatch")
	}
	// Blocks of 16×16 keep both the reads and the writes in cache.
	const bs = 16
	for i0 := 0; i0 < rows; i0 += bs {
		i1 := min(i0+bs, rows)
		for j0 := 0; j0 < cols; j0 += bs {
			j1 := min(j0+bs, cols)
			for i := i0; i < i1; i++ {
				row := src[i*cols : i*cols+cols]
				for j := j0; j < j1; j++ {
					dst[j*rows+i] = row[j]
				}
			}
		}
	}
}
