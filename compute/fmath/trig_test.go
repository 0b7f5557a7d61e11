package fmath

import (
	"math"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/overparam/overparam/compute/internal/parity"
)

// Truth: Go's math package on amd64 and js/wasm, where Expm1, Sin, Cos and
// Acos are pure Go compiled without fused multiply-adds and Hypot is
// max·√(1 + (min/max)²) in assembly or Go. These functions exist to return
// exactly those bits on arm64 too (where math's fuse), so that compute/ kept
// its numbers when it moved to them. On other targets math's own results
// differ; the parity fingerprint below holds them to amd64's instead.
func TestFunctionsEqualTheStandardLibraryOnAmd64BitForBit(t *testing.T) {
	if runtime.GOARCH != "amd64" && runtime.GOARCH != "wasm" {
		t.Skipf("math's functions fuse multiply-adds on %s; TestJSWasmGivesTheNativeBits checks these against amd64", runtime.GOARCH)
	}
	r := rand.New(rand.NewPCG(5, 5))
	check := func(name string, x, got, want float64) {
		t.Helper()
		if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
			t.Fatalf("%s(%v) = %v, math's %v", name, x, got, want)
		}
	}
	special := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -0.7, 0.7000000000000001, 0.66, 2.414213562373095, 1e-300,
		math.Pi / 4, math.Pi, 2 * math.Pi, 1<<29 - 1, 40, -40, 709, 710, math.Inf(1), math.Inf(-1), math.NaN()}
	for i := 0; i < 300000+len(special); i++ {
		var x float64
		if i < len(special) {
			x = special[i]
		} else {
			// Mixed scales: uniform on [−8, 8] and log-uniform magnitudes.
			x = (r.Float64() - 0.5) * 16
			if i%2 == 1 {
				x = math.Copysign(math.Exp((r.Float64()-0.7)*60), x)
			}
		}
		check("Expm1", x, Expm1(x), math.Expm1(x))
		if math.Abs(x) < trigMax || math.IsNaN(x) {
			check("Sin", x, Sin(x), math.Sin(x))
			check("Cos", x, Cos(x), math.Cos(x))
		}
		y := math.Mod(x, 1.1)
		check("Acos", y, Acos(y), math.Acos(y))
		check("Hypot", x, Hypot(x, y), math.Hypot(x, y))
	}
	if !math.IsNaN(Sin(1<<29)) || !math.IsNaN(Cos(math.Inf(1))) {
		t.Error("Sin and Cos beyond 2²⁹ or at ±Inf must be NaN")
	}
}

// Truth: the native (amd64) run, recorded by package parity; `make
// test-arm64` and `make test-wasm` must reproduce it bit for bit. Before its
// products were rounded, Exp cross-built for arm64 (commit a288668, run
// under qemu-aarch64) differed from amd64's on 492 of these 10⁶ inputs
// (x = 8.036374823551874 first), so the fingerprint checks each of them.
func TestExpOnAMillionInputsGivesTheNativeBits(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	ys := make([]float64, 1000000)
	for i := range ys {
		ys[i] = Exp((r.Float64() - 0.5) * 40) // x ∈ [−20, 20)
	}
	parity.Check(t, "fmath-exp-1e6", parity.Floats(ys))
}

// Truth: the native (amd64) run, as above, for the functions that replace
// math's on compute/'s paths (where math's fuse on arm64).
func TestExpm1TrigAndHypotGiveTheNativeBits(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	ys := make([]float64, 0, 6*100000)
	for range 100000 {
		x := (r.Float64() - 0.5) * 80
		u := r.Float64()*2 - 1
		ys = append(ys, Expm1(x/4), Sin(x), Cos(x), Acos(u), Hypot(x, u), Tanh(x/8))
	}
	parity.Check(t, "fmath-expm1-trig-hypot", parity.Floats(ys))
}
