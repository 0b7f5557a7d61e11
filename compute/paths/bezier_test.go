package paths

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestBezierEndsAtItsEndpointsAndContainsTheLine(t *testing.T) {
	// Truth: the definition θ(t) = (1−t)²A + 2t(1−t)C + t²B (Garipov et al.
	// 2018, §3): t = 0, 1 give A, B exactly; C = (A+B)/2 gives the line.
	a, b := randomVec(20, 1), randomVec(20, 2)
	mid := make([]float64, 20)
	LinearTo(mid, a, b, 0.5)
	c := Bezier{A: a, C: mid, B: b}
	dst, line := make([]float64, 20), make([]float64, 20)
	for _, x := range []float64{0, 0.3, 0.5, 0.9, 1} {
		c.PointTo(dst, x)
		LinearTo(line, a, b, x)
		for i := range dst {
			exact := x == 0 || x == 1
			if d := math.Abs(dst[i] - line[i]); (exact && dst[i] != line[i]) || d > 1e-15*(math.Abs(a[i])+math.Abs(b[i])) {
				t.Fatalf("t = %g: θ[%d] = %v, the line gives %v", x, i, dst[i], line[i])
			}
		}
	}
}

func TestBezierTrainingFindsTheOptimalControlPoint(t *testing.T) {
	// Truth: for L(θ) = ½‖θ‖², ℓ(C) = ∫₀¹ ½‖(1−t)²A + 2t(1−t)C + t²B‖² dt is
	// minimised where ∫ 2t(1−t)θ(t) dt = 0. With ∫ t²(1−t)² = 1/30 and
	// ∫ t(1−t)³ = ∫ t³(1−t) = 1/20, that is (2/15)C + (1/10)(A + B) = 0,
	// C* = −¾(A + B). SGD over random t with η = 0.01 ends 0.7–3% from it
	// after 60000 steps (measured on five seeds); the test allows 5%.
	a, b := randomVec(6, 3), randomVec(6, 4)
	c := Bezier{A: a, B: b, C: make([]float64, 6)}
	LinearTo(c.C, a, b, 0.5)
	grad := func(g, theta []float64) float64 {
		var l float64
		for i, x := range theta {
			g[i] = x
			l += x * x / 2
		}
		return l
	}
	if _, err := c.Train(grad, rand.New(rand.NewPCG(1, 2)), BezierSettings{Steps: 60000, LR: 0.01}); err != nil {
		t.Fatal(err)
	}
	var miss, norm float64
	for i := range c.C {
		want := -0.75 * (a[i] + b[i])
		miss += (c.C[i] - want) * (c.C[i] - want)
		norm += want * want
	}
	r := math.Sqrt(miss / norm)
	t.Logf("‖C − C*‖/‖C*‖ = %.3g", r)
	if r > 0.05 {
		t.Errorf("‖C − C*‖/‖C*‖ = %.3g, want ≤ 0.05", r)
	}
	// A diverging step is reported with its number.
	_, err := c.Train(grad, rand.New(rand.NewPCG(1, 2)), BezierSettings{Steps: 2000, LR: 1e300})
	if err == nil || !strings.Contains(err.Error(), "diverged at step") {
		t.Errorf("err = %v, want divergence naming the step", err)
	}
}
