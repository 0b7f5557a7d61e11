package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
)

func requireAVX2(t *testing.T) {
	t.Helper()
	if !Available(AVX2) {
		t.Skip("this CPU has no AVX2")
	}
}

// assertSameBits requires got and want to be the same bits, signed zeros
// included: the AVX2 kernel performs exactly the pure-Go kernel's
// operations, so not even the sign of a zero may differ.
func assertSameBits(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
			t.Fatalf("%s: element %d = %v (%#x), want %v (%#x)", name, i, got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

// withImpl runs f with impl selected.
func withImpl(impl Impl, f func()) {
	defer Use(Use(impl))
	f()
}

// Truth: the pure-Go kernel, itself checked against the contract's naive
// loop (TestEveryImplementationEqualsTheContractBitForBit). Every shape with
// m, k, n ≤ 9 covers zero sizes, the 6-row blocks with 0–5 padded rows and
// the 8-column blocks with 0–7 masked columns.
func TestAVX2EqualsPureGoOnEveryShapeUpTo9x9x9(t *testing.T) {
	requireAVX2(t)
	r := rand.New(rand.NewPCG(5, 5))
	for m := 0; m <= 9; m++ {
		for k := 0; k <= 9; k++ {
			for n := 0; n <= 9; n++ {
				compareWithPureGo(t, r, m, k, n)
			}
		}
	}
}

// Truth: as above. The shapes straddle the kernel's blocks (6 rows, 8
// columns, kc = 256 steps of p, nc = 128 columns), its parallel split
// (rows, columns, or none) and the products of W0–W2 and the experiments:
// matrix-vector products (n = 1), a 10-class output layer, ∇W of a 10-unit
// layer (10×1000×128) and W2's 784-pixel input layer.
func TestAVX2EqualsPureGoOnEdgeAndWorkloadShapes(t *testing.T) {
	requireAVX2(t)
	r := rand.New(rand.NewPCG(6, 6))
	for _, sh := range [][3]int{
		{1, 1000, 1}, {1000, 1, 1}, {1, 1, 1000}, {7, 257, 129}, {13, 513, 9},
		{6, 256, 128}, {12, 255, 136}, {5, 300, 300}, {200, 300, 10}, {64, 64, 64},
		{100, 2, 10}, {100, 10, 5}, {1000, 128, 10}, {10, 1000, 128}, {1000, 10, 128},
		{300, 784, 100}, {100, 300, 784}, {250, 64, 128}, {128, 250, 64}, {1000, 64, 1},
	} {
		compareWithPureGo(t, r, sh[0], sh[1], sh[2])
	}
}

// compareWithPureGo checks MulTo and MulAddTo of AVX2 against PureGo on
// random m×k and k×n operands (half of A's entries zero, as after a ReLU,
// some negative zeros), with C inside guard regions that must keep their
// sentinels, and A and B that must not change.
func compareWithPureGo(t *testing.T, r *rand.Rand, m, k, n int) {
	t.Helper()
	a, b := randMat(r, m, k, 0.5), randMat(r, k, n, 0.1)
	if len(a) > 0 {
		a[0] = math.Copysign(0, -1)
	}
	a0, b0 := append([]float64(nil), a...), append([]float64(nil), b...)
	c0 := randMat(r, m, n, 0)
	for _, add := range []bool{false, true} {
		name := fmt.Sprintf("m=%d k=%d n=%d MulAddTo=%v", m, k, n, add)
		product := func(impl Impl) []float64 {
			const guard = 11
			sentinel := math.Float64frombits(0x7ff8dead0000beef) // a NaN no product makes
			buf := make([]float64, guard+m*n+guard)
			for i := range buf {
				buf[i] = sentinel
			}
			c := buf[guard : guard+m*n]
			copy(c, c0)
			withImpl(impl, func() {
				if add {
					MulAddTo(c, a, b, m, k, n)
				} else {
					MulTo(c, a, b, m, k, n)
				}
			})
			for i := range buf {
				if (i < guard || i >= guard+m*n) && math.Float64bits(buf[i]) != math.Float64bits(sentinel) {
					t.Fatalf("%s, %v: element %d of the guard region around C was written", name, impl, i-guard)
				}
			}
			return c
		}
		want := product(PureGo)
		got := product(AVX2)
		assertSameBits(t, name, got, want)
		assertSameBits(t, name+": A changed", a, a0)
		assertSameBits(t, name+": B changed", b, b0)
	}
}

// Truth: the contract's naive loop. A and B may be the same slice (XᵀX-like
// products of a square matrix with itself).
func TestAVX2AllowsAAndBToAlias(t *testing.T) {
	requireAVX2(t)
	r := rand.New(rand.NewPCG(7, 7))
	for _, n := range []int{1, 5, 9, 67, 130} {
		x := randMat(r, n, n, 0)
		want := make([]float64, n*n)
		naiveMulAdd(want, x, x, n, n, n)
		got := make([]float64, n*n)
		withImpl(AVX2, func() { MulTo(got, x, x, n, n, n) })
		assertSameBits(t, fmt.Sprintf("n=%d X·X", n), got, want)
	}
}

// Truth: the CPU flags Linux reports in /proc/cpuinfo ("avx2" when the CPU
// has it and the kernel enabled the YMM state).
func TestAVX2IsAvailableExactlyWhenTheCPUReportsIt(t *testing.T) {
	info, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skip("no /proc/cpuinfo:", err)
	}
	flags := ""
	for _, line := range strings.Split(string(info), "\n") {
		if strings.HasPrefix(line, "flags") {
			flags = " " + line + " "
			break
		}
	}
	want := strings.Contains(flags, " avx2 ")
	if got := Available(AVX2); got != want {
		t.Fatalf("Available(AVX2) = %v, /proc/cpuinfo says avx2 = %v", got, want)
	}
	if want && defaultImpl() != AVX2 {
		t.Fatalf("default implementation %v on a CPU with AVX2, want avx2", defaultImpl())
	}
}
