package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// Truth: MulTransATo's definition, TransposeTo then MulTo (each checked
// against its own definition in kernel_test.go), on every shape up to
// 9×9×9 and on shapes of W1's ∇W products (δᵀa: 10×1000×128, 128×1000×64),
// with C inside guard regions that must keep their sentinel.
func TestMulTransAToEqualsTransposeThenMulTo(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	defer Use(Current())
	var shapes [][3]int
	for m := 0; m <= 9; m++ {
		for k := 0; k <= 9; k++ {
			for n := 0; n <= 9; n++ {
				shapes = append(shapes, [3]int{m, k, n})
			}
		}
	}
	shapes = append(shapes, [3]int{10, 1000, 128}, [3]int{128, 1000, 64}, [3]int{13, 300, 17})
	for _, impl := range implementations() {
		Use(impl)
		for _, sh := range shapes {
			m, k, n := sh[0], sh[1], sh[2]
			name := fmt.Sprintf("%v m=%d k=%d n=%d", impl, m, k, n)
			a, b := randMat(r, k, m, 0.3), randMat(r, k, n, 0)
			at := make([]float64, m*k)
			TransposeTo(at, a, k, m)
			want := make([]float64, m*n)
			MulTo(want, at, b, m, k, n)

			const guard = 5
			sentinel := math.Float64frombits(0x7ff8dead0000beef)
			buf := make([]float64, guard+m*n+guard)
			for i := range buf {
				buf[i] = sentinel
			}
			got := buf[guard : guard+m*n]
			for i := range got {
				got[i] = 42 // garbage that MulTransATo must overwrite
			}
			MulTransATo(got, a, b, make([]float64, m*k), m, k, n)
			for i := range want {
				if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
					t.Fatalf("%s: element %d = %v, want %v", name, i, got[i], want[i])
				}
			}
			for i := range buf {
				if (i < guard || i >= guard+m*n) && math.Float64bits(buf[i]) != math.Float64bits(sentinel) {
					t.Fatalf("%s: element %d of the guard region was written", name, i-guard)
				}
			}
		}
	}
}

func TestMulTransAToPanicsOnAShortScratch(t *testing.T) {
	defer Use(Use(PureGo))
	defer func() {
		if msg, _ := recover().(string); len(msg) < 8 || msg[:8] != "kernel: " {
			t.Fatalf("panic %q, want a message starting with \"kernel: \"", msg)
		}
	}()
	MulTransATo(make([]float64, 4), make([]float64, 6), make([]float64, 6), make([]float64, 5), 2, 3, 2)
}
