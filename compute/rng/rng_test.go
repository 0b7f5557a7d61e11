package rng

import (
	"math"
	"testing"
)

// Truth: Monte Carlo moments of N(0,1) — mean 0, variance 1, fourth moment 3 —
// with tolerances of 5 standard errors for 200,000 draws.
func TestNormalHasStandardNormalMoments(t *testing.T) {
	r := New(7, Data)
	const n = 200000
	var m1, m2, m4 float64
	for i := 0; i < n; i++ {
		x := Normal(r)
		m1 += x
		m2 += x * x
		m4 += x * x * x * x
	}
	m1, m2, m4 = m1/n, m2/n, m4/n
	if math.Abs(m1) > 5/math.Sqrt(n) {
		t.Errorf("mean %v, want 0 ± %v", m1, 5/math.Sqrt(n))
	}
	if math.Abs(m2-1) > 5*math.Sqrt(2.0/n) {
		t.Errorf("variance %v, want 1 ± %v", m2, 5*math.Sqrt(2.0/n))
	}
	if math.Abs(m4-3) > 5*math.Sqrt(96.0/n) {
		t.Errorf("fourth moment %v, want 3 ± %v", m4, 5*math.Sqrt(96.0/n))
	}
}

func TestStreamsAreIndependentAndReproducible(t *testing.T) {
	a, b, c := New(1, Data), New(1, Data), New(1, Init)
	same := 0
	for i := 0; i < 100; i++ {
		x, y, z := a.Uint64(), b.Uint64(), c.Uint64()
		if x != y {
			t.Fatalf("draw %d: same seed and stream gave %x and %x", i, x, y)
		}
		if x == z {
			same++
		}
	}
	if same > 1 {
		t.Errorf("streams Data and Init agree on %d of 100 draws", same)
	}
}

func TestUnitSphereAndRademacher(t *testing.T) {
	r := New(3, Probes)
	v := make([]float64, 17)
	UnitSphere(r, v)
	var ss float64
	for _, x := range v {
		ss += x * x
	}
	if math.Abs(ss-1) > 1e-14 {
		t.Errorf("‖v‖² = %v, want 1", ss)
	}
	Rademacher(r, v)
	for i, x := range v {
		if x != 1 && x != -1 {
			t.Fatalf("entry %d = %v, want ±1", i, x)
		}
	}
}
