package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// naiveMulAdd is the contract written as plainly as possible: each C[i,j]
// adds A[i,p]·B[p,j] for p ascending, starting from the old C[i,j]. It is the
// reference every implementation must equal bit for bit.
func naiveMulAdd(c, a, b []float64, m, k, n int) {
	for i := 0; i < m; i++ {
		for j := 0; j < n; j++ {
			s := c[i*n+j]
			for p := 0; p < k; p++ {
				s += float64(a[i*k+p] * b[p*n+j])
			}
			c[i*n+j] = s
		}
	}
}

func randMat(r *rand.Rand, rows, cols int, zeroFrac float64) []float64 {
	x := make([]float64, rows*cols)
	for i := range x {
		if r.Float64() >= zeroFrac {
			x[i] = r.Float64()*2 - 1
		}
	}
	return x
}

// implementations returns the implementations available here: PureGo, Gonum
// and AVX2 natively (AVX2 where the CPU has it), and SIMD when a js/wasm
// test binary has registered it (as `make test-wasm-simd` does).
func implementations() []Impl {
	var out []Impl
	for _, impl := range []Impl{PureGo, Gonum, SIMD, AVX2} {
		if Available(impl) {
			out = append(out, impl)
		}
	}
	return out
}

// Shapes include zero sizes, sizes below and off the 4×4 block, and sizes
// large enough for gonum to split C into parallel 64×64 blocks.
var shapes = [][3]int{
	{0, 3, 4}, {3, 0, 4}, {3, 4, 0}, {1, 1, 1}, {1, 7, 1}, {3, 5, 7}, {4, 4, 4},
	{5, 9, 6}, {8, 1, 8}, {13, 17, 11}, {64, 64, 64}, {130, 67, 129}, {200, 300, 10},
}

func TestEveryImplementationEqualsTheContractBitForBit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	defer Use(Current())
	for _, impl := range implementations() {
		Use(impl)
		for _, sh := range shapes {
			for _, zeroFrac := range []float64{0, 0.5} { // 0.5 mimics ReLU activations
				m, k, n := sh[0], sh[1], sh[2]
				name := fmt.Sprintf("%v m=%d k=%d n=%d zeros=%v", impl, m, k, n, zeroFrac)
				a, b := randMat(r, m, k, zeroFrac), randMat(r, k, n, 0)
				c0 := randMat(r, m, n, 0)

				want := make([]float64, m*n)
				naiveMulAdd(want, a, b, m, k, n)
				got := randMat(r, m, n, 0) // garbage that MulTo must overwrite
				MulTo(got, a, b, m, k, n)
				assertBits(t, name+" MulTo", got, want)

				want = append([]float64(nil), c0...)
				naiveMulAdd(want, a, b, m, k, n)
				got = append([]float64(nil), c0...)
				MulAddTo(got, a, b, m, k, n)
				assertBits(t, name+" MulAddTo", got, want)
			}
		}
	}
}

func assertBits(t *testing.T, name string, got, want []float64) {
	t.Helper()
	for i := range want {
		if math.Float64bits(got[i]) != math.Float64bits(want[i]) && !(got[i] == 0 && want[i] == 0) {
			t.Fatalf("%s: element %d = %v, want %v (bits differ)", name, i, got[i], want[i])
		}
	}
}

func TestMulToLeavesEverythingOutsideCUntouched(t *testing.T) {
	// Guard regions: C sits inside a larger slice whose other elements must
	// keep their sentinel value.
	defer Use(Current())
	for _, impl := range implementations() {
		Use(impl)
		const m, k, n, guard = 5, 6, 7, 9
		r := rand.New(rand.NewPCG(2, 2))
		buf := make([]float64, guard+m*n+guard)
		for i := range buf {
			buf[i] = -12345
		}
		MulTo(buf[guard:guard+m*n], randMat(r, m, k, 0), randMat(r, k, n, 0), m, k, n)
		for i := range buf {
			if (i < guard || i >= guard+m*n) && buf[i] != -12345 {
				t.Fatalf("%v: element %d outside C was written", impl, i)
			}
		}
	}
}

func TestShapeMismatchPanicsWithPackagePrefix(t *testing.T) {
	defer func() {
		if msg, _ := recover().(string); len(msg) < 8 || msg[:8] != "kernel: " {
			t.Fatalf("panic %q, want a message starting with \"kernel: \"", msg)
		}
	}()
	MulTo(make([]float64, 3), make([]float64, 4), make([]float64, 4), 2, 2, 2)
}

func TestTransposeTo(t *testing.T) {
	// Truth: the definition dst[j][i] = src[i][j].
	r := rand.New(rand.NewPCG(3, 3))
	for _, sh := range [][2]int{{0, 5}, {1, 1}, {3, 40}, {33, 17}} {
		rows, cols := sh[0], sh[1]
		src := randMat(r, rows, cols, 0)
		dst := make([]float64, rows*cols)
		TransposeTo(dst, src, rows, cols)
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				if dst[j*rows+i] != src[i*cols+j] {
					t.Fatalf("%dx%d: dst[%d][%d] != src[%d][%d]", rows, cols, j, i, i, j)
				}
			}
		}
	}
}
