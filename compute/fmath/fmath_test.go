package fmath

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/internal/parity"
)

// ulps returns the distance in units in the last place between a and b.
func ulps(a, b float64) uint64 {
	ia, ib := int64(math.Float64bits(a)), int64(math.Float64bits(b))
	if ia < 0 {
		ia = math.MinInt64 - ia
	}
	if ib < 0 {
		ib = math.MinInt64 - ib
	}
	if ia > ib {
		return uint64(ia - ib)
	}
	return uint64(ib - ia)
}

// The reference is the standard library, accurate to under 1 ulp itself, so
// two faithful implementations may differ by at most 2 ulps between them.
const maxULPs = 2

func TestExpAgreesWithStandardLibraryWithinTwoULPs(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := 0; i < 200000; i++ {
		x := (r.Float64() - 0.5) * 1400
		if d := ulps(Exp(x), math.Exp(x)); d > maxULPs {
			t.Fatalf("Exp(%v) = %v, math.Exp = %v: %d ulps apart", x, Exp(x), math.Exp(x), d)
		}
	}
}

func TestExpSpecialValues(t *testing.T) {
	// Truth: IEEE 754 semantics of the exponential.
	cases := []struct{ x, want float64 }{
		{0, 1}, {math.Inf(1), math.Inf(1)}, {math.Inf(-1), 0}, {710, math.Inf(1)}, {-746, 0}, {1e-300, 1},
	}
	for _, c := range cases {
		if got := Exp(c.x); got != c.want {
			t.Errorf("Exp(%v) = %v, want %v", c.x, got, c.want)
		}
	}
	if !math.IsNaN(Exp(math.NaN())) {
		t.Error("Exp(NaN) is not NaN")
	}
	if got := Exp(1); ulps(got, math.E) > 1 {
		t.Errorf("Exp(1) = %v, want e = %v", got, math.E)
	}
}

func TestLogAgreesWithStandardLibraryWithinTwoULPs(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for i := 0; i < 200000; i++ {
		x := math.Exp((r.Float64() - 0.5) * 1400)
		if d := ulps(Log(x), math.Log(x)); d > maxULPs {
			t.Fatalf("Log(%v) = %v, math.Log = %v: %d ulps apart", x, Log(x), math.Log(x), d)
		}
	}
	for _, x := range []float64{1, 2, math.E, 0.5, 1 + 1e-15, math.MaxFloat64} {
		if d := ulps(Log(x), math.Log(x)); d > maxULPs {
			t.Errorf("Log(%v) = %v, math.Log = %v", x, Log(x), math.Log(x))
		}
	}
	// Truth for the smallest subnormal: ln(2⁻¹⁰⁷⁴) = −1074·ln 2. (math.Log's amd64
	// assembly returns −709.09 here, which is why compute/ does not use it.)
	if got, want := Log(math.SmallestNonzeroFloat64), -1074*math.Ln2; ulps(got, want) > maxULPs {
		t.Errorf("Log(2⁻¹⁰⁷⁴) = %v, want %v", got, want)
	}
	if !math.IsNaN(Log(-1)) || !math.IsInf(Log(0), -1) || !math.IsInf(Log(math.Inf(1)), 1) {
		t.Error("Log special values: want NaN for x<0, −Inf at 0, +Inf at +Inf")
	}
}

func TestTanhAndSigmoidAgreeWithStandardLibrary(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for i := 0; i < 200000; i++ {
		x := (r.Float64() - 0.5) * 60
		if d := ulps(Tanh(x), math.Tanh(x)); d > 4 {
			t.Fatalf("Tanh(%v) = %v, math.Tanh = %v: %d ulps apart", x, Tanh(x), math.Tanh(x), d)
		}
		// The reference 1/(1+e⁻ˣ) itself rounds twice, so allow a few ulps.
		want := 1 / (1 + math.Exp(-x))
		if got := Sigmoid(x); math.Abs(got-want) > 2e-15*want {
			t.Fatalf("Sigmoid(%v) = %v, want %v", x, got, want)
		}
	}
	if Tanh(30) != 1 || Tanh(-30) != -1 || Tanh(0) != 0 {
		t.Error("Tanh saturation or zero wrong")
	}
}

// Truth: the native run (package parity): these functions exist so that the
// browser and the CLI compute the same bits.
func TestJSWasmGivesTheNativeBits(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	xs := make([]float64, 3*100000)
	for i := 0; i < len(xs); i += 3 {
		x := (r.Float64() - 0.5) * 100
		xs[i], xs[i+1], xs[i+2] = Exp(x), Log(math.Abs(x)), Tanh(x/10)
	}
	parity.Check(t, "fmath", parity.Floats(xs))
}
