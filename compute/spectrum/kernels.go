package spectrum

import "math"

// The vector kernels of the Lanczos recurrence, written in plain Go with a
// fixed summation order. gonum's BLAS uses assembly on amd64 (with a different
// summation order) and pure Go in js/wasm, so routing the recurrence through
// it would give different bits in the browser and in the native CLI. Every
// product is wrapped in an explicit float64 conversion, which forbids the
// compiler from fusing it with the following addition into an FMA (Go spec,
// "Floating-point operators"), so the bits are also the same on arm64.

// dot returns xᵀy = Σ x_i y_i, accumulated in four interleaved partial sums
// combined as (s₀+s₁)+(s₂+s₃).
func dot(x, y []float64) float64 {
	if len(x) != len(y) {
		panic(msgKernelLen)
	}
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		xs, ys := x[i:i+4:i+4], y[i:i+4:i+4]
		s0 += float64(xs[0] * ys[0])
		s1 += float64(xs[1] * ys[1])
		s2 += float64(xs[2] * ys[2])
		s3 += float64(xs[3] * ys[3])
	}
	for ; i < len(x); i++ {
		s0 += float64(x[i] * y[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy sets y ← y + a·x.
func axpy(a float64, x, y []float64) {
	if len(x) != len(y) {
		panic(msgKernelLen)
	}
	for i, v := range x {
		y[i] += float64(a * v)
	}
}

// norm returns ‖x‖₂. It rescales by max|x_i| when the plain sum of squares
// overflows or underflows, so it is accurate for any finite x.
func norm(x []float64) float64 {
	ss := dot(x, x)
	if ss > 0x1p-900 && ss < 0x1p900 {
		return math.Sqrt(ss)
	}
	var m float64
	for _, v := range x {
		m = math.Max(m, math.Abs(v))
	}
	if m == 0 || math.IsInf(m, 0) || math.IsNaN(m) {
		return m
	}
	ss = 0
	for _, v := range x {
		t := v / m
		ss += float64(t * t)
	}
	return m * math.Sqrt(ss)
}

// finite reports whether every entry of x is neither NaN nor ±Inf.
func finite(x []float64) bool {
	for _, v := range x {
		if v-v != 0 { // NaN − NaN and Inf − Inf are NaN
			return false
		}
	}
	return true
}

// isFinite reports whether v is neither NaN nor ±Inf.
func isFinite(v float64) bool { return v-v == 0 }

// dotsTo sets c_i = q_iᵀ w for the len(c) vectors q_i stored back to back
// in q (q_i = q[i·n : (i+1)·n], n = len(w)). Four vectors share one pass over
// w; each dot product is summed in order of the index. This halves the loads
// of w, which matters in js/wasm where there is no SIMD.
func dotsTo(c, q, w []float64) {
	n := len(w)
	i := 0
	for ; i+4 <= len(c); i += 4 {
		q0 := q[i*n:][:len(w)]
		q1 := q[(i+1)*n:][:len(w)]
		q2 := q[(i+2)*n:][:len(w)]
		q3 := q[(i+3)*n:][:len(w)]
		var s0, s1, s2, s3 float64
		for r, x := range w {
			s0 += float64(q0[r] * x)
			s1 += float64(q1[r] * x)
			s2 += float64(q2[r] * x)
			s3 += float64(q3[r] * x)
		}
		c[i], c[i+1], c[i+2], c[i+3] = s0, s1, s2, s3
	}
	for ; i < len(c); i++ {
		c[i] = dot(q[i*n:(i+1)*n], w)
	}
}

// subTo sets w ← w − Σ_i c_i q_i, with q laid out as in dotsTo. The
// subtractions are applied in order of i, so the result has the same bits as
// len(c) calls of axpy(−c_i, q_i, w), with a quarter of the loads and stores
// of w.
func subTo(w, c, q []float64) {
	n := len(w)
	i := 0
	for ; i+4 <= len(c); i += 4 {
		q0 := q[i*n:][:len(w)]
		q1 := q[(i+1)*n:][:len(w)]
		q2 := q[(i+2)*n:][:len(w)]
		q3 := q[(i+3)*n:][:len(w)]
		c0, c1, c2, c3 := c[i], c[i+1], c[i+2], c[i+3]
		for r, x := range w {
			x -= float64(c0 * q0[r])
			x -= float64(c1 * q1[r])
			x -= float64(c2 * q2[r])
			x -= float64(c3 * q3[r])
			w[r] = x
		}
	}
	for ; i < len(c); i++ {
		axpy(-c[i], q[i*n:(i+1)*n], w)
	}
}
