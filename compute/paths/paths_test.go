package paths

import (
	"math"
	"math/rand/v2"
	"testing"
)

// randomVec returns n standard normal entries from a fixed PCG stream.
func randomVec(n int, seed uint64) []float64 {
	r := rand.New(rand.NewPCG(seed, seed))
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()
	}
	return v
}

func TestLinearPathEndsAtItsEndpointsBitForBit(t *testing.T) {
	// Truth: the definition θ(α) = (1−α)θ_A + αθ_B, whose endpoints the doc
	// promises exactly, so that a path's end losses are the solutions' own.
	a, b := randomVec(50, 1), randomVec(50, 2)
	dst := make([]float64, 50)
	for _, c := range []struct {
		alpha float64
		want  []float64
	}{{0, a}, {1, b}} {
		LinearTo(dst, a, b, c.alpha)
		for i := range dst {
			if dst[i] != c.want[i] {
				t.Fatalf("α = %g: θ[%d] = %v, want %v exactly", c.alpha, i, dst[i], c.want[i])
			}
		}
	}
	// Extrapolation and the midpoint, by hand.
	LinearTo(dst, a, b, -0.5)
	if want := 1.5*a[7] - 0.5*b[7]; math.Abs(dst[7]-want) > 1e-15*(math.Abs(a[7])+math.Abs(b[7])) {
		t.Errorf("α = −½: θ[7] = %v, want 1.5·a − 0.5·b = %v", dst[7], want)
	}
	// dst may alias an endpoint.
	c := append([]float64(nil), a...)
	LinearTo(c, c, b, 0.5)
	if want := 0.5*a[3] + 0.5*b[3]; c[3] != want {
		t.Errorf("aliased midpoint θ[3] = %v, want %v", c[3], want)
	}
}

func TestGridsHoldTheEndpointsExactly(t *testing.T) {
	// Holds README.md, "Paths": the line is drawn "for α ∈ [−½, 3/2]".
	// Truth: LinearGrid's documentation (paths.go) — α_j = j/k on about
	// [−½, 3/2], so k = 50 gives 25 + 50 + 25 + 1 = 101 points, with α = 0 and
	// 1 on the grid (Barrier panics without them); j/k is correctly rounded
	// (IEEE 754 division), so k/k = 1 exactly.
	g := LinearGrid(50)
	if len(g) != 101 || g[0] != -0.5 || g[100] != 1.5 || g[25] != 0 || g[75] != 1 {
		t.Errorf("LinearGrid(50): %d points from %v to %v, α[25] = %v, α[75] = %v", len(g), g[0], g[len(g)-1], g[25], g[75])
	}
	for i := 1; i < len(g); i++ {
		if !(g[i] > g[i-1]) {
			t.Fatalf("LinearGrid is not increasing at %d", i)
		}
	}
	u := UnitGrid(25)
	if len(u) != 26 || u[0] != 0 || u[25] != 1 {
		t.Errorf("UnitGrid(25) = %v", u)
	}
	// The vertices of a six-vertex polygon sit on a grid of 5k steps, at the
	// α that Segments reports.
	seg := make(Polygon, 6).Segments()
	for k, s := range seg {
		if u[5*k] != s {
			t.Errorf("vertex %d: grid α %v, segment boundary %v", k, u[5*k], s)
		}
	}
}

func TestBarrierIsTheHeightAboveTheWorseEndpoint(t *testing.T) {
	// Truth: hand-computed. L(α) = 1 + α + 4α(1−α) on [0, 1] peaks at α = 5/8
	// with 1 + 5/8 + 4·(5/8)(3/8) = 2.5625; the worse endpoint is L(1) = 2.
	alpha := LinearGrid(8)
	loss := make([]float64, len(alpha))
	for i, a := range alpha {
		loss[i] = 1 + a + 4*a*(1-a)
		if a < 0 || a > 1 {
			loss[i] = 100 // outside [0, 1]: ignored
		}
	}
	if b := Barrier(alpha, loss); math.Abs(b-0.5625) > 1e-15 {
		t.Errorf("barrier %v, want 0.5625", b)
	}
	// A monotone path has no barrier.
	for i, a := range alpha {
		loss[i] = 3 - a
	}
	if b := Barrier(alpha, loss); b != 0 {
		t.Errorf("monotone path: barrier %v, want 0", b)
	}
	defer func() {
		if recover() == nil {
			t.Error("Barrier without α = 1 on the grid did not panic")
		}
	}()
	Barrier([]float64{0, 0.5}, []float64{1, 2})
}

func TestPolygonPassesThroughItsVertices(t *testing.T) {
	// Truth: the definition of a polygonal path; endpoints exactly, inner
	// vertices to rounding (α·(K−1) is rounded).
	p := Polygon{randomVec(9, 1), randomVec(9, 2), randomVec(9, 3), randomVec(9, 4)}
	dst := make([]float64, 9)
	for k, a := range p.Segments() {
		p.PointTo(dst, a)
		for i := range dst {
			tol := 0.0
			if k > 0 && k < len(p)-1 {
				tol = 1e-15 * (math.Abs(p[k-1][i]) + math.Abs(p[k][i]) + math.Abs(p[k+1][i]))
			}
			if math.Abs(dst[i]-p[k][i]) > tol {
				t.Fatalf("vertex %d at α = %v: θ[%d] = %v, want %v", k, a, i, dst[i], p[k][i])
			}
		}
	}
	// Midway along segment 1 (α = ½ of [⅓, ⅔]): the mean of vertices 1 and 2.
	p.PointTo(dst, 0.5)
	if want := (p[1][4] + p[2][4]) / 2; math.Abs(dst[4]-want) > 1e-15 {
		t.Errorf("α = ½: θ[4] = %v, want %v", dst[4], want)
	}
}
