package kernel

import (
	"math"
	"math/rand/v2"
	"testing"
)

// SetSplit changes how many goroutines share a product, never its bits:
// the contract (naiveMulAdd) for products large enough to be split by rows
// and by columns, with the split off (1), at 2, and at GOMAXPROCS (0).
func TestSetSplitKeepsTheBits(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	defer SetSplit(SetSplit(0))
	for _, impl := range implementations() {
		defer Use(Use(impl))
		for _, sh := range [][3]int{{400, 70, 90}, {6, 300, 400}} {
			m, k, n := sh[0], sh[1], sh[2]
			a, b, c0 := randMat(r, m, k, 0), randMat(r, k, n, 0), randMat(r, m, n, 0)
			want := append([]float64(nil), c0...)
			naiveMulAdd(want, a, b, m, k, n)
			for _, split := range []int{1, 2, 0} {
				SetSplit(split)
				got := append([]float64(nil), c0...)
				MulAddTo(got, a, b, m, k, n)
				for i := range got {
					if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
						t.Fatalf("%v %dx%dx%d split %d: C[%d] = %v, want %v", impl, m, k, n, split, i, got[i], want[i])
					}
				}
			}
		}
	}
	if prev := SetSplit(3); prev != 0 {
		t.Errorf("SetSplit returned %d, want the cap set before it (0)", prev)
	}
}
