package fmath

import "math"

// Constants of the fdlibm exponential: ln2 split into a high part with trailing
// zero bits (so k·ln2Hi is exact for |k| < 2¹¹) and a low correction, and the
// Remez coefficients of R(r) = r − r²(P1 + r²(P2 + …)) on [−ln2/2, ln2/2].
const (
	ln2Hi = 6.93147180369123816490e-01
	ln2Lo = 1.90821492927058770002e-10
	log2e = 1.44269504088896338700e+00

	p1 = 1.66666666666666657415e-01
	p2 = -2.77777777770155933842e-03
	p3 = 6.61375632143793436117e-05
	p4 = -1.65339022054652515390e-06
	p5 = 4.13813679705723846039e-08

	// Beyond these bounds exp overflows to +Inf or underflows to 0.
	overflow  = 7.09782712893383973096e+02
	underflow = -7.45133219101941108420e+02
	tiny      = 1.0 / (1 << 28)
)

// Exp returns eˣ with an error under 1 ulp, the same bits on every platform.
// Exp(+Inf) = +Inf, Exp(−Inf) = 0, Exp(NaN) = NaN; large arguments overflow to
// +Inf and very negative ones underflow to 0.
func Exp(x float64) float64 {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 1):
		return x
	case math.IsInf(x, -1):
		return 0
	case x > overflow:
		return math.Inf(1)
	case x < underflow:
		return 0
	case -tiny < x && x < tiny:
		return 1 + x
	}
	// Reduce: x = k·ln2 + r, |r| ≤ ln2/2, with r = hi − lo carried in two parts.
	var k int
	switch {
	case x < 0:
		k = int(float64(log2e*x) - 0.5)
	case x > 0:
		k = int(float64(log2e*x) + 0.5)
	}
	fk := float64(k)
	hi := x - float64(fk*ln2Hi)
	lo := float64(fk * ln2Lo)
	r := hi - lo
	// exp(r) = 1 + 2r/(2 − c) with c = r − r²·P(r²), rearranged for accuracy.
	t := r * r
	c := r - float64(t*(p1+float64(t*(p2+float64(t*(p3+float64(t*(p4+float64(t*p5)))))))))
	y := 1 - ((lo - (r*c)/(2-c)) - hi)
	return math.Ldexp(y, k)
}

// Tanh returns the hyperbolic tangent of x, the same bits on every platform.
// It is computed from Expm1 so that small |x| keeps full relative accuracy:
// tanh(x) = e/(e + 2) with e = expm1(2x), and ±1 once |x| > 22, where
// 1 − |tanh x| < 2⁻⁶³.
func Tanh(x float64) float64 {
	switch {
	case math.IsNaN(x):
		return x
	case x > 22:
		return 1
	case x < -22:
		return -1
	}
	if x < 0 {
		return -Tanh(-x)
	}
	e := Expm1(2 * x)
	return e / (e + 2)
}

// Sigmoid returns the logistic function 1/(1 + e⁻ˣ), evaluated so that it
// neither overflows nor loses relative accuracy for large negative x.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + Exp(-x))
	}
	e := Exp(x)
	return e / (1 + e)
}
