package paths

import "math"

// LinearTo sets dst = (1 − α)·a + α·b, the point at α of the linear path
// from a (α = 0) to b (α = 1); α outside [0, 1] extrapolates. At α = 0 and
// α = 1 dst is a and b exactly. dst may alias a or b. It panics if the
// lengths differ.
func LinearTo(dst, a, b []float64, alpha float64) {
	if len(a) != len(dst) || len(b) != len(dst) {
		panic("paths: LinearTo length mismatch")
	}
	beta := 1 - alpha
	for i := range dst {
		dst[i] = float64(beta*a[i]) + float64(alpha*b[i])
	}
}

// Polygon is the piecewise-linear path through its vertices, all of one
// length: with K vertices, vertex k sits at α = k/(K−1) and the path is
// linear in α between consecutive vertices.
type Polygon [][]float64

// Segments returns the α of the vertices, 0 = α₀ < α₁ < … < α_{K−1} = 1:
// the boundaries of the segments.
func (p Polygon) Segments() []float64 {
	k := len(p) - 1
	b := make([]float64, k+1)
	for i := range b {
		b[i] = float64(i) / float64(k)
	}
	return b
}

// PointTo sets dst to the point of the path at α ∈ [0, 1], (1−t)·v_s + t·v_{s+1}
// on segment s with t = α(K−1) − s. α = 0 and α = 1 give the first and last
// vertex exactly. It panics with fewer than two vertices, α outside [0, 1] or
// a length mismatch.
func (p Polygon) PointTo(dst []float64, alpha float64) {
	k := len(p) - 1
	if k < 1 || !(alpha >= 0 && alpha <= 1) {
		panic("paths: Polygon.PointTo needs two vertices and α in [0, 1]")
	}
	u := float64(alpha * float64(k))
	s := min(int(u), k-1)
	LinearTo(dst, p[s], p[s+1], u-float64(s))
}

// LinearGrid returns α_j = j/perUnit for j = −⌊perUnit/2⌋ … perUnit +
// ⌊perUnit/2⌋: the grid of a linear path on about [−½, 3/2], with α = 0 and
// α = 1 exactly on it. It panics if perUnit < 1.
func LinearGrid(perUnit int) []float64 {
	if perUnit < 1 {
		panic("paths: LinearGrid needs perUnit ≥ 1")
	}
	lo, hi := -(perUnit / 2), perUnit+perUnit/2
	return grid(lo, hi, perUnit)
}

// UnitGrid returns α_j = j/n for j = 0 … n: n equal steps on [0, 1].
// With n a multiple of K−1 it holds the vertices of a K-vertex Polygon as
// the grid points j = k·n/(K−1). It panics if n < 1.
func UnitGrid(n int) []float64 {
	if n < 1 {
		panic("paths: UnitGrid needs n ≥ 1")
	}
	return grid(0, n, n)
}

// grid returns j/per for j = lo … hi.
func grid(lo, hi, per int) []float64 {
	g := make([]float64, 0, hi-lo+1)
	for j := lo; j <= hi; j++ {
		g = append(g, float64(j)/float64(per))
	}
	return g
}

// Barrier returns max_{α∈[0,1]} loss(α) − max(loss(0), loss(1)) for a loss
// sampled at the grid alpha (any order): the height of the path's barrier
// above the worse endpoint, ≥ 0. It panics if the lengths differ or α = 0
// or α = 1 is not on the grid. A NaN loss on [0, 1] gives NaN.
func Barrier(alpha, loss []float64) float64 {
	if len(alpha) != len(loss) {
		panic("paths: Barrier length mismatch")
	}
	i0, i1 := -1, -1
	top := math.Inf(-1)
	for i, a := range alpha {
		switch {
		case a == 0:
			i0 = i
		case a == 1:
			i1 = i
		}
		if a >= 0 && a <= 1 {
			if math.IsNaN(loss[i]) {
				return math.NaN()
			}
			top = max(top, loss[i])
		}
	}
	if i0 < 0 || i1 < 0 {
		panic("paths: Barrier needs α = 0 and α = 1 on the grid")
	}
	return top - max(loss[i0], loss[i1])
}
