//go:build js && wasm

package simd

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"syscall/js"
	"testing"

	"github.com/overparam/overparam/compute/kernel"
)

// Every test here needs the module: node has WebAssembly SIMD, so a failed
// Register is a failure, not a reason to skip.
func TestMain(m *testing.M) {
	if err := Register(); err != nil {
		fmt.Fprintln(os.Stderr, "simd tests:", err)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// The reference in every test is the pure-Go kernel, itself tested against
// the plain triple loop of the contract in compute/kernel.
func pureMulAdd(c, a, b []float64, m, k, n int) {
	defer kernel.Use(kernel.Use(kernel.PureGo))
	kernel.MulAddTo(c, a, b, m, k, n)
}

func randMat(r *rand.Rand, rows, cols int, zeroFrac float64) []float64 {
	x := make([]float64, rows*cols)
	for i := range x {
		if r.Float64() >= zeroFrac {
			x[i] = r.NormFloat64() * math.Exp2(float64(r.IntN(9)-4)) // magnitudes 2⁻⁴ … 2⁴
		}
	}
	return x
}

// assertBits fails unless got and want hold the same bits, element by
// element (+0 and −0 count as equal, as in compute/kernel's tests).
func assertBits(t *testing.T, name string, got, want []float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: %d elements, want %d", name, len(got), len(want))
	}
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] == 0 && want[i] == 0) {
			t.Fatalf("%s: element %d = %v, want %v (bits differ)", name, i, got[i], want[i])
		}
	}
}

// Shapes below, on and off the 4×4 tiles of the module, the edge tiles
// (n mod 4 = 1, 2, 3 and m mod 4 = 1, 2, 3), and W1's layer shapes.
var shapes = [][3]int{
	{1, 1, 1}, {1, 7, 1}, {1, 1, 9}, {2, 3, 2}, {3, 5, 7}, {4, 4, 4}, {4, 1, 4}, {5, 9, 6},
	{7, 2, 3}, {8, 1, 8}, {4, 3, 5}, {8, 2, 1}, {13, 17, 11}, {64, 64, 64}, {130, 67, 129}, {200, 300, 10},
	{1000, 64, 128}, {1000, 128, 10}, {128, 1000, 128}, {10, 1000, 128}, {101, 3, 785},
}

func TestModuleEqualsPureGoBitForBit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for _, sh := range shapes {
		for _, zeroFrac := range []float64{0, 0.5} { // 0.5 mimics ReLU activations
			m, k, n := sh[0], sh[1], sh[2]
			name := fmt.Sprintf("m=%d k=%d n=%d zeros=%v", m, k, n, zeroFrac)
			a, b, c0 := randMat(r, m, k, zeroFrac), randMat(r, k, n, 0), randMat(r, m, n, 0)
			want := append([]float64(nil), c0...)
			pureMulAdd(want, a, b, m, k, n)
			got := append([]float64(nil), c0...)
			mulAdd(got, a, b, m, k, n)
			assertBits(t, name, got, want)
		}
	}
}

func TestModuleEqualsPureGoOnEveryShapeUpTo9(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for m := 1; m <= 9; m++ {
		for k := 1; k <= 9; k++ {
			for n := 1; n <= 9; n++ {
				a, b, c0 := randMat(r, m, k, 0), randMat(r, k, n, 0), randMat(r, m, n, 0)
				want := append([]float64(nil), c0...)
				pureMulAdd(want, a, b, m, k, n)
				got := append([]float64(nil), c0...)
				mulAdd(got, a, b, m, k, n)
				assertBits(t, fmt.Sprintf("m=%d k=%d n=%d", m, k, n), got, want)
			}
		}
	}
}

func TestSelectedSIMDEqualsPureGoThroughKernel(t *testing.T) {
	// Through kernel.MulTo and kernel.MulAddTo, including zero sizes and
	// products below MinWork (which stay in pure Go), with slices longer
	// than their shapes (the tail must stay untouched).
	defer kernel.Use(kernel.Use(kernel.SIMD))
	r := rand.New(rand.NewPCG(3, 3))
	zeros := [][3]int{{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {0, 0, 0}}
	before := calls
	for _, sh := range append(zeros, shapes...) {
		m, k, n := sh[0], sh[1], sh[2]
		name := fmt.Sprintf("m=%d k=%d n=%d", m, k, n)
		a, b := randMat(r, m, k+1, 0)[:m*k], randMat(r, k, n+1, 0)[:k*n]
		c0 := randMat(r, m, n+1, 0) // one spare row's worth past C

		want := append([]float64(nil), c0...)
		kernel.Use(kernel.PureGo)
		kernel.MulTo(want, a, b, m, k, n)
		got := append([]float64(nil), c0...)
		kernel.Use(kernel.SIMD)
		kernel.MulTo(got, a, b, m, k, n)
		assertBits(t, name+" MulTo", got, want)

		want = append(want[:0], c0...)
		kernel.Use(kernel.PureGo)
		kernel.MulAddTo(want, a, b, m, k, n)
		got = append(got[:0], c0...)
		kernel.Use(kernel.SIMD)
		kernel.MulAddTo(got, a, b, m, k, n)
		assertBits(t, name+" MulAddTo", got, want)
	}
	if calls == before {
		t.Fatal("no product reached the module")
	}
}

// sentinel fills guard regions; its bits must survive every call.
var sentinel = math.Float64frombits(0x7ff4_dead_beef_0001) // a signalling NaN payload

func TestModuleTouchesNothingOutsideItsSlices(t *testing.T) {
	// Guard regions: A, B and C are carved from one buffer, each with guard
	// elements before and after. The guards must keep the sentinel's bits,
	// and A and B must not change at all.
	const guard = 7
	r := rand.New(rand.NewPCG(4, 4))
	for _, sh := range shapes {
		m, k, n := sh[0], sh[1], sh[2]
		name := fmt.Sprintf("m=%d k=%d n=%d", m, k, n)
		buf := make([]float64, 4*guard+m*k+k*n+m*n)
		for i := range buf {
			buf[i] = sentinel
		}
		off := guard
		carve := func(x []float64) []float64 {
			s := buf[off : off+len(x) : off+len(x)]
			copy(s, x)
			off += len(x) + guard
			return s
		}
		a0, b0, c0 := randMat(r, m, k, 0), randMat(r, k, n, 0), randMat(r, m, n, 0)
		a, c, b := carve(a0), carve(c0), carve(b0) // C between A and B
		mulAdd(c, a, b, m, k, n)

		for _, g := range []int{0, guard + m*k, 2*guard + m*k + m*n, 3*guard + m*k + m*n + k*n} {
			for i := g; i < g+guard; i++ {
				if math.Float64bits(buf[i]) != math.Float64bits(sentinel) {
					t.Fatalf("%s: guard element %d was written (%v)", name, i, buf[i])
				}
			}
		}
		assertBits(t, name+" A", a, a0)
		assertBits(t, name+" B", b, b0)
		want := append([]float64(nil), c0...)
		pureMulAdd(want, a0, b0, m, k, n)
		assertBits(t, name+" C", c, want)
	}
}

func TestAAndBMayAliasEachOther(t *testing.T) {
	// C = A·A for a square A, and A and B overlapping windows of one slice:
	// the module only reads them.
	r := rand.New(rand.NewPCG(5, 5))
	for _, n := range []int{1, 3, 4, 17, 64} {
		sq := randMat(r, n, n, 0)
		want := make([]float64, n*n)
		pureMulAdd(want, sq, sq, n, n, n)
		got := make([]float64, n*n)
		mulAdd(got, sq, sq, n, n, n)
		assertBits(t, fmt.Sprintf("A·A n=%d", n), got, want)

		buf := randMat(r, 2*n+1, n, 0)
		a, b := buf[:n*n], buf[n+1:n+1+n*n] // overlapping, offset by n+1
		want = make([]float64, n*n)
		pureMulAdd(want, a, b, n, n, n)
		got = make([]float64, n*n)
		mulAdd(got, a, b, n, n, n)
		assertBits(t, fmt.Sprintf("overlapping A, B n=%d", n), got, want)
	}
}

// panicMessage returns the message f panics with, or "" if it returns.
func panicMessage(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

func TestBadArgumentsPanicBeforeTheModuleRuns(t *testing.T) {
	buf := make([]float64, 64)
	cases := []struct {
		name    string
		c, a, b []float64
		m, k, n int
		want    string
	}{
		{"C shorter than m·n", buf[:5], buf[8:16], buf[16:24], 2, 4, 3, "simd: shapes"},
		{"A longer than m·k", buf[:6], buf[8:17], buf[24:36], 2, 4, 3, "simd: shapes"},
		{"zero k", buf[:6], buf[8:8], buf[16:16], 2, 0, 3, "simd: shapes"},
		{"negative m", buf[:0], buf[:0], buf[:0], -1, 2, 0, "simd: shapes"},
		{"C overlaps A", buf[4:10], buf[0:8], buf[16:28], 2, 4, 3, "simd: C overlaps"},
		{"C is B", buf[0:16], buf[16:32], buf[0:16], 4, 4, 4, "simd: C overlaps"},
		{"B inside C", buf[0:40], buf[40:48], buf[10:15], 8, 1, 5, "simd: C overlaps"},
	}
	for _, tc := range cases {
		before := append([]float64(nil), buf...)
		msg := panicMessage(func() { mulAdd(tc.c, tc.a, tc.b, tc.m, tc.k, tc.n) })
		if !strings.HasPrefix(msg, tc.want) {
			t.Errorf("%s: panic %q, want one starting with %q", tc.name, msg, tc.want)
		}
		assertBits(t, tc.name+": buffer after the rejected call", buf, before)
	}
}

func TestModuleDoesNothingForZeroSizes(t *testing.T) {
	// The module's own early return, called past the Go-side checks.
	buf := make([]float64, 48)
	for i := range buf {
		buf[i] = sentinel
	}
	for _, sh := range [][3]int{{0, 4, 4}, {4, 0, 4}, {4, 4, 0}} {
		muladd.Invoke(address(buf[:16]), address(buf[16:32]), address(buf[32:]), sh[0], sh[1], sh[2])
		for i, x := range buf {
			if math.Float64bits(x) != math.Float64bits(sentinel) {
				t.Fatalf("m=%d k=%d n=%d: element %d was written", sh[0], sh[1], sh[2], i)
			}
		}
	}
}

func TestModuleSeesMemoryGrownAfterItsInstantiation(t *testing.T) {
	// Go grows its linear memory as the heap grows; the module imported the
	// WebAssembly.Memory object itself, so it must see the new pages. A
	// fresh 96 MB buffer lies beyond what the program had at startup.
	big := make([]float64, 12<<20)
	const m, k, n = 33, 45, 29
	r := rand.New(rand.NewPCG(6, 6))
	end := len(big)
	a, b, c := big[end-m*k-k*n-m*n:end-k*n-m*n], big[end-k*n-m*n:end-m*n], big[end-m*n:]
	copy(a, randMat(r, m, k, 0))
	copy(b, randMat(r, k, n, 0))
	want := make([]float64, m*n)
	pureMulAdd(want, a, b, m, k, n)
	mulAdd(c, a, b, m, k, n)
	assertBits(t, "C at the end of a 96 MB slice", c, want)
}

func TestRegisterMakesSIMDAvailableWithoutSelectingIt(t *testing.T) {
	if !kernel.Available(kernel.SIMD) {
		t.Fatal("kernel.SIMD is not available after Register")
	}
	if err := Register(); err != nil {
		t.Fatalf("second Register: %v", err)
	}
	if got := kernel.Current(); got != kernel.PureGo {
		t.Fatalf("kernel.Current() = %v after Register, want purego (Register must not select)", got)
	}
}

func TestAnEngineThatCannotCompileTheModuleGetsAnError(t *testing.T) {
	// Simulate a browser without WebAssembly SIMD: compiling the module
	// throws a CompileError, which load must return as an error (Register
	// then registers nothing and the worker keeps the pure-Go kernel).
	wasm := js.Global().Get("WebAssembly")
	orig := wasm.Get("Module")
	reject := js.Global().Get("Function").New(`throw new WebAssembly.CompileError("simulated: no SIMD")`)
	wasm.Set("Module", reject)
	defer wasm.Set("Module", orig)
	_, err := load()
	if err == nil || !strings.Contains(err.Error(), "CompileError") {
		t.Fatalf("load() with a rejecting WebAssembly.Module: error %v, want a CompileError", err)
	}
}
