package fmath

import "math"

// Constants of fdlibm's s_expm1.c: thresholds, the split ln2 of Exp, and the
// Remez coefficients of the scaled rational R1(r²) on [−0.347, 0.347].
const (
	expm1Overflow = 7.09782712893383973096e+02 // beyond: +Inf
	ln2X56        = 3.88162421113569373274e+01 // 56·ln2: below −it, −1
	ln2HalfX3     = 1.03972077083991796413e+00 // 1.5·ln2
	ln2Half       = 3.46573590279972654709e-01 // 0.5·ln2
	expm1Tiny     = 1.0 / (1 << 54)            // below: x itself

	q1 = -3.33333333333331316428e-02
	q2 = 1.58730158725481460165e-03
	q3 = -7.93650757867487942473e-05
	q4 = 4.00821782732936239552e-06
	q5 = -2.01099218183624371326e-07
)

// Expm1 returns eˣ − 1, accurate near 0 where Exp(x) − 1 is not, with an error
// under 1 ulp and the same bits on every platform. It follows fdlibm's
// s_expm1.c (Sun Microsystems, 1993), the algorithm of Go's math.Expm1 on
// amd64 and js/wasm, so it returns their bits; unlike math.Expm1 on arm64,
// where the compiler fuses its products. Expm1(+Inf) = +Inf, Expm1(−Inf) = −1,
// Expm1(NaN) = NaN.
func Expm1(x float64) float64 {
	switch {
	case math.IsInf(x, 1) || math.IsNaN(x):
		return x
	case math.IsInf(x, -1):
		return -1
	}
	absx, neg := math.Abs(x), x < 0
	if absx >= ln2X56 {
		if neg {
			return -1
		}
		if absx >= expm1Overflow {
			return math.Inf(1)
		}
	}
	// Reduce: x = k·ln2 + r, with r = hi − lo and c the rounding error of r.
	var c float64
	var k int
	switch {
	case absx > ln2Half:
		var hi, lo float64
		switch {
		case absx < ln2HalfX3 && !neg:
			hi, lo, k = x-ln2Hi, ln2Lo, 1
		case absx < ln2HalfX3:
			hi, lo, k = x+ln2Hi, -ln2Lo, -1
		default:
			if !neg {
				k = int(float64(log2e*x) + 0.5)
			} else {
				k = int(float64(log2e*x) - 0.5)
			}
			fk := float64(k)
			hi = x - float64(fk*ln2Hi) // exact
			lo = float64(fk * ln2Lo)
		}
		x = hi - lo
		c = (hi - x) - lo
	case absx < expm1Tiny:
		return x
	}
	// expm1(r) = r + r²/2 + r³/2·(…) from R1(r²) = 1 + r²·Q(r²) (fdlibm's
	// comment derives it), then undo the reduction by k.
	hfx := float64(0.5 * x)
	hxs := float64(x * hfx)
	r1 := 1 + float64(hxs*(q1+float64(hxs*(q2+float64(hxs*(q3+float64(hxs*(q4+float64(hxs*q5)))))))))
	t := 3 - float64(r1*hfx)
	e := float64(hxs * ((r1 - t) / (6.0 - float64(x*t))))
	if k == 0 {
		return x - (float64(x*e) - hxs)
	}
	e = float64(x*(e-c)) - c
	e -= hxs
	switch {
	case k == -1:
		return float64(0.5*(x-e)) - 0.5
	case k == 1:
		if x < -0.25 {
			return -2 * (e - (x + 0.5))
		}
		return 1 + float64(2*(x-e))
	case k <= -2 || k > 56: // exp(x) − 1 suffices
		y := 1 - (e - x)
		y = math.Float64frombits(math.Float64bits(y) + uint64(k)<<52) // y·2ᵏ
		return y - 1
	}
	if k < 20 {
		t := math.Float64frombits(0x3ff0000000000000 - (0x20000000000000 >> uint(k))) // 1 − 2⁻ᵏ
		y := t - (e - x)
		return math.Float64frombits(math.Float64bits(y) + uint64(k)<<52)
	}
	t = math.Float64frombits(uint64(0x3ff-k) << 52) // 2⁻ᵏ
	y := x - (e + t)
	y++
	return math.Float64frombits(math.Float64bits(y) + uint64(k)<<52)
}
