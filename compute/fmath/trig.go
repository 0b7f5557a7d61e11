package fmath

import "math"

// Coefficients of the Cephes Math Library's sin.c (Moshier 1989): on
// |z| ≤ π/4, sin z ≈ z + z³·S(z²) and cos z ≈ 1 − z²/2 + z⁴·C(z²).
var (
	sinCoef = [...]float64{
		1.58962301576546568060e-10, -2.50507477628578072866e-8, 2.75573136213857245213e-6,
		-1.98412698295895385996e-4, 8.33333333332211858878e-3, -1.66666666666666307295e-1,
	}
	cosCoef = [...]float64{
		-1.13585365213876817300e-11, 2.08757008419747316778e-9, -2.75573141792967388112e-7,
		2.48015872888517045348e-5, -1.38888888888730564116e-3, 4.16666666666665929218e-2,
	}
)

// π/4 split into three parts, the first two with trailing zero bits, so that
// x − j·π/4 is computed in extended precision (Cody & Waite 1980).
const (
	pi4A = 7.85398125648498535156e-1
	pi4B = 3.77489470793079817668e-8
	pi4C = 2.69515142907905952645e-15
	// trigMax bounds the arguments that the three-part reduction keeps
	// accurate (2²⁹, as in Go's math package).
	trigMax = 1 << 29
)

// Sin returns sin x for |x| < 2²⁹ (NaN beyond, and for ±Inf and NaN), with the
// same bits on every platform: those of Go's math.Sin on amd64 and js/wasm,
// whose algorithm (Cephes sin.c) it follows with every product rounded.
// compute/ passes angles in [0, 2π].
func Sin(x float64) float64 {
	if x == 0 || math.IsNaN(x) {
		return x
	}
	neg := x < 0
	j, z, ok := octant(math.Abs(x))
	if !ok {
		return math.NaN()
	}
	if j > 3 {
		neg = !neg
		j -= 4
	}
	y := sinPoly(z)
	if j == 1 || j == 2 {
		y = cosPoly(z)
	}
	if neg {
		return -y
	}
	return y
}

// Cos returns cos x for |x| < 2²⁹ (NaN beyond, and for ±Inf and NaN), with the
// same bits on every platform, as Sin.
func Cos(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	j, z, ok := octant(math.Abs(x))
	if !ok {
		return math.NaN()
	}
	neg := false
	if j > 3 {
		j -= 4
		neg = true
	}
	if j > 1 {
		neg = !neg
	}
	y := cosPoly(z)
	if j == 1 || j == 2 {
		y = sinPoly(z)
	}
	if neg {
		return -y
	}
	return y
}

// octant reduces x ≥ 0 to z = x − y·π/4 with y the even integer nearest above
// ⌊x/(π/4)⌋, returning the octant j = y mod 8; ok is false when x ≥ 2²⁹ (or
// +Inf).
func octant(x float64) (j uint64, z float64, ok bool) {
	if !(x < trigMax) {
		return 0, 0, false
	}
	j = uint64(x * (4 / math.Pi))
	y := float64(j)
	if j&1 == 1 {
		j++
		y++
	}
	z = ((x - float64(y*pi4A)) - float64(y*pi4B)) - float64(y*pi4C)
	return j & 7, z, true
}

// sinPoly returns z + z³·S(z²) ≈ sin z on |z| ≤ π/4.
func sinPoly(z float64) float64 {
	zz := float64(z * z)
	return z + float64(z*zz*poly(sinCoef, zz))
}

// cosPoly returns 1 − z²/2 + z⁴·C(z²) ≈ cos z on |z| ≤ π/4.
func cosPoly(z float64) float64 {
	zz := float64(z * z)
	return 1.0 - float64(0.5*zz) + float64(zz*zz*poly(cosCoef, zz))
}

// poly returns c₀x⁵ + c₁x⁴ + … + c₅ by Horner's rule, every product rounded.
func poly(c [6]float64, x float64) float64 {
	p := c[0]
	for _, ci := range c[1:] {
		p = float64(p*x) + ci
	}
	return p
}

// Acos returns arccos x in [0, π] for x ∈ [−1, 1] (NaN outside), with the same
// bits on every platform: those of Go's math.Acos on amd64 and js/wasm,
// π/2 − arcsin x with the Cephes arcsine and arctangent (asin.c, atan.c).
func Acos(x float64) float64 { return math.Pi/2 - asin(x) }

// asin returns arcsin x from the arctangent of x/√(1 − x²), or of its
// reciprocal for x > 0.7.
func asin(x float64) float64 {
	if x == 0 {
		return x
	}
	neg := x < 0
	x = math.Abs(x)
	if x > 1 {
		return math.NaN()
	}
	t := math.Sqrt(1 - float64(x*x))
	if x > 0.7 {
		t = math.Pi/2 - atanPos(t/x)
	} else {
		t = atanPos(x / t)
	}
	if neg {
		return -t
	}
	return t
}

// atanPos returns arctan x for x ≥ 0, reducing x to [0, 0.66] with
// tan(π/4) = 1 and tan(3π/8) = 1 + √2 (Cephes atan.c).
func atanPos(x float64) float64 {
	const (
		moreBits = 6.123233995736765886130e-17 // π/2 = float64(π/2) + moreBits
		tan3pi8  = 2.41421356237309504880
	)
	if x <= 0.66 {
		return atanPoly(x)
	}
	if x > tan3pi8 {
		return math.Pi/2 - atanPoly(1/x) + moreBits
	}
	return math.Pi/4 + atanPoly((x-1)/(x+1)) + 0.5*moreBits
}

// atanPoly returns arctan x on [0, 0.66] as x + x³·P(x²)/Q(x²), a (4, 5)
// rational approximation (Cephes atan.c).
func atanPoly(x float64) float64 {
	const (
		p0 = -8.750608600031904122785e-01
		p1 = -1.615753718733365076637e+01
		p2 = -7.500855792314704667340e+01
		p3 = -1.228866684490136173410e+02
		p4 = -6.485021904942025371773e+01
		q0 = +2.485846490142306297962e+01
		q1 = +1.650270098316988542046e+02
		q2 = +4.328810604912902668951e+02
		q3 = +4.853903996359136964868e+02
		q4 = +1.945506571482613964425e+02
	)
	z := float64(x * x)
	num := float64(p0*z) + p1
	num = float64(num*z) + p2
	num = float64(num*z) + p3
	num = float64(num*z) + p4
	den := z + q0
	den = float64(den*z) + q1
	den = float64(den*z) + q2
	den = float64(den*z) + q3
	den = float64(den*z) + q4
	z = z * num / den
	return float64(x*z) + x
}

// Hypot returns √(p² + q²) without overflow unless the result overflows, with
// the same bits on every platform: max·√(1 + (min/max)²), the computation of
// Go's math.Hypot on amd64 (assembly) and js/wasm, with the square rounded.
// Hypot(±Inf, q) = +Inf, and NaN if either argument is NaN and neither is Inf.
func Hypot(p, q float64) float64 {
	p, q = math.Abs(p), math.Abs(q)
	switch {
	case math.IsInf(p, 1) || math.IsInf(q, 1):
		return math.Inf(1)
	case math.IsNaN(p) || math.IsNaN(q):
		return math.NaN()
	}
	p, q = max(p, q), min(p, q)
	if p == 0 {
		return 0
	}
	r := q / p
	// Rounded here too: inlined, the product could fuse into a caller's sum.
	return float64(p * math.Sqrt(1+float64(r*r)))
}
