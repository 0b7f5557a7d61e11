package kernel

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRegisteredSIMDGetsTheProductsFromMinWorkOn(t *testing.T) {
	// A stand-in for wasm/simd's module: the naive contract loop, recording
	// the shapes and slice lengths it is called with.
	type call struct{ m, k, n, lc, la, lb int }
	var calls []call
	fake := func(c, a, b []float64, m, k, n int) {
		calls = append(calls, call{m, k, n, len(c), len(a), len(b)})
		naiveMulAdd(c, a, b, m, k, n)
	}
	// Under `make test-wasm-simd` the real module is registered and in use:
	// set it aside, and restore it and the selection afterwards.
	saved := simd
	defer func() { simd = saved }()
	defer Use(Current())
	simd.mulAdd, simd.minWork = nil, 0

	if Available(SIMD) {
		t.Fatal("SIMD is available before Register")
	}
	const minWork = 60
	Register(SIMD, fake, minWork)
	if !Available(SIMD) {
		t.Fatal("SIMD is not available after Register")
	}
	if got := SIMD.String(); got != "simd" {
		t.Fatalf("SIMD.String() = %q, want \"simd\"", got)
	}
	Use(SIMD)
	r := rand.New(rand.NewPCG(4, 4))
	for _, sh := range [][3]int{{3, 4, 5}, {4, 4, 4}, {2, 2, 2}, {0, 9, 9}, {9, 0, 9}} {
		m, k, n := sh[0], sh[1], sh[2]
		calls = calls[:0]
		// Slices one element longer than their shapes: the registered
		// function must get exactly m·n, m·k and k·n elements.
		a, b, c := randMat(r, m*k+1, 1, 0), randMat(r, k*n+1, 1, 0), randMat(r, m*n+1, 1, 0)
		want := append([]float64(nil), c...)
		naiveMulAdd(want, a, b, m, k, n)
		MulAddTo(c, a, b, m, k, n)
		assertBits(t, "MulAddTo", c, want)

		wantCall := m*k*n >= minWork
		if got := len(calls) == 1; got != wantCall {
			t.Fatalf("m=%d k=%d n=%d: %d calls to the registered function, want one only if m·k·n ≥ %d", m, k, n, len(calls), minWork)
		}
		if wantCall && calls[0] != (call{m, k, n, m * n, m * k, k * n}) {
			t.Fatalf("m=%d k=%d n=%d: registered function called with %+v", m, k, n, calls[0])
		}
	}
}

func TestRegisterAcceptsOnlySIMD(t *testing.T) {
	saved := simd
	defer func() { simd = saved }()
	for _, tc := range []struct {
		name string
		impl Impl
		fn   MulAddFunc
	}{
		{"Gonum", Gonum, naiveMulAdd},
		{"PureGo", PureGo, naiveMulAdd},
		{"a nil SIMD", SIMD, nil},
	} {
		func() {
			defer func() {
				if msg, _ := recover().(string); !strings.HasPrefix(msg, "kernel: ") {
					t.Errorf("Register(%s): panic %q, want one starting with \"kernel: \"", tc.name, msg)
				}
			}()
			Register(tc.impl, tc.fn, 0)
		}()
	}
}
