package fmath

import "math"

// Coefficients of fdlibm's e_log.c: log(1+f) = f − s(f − R(z)) with s = f/(2+f),
// z = s², and R a degree-14 Remez polynomial in s split into odd and even
// halves for accuracy.
const (
	lg1 = 6.666666666666735130e-01
	lg2 = 3.999999999940941908e-01
	lg3 = 2.857142874366239149e-01
	lg4 = 2.222219843214978396e-01
	lg5 = 1.818357216161805012e-01
	lg6 = 1.531383769920937332e-01
	lg7 = 1.479819860511658591e-01
)

// Log returns the natural logarithm of x with an error under 1 ulp, the same
// bits on every platform. Log(+Inf) = +Inf, Log(0) = −Inf, Log(x < 0) = NaN,
// Log(NaN) = NaN.
func Log(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case x < 0:
		return math.NaN()
	case x == 0:
		return math.Inf(-1)
	}
	// x = 2ᵏ·(1+f) with √2/2 < 1+f < √2.
	frac, exp := math.Frexp(x) // x = frac·2^exp, frac ∈ [½, 1)
	if frac < math.Sqrt2/2 {
		frac *= 2
		exp--
	}
	f := frac - 1
	k := float64(exp)
	s := f / (2 + f)
	s2 := s * s
	s4 := s2 * s2
	t1 := float64(s2 * (lg1 + float64(s4*(lg3+float64(s4*(lg5+float64(s4*lg7)))))))
	t2 := float64(s4 * (lg2 + float64(s4*(lg4+float64(s4*lg6)))))
	r := t1 + t2
	hfsq := float64(0.5 * f * f)
	return float64(k*ln2Hi) - ((hfsq - (float64(s*(hfsq+r)) + float64(k*ln2Lo))) - f)
}
