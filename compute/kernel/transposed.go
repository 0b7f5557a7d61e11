package kernel

// MulTransATo sets C = Aᵀ·B for A stored row-major as k×m (so Aᵀ is m×k),
// B (k×n) and C (m×n), with the summation contract of MulTo: it equals
// TransposeTo(scratch, a, k, m) followed by MulTo(c, scratch, b, m, k, n),
// bit for bit. The AVX2 kernel reads A in place; the other implementations
// transpose it into scratch first, which must then hold m·k elements (it
// may be nil when Current() is AVX2). C must not alias A, B or scratch.
func MulTransATo(c, a, b, scratch []float64, m, k, n int) {
	checkShapes(c, a, b, m, k, n)
	if m == 0 || n == 0 {
		return
	}
	mulAdds.Add(int64(m) * int64(k) * int64(n))
	clear(c[:m*n])
	if k == 0 {
		return
	}
	if current == AVX2 {
		avx2MulAddTransA(c, a, b, m, k, n)
		return
	}
	if len(scratch) < m*k {
		panic("kernel: MulTransATo scratch shorter than m·k")
	}
	TransposeTo(scratch, a, k, m)
	mulAdd(current, c, scratch[:m*k], b, m, k, n)
}
