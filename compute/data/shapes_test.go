package data

import (
	"math"
	"testing"
)

// shapeGenerators are the two 2-D generators under test.
var shapeGenerators = []struct {
	name string
	gen  func(ShapeSettings) (Split, error)
}{{"moons", Moons}, {"circles", Circles}}

func TestShapesAreDeterministicBalancedAndTwoDimensional(t *testing.T) {
	for _, g := range shapeGenerators {
		s := ShapeSettings{Noise: 0.1, Train: 101, Test: 50, Seed: 4}
		a, err := g.gen(s)
		if err != nil {
			t.Fatalf("%s: %v", g.name, err)
		}
		b, _ := g.gen(s)
		if splitFingerprint(a) != splitFingerprint(b) {
			t.Errorf("%s: two runs with seed 4 differ", g.name)
		}
		s.Seed = 5
		if c, _ := g.gen(s); fingerprint(&c.Train) == fingerprint(&a.Train) {
			t.Errorf("%s: seeds 4 and 5 give the same data", g.name)
		}
		checkValid(t, g.name+" train", &a.Train, 101, 2)
		checkValid(t, g.name+" test", &a.Test, 50, 2)
		checkBalanced(t, g.name+" train", &a.Train)
		checkBalanced(t, g.name+" test", &a.Test)
		if a.Train.Classes != 2 {
			t.Errorf("%s: Classes = %d, want 2", g.name, a.Train.Classes)
		}
	}
}

// Truth: the curves of scikit-learn's make_moons — class 0 on (cos t, sin t)
// and class 1 on (1 − cos t, ½ − sin t), t ∈ [0, π] — and make_circles with
// factor 0.5 — class 0 on the unit circle, class 1 on the circle of radius
// 0.5. Without noise every point lies on its curve to rounding (1e-12).
func TestNoiselessShapesLieOnScikitLearnsCurves(t *testing.T) {
	const tol = 1e-12
	moons, _ := Moons(ShapeSettings{Train: 500, Test: 10, Seed: 1})
	for i, y := range moons.Train.Labels {
		x := moons.Train.Row(i)
		cx, cy, upper := 0.0, 0.0, true // centre of the half circle, and which half
		if y == 1 {
			cx, cy, upper = 1, 0.5, false
		}
		r := math.Hypot(x[0]-cx, x[1]-cy)
		if math.Abs(r-1) > tol || (upper && x[1] < -tol) || (!upper && x[1] > 0.5+tol) {
			t.Fatalf("moons point %d of class %d at (%v, %v) is off its half circle", i, y, x[0], x[1])
		}
	}
	circles, _ := Circles(ShapeSettings{Train: 500, Test: 10, Seed: 1})
	for i, y := range circles.Train.Labels {
		x := circles.Train.Row(i)
		want := []float64{1, 0.5}[y]
		if r := math.Hypot(x[0], x[1]); math.Abs(r-want) > tol {
			t.Fatalf("circles point %d of class %d has radius %v, want %v", i, y, r, want)
		}
	}
	small, _ := Circles(ShapeSettings{Factor: 0.2, Train: 20, Test: 1, Seed: 1})
	for i, y := range small.Train.Labels {
		x := small.Train.Row(i)
		if r := math.Hypot(x[0], x[1]); y == 1 && math.Abs(r-0.2) > tol {
			t.Fatalf("Factor 0.2: inner point %d has radius %v", i, r)
		}
	}
}

// Truth: the documented draw order — noise coordinates are drawn even when
// Noise = 0 — so noisy minus noiseless data with the same seed is Noise times
// standard normal noise. Its mean and variance per coordinate are checked
// against 0 and Noise² within 5 standard errors (√(1/n) and √(2/n) in units
// of Noise and Noise²). The angles are uniform: the mean of (cos t, sin t)
// over the circles, whose points are unit vectors at angle t, is 0 within
// 5·√(1/(2n)).
func TestShapeNoiseIsGaussianWithTheRequestedStandardDeviation(t *testing.T) {
	const n, sigma = 20000, 0.3
	for _, g := range shapeGenerators {
		clean, _ := g.gen(ShapeSettings{Train: n, Test: 1, Seed: 9})
		noisy, _ := g.gen(ShapeSettings{Noise: sigma, Train: n, Test: 1, Seed: 9})
		for j := 0; j < 2; j++ {
			var m1, m2 float64
			for i := 0; i < n; i++ {
				e := (noisy.Train.X[2*i+j] - clean.Train.X[2*i+j]) / sigma
				m1 += e / n
				m2 += e * e / n
			}
			if math.Abs(m1) > 5/math.Sqrt(n) || math.Abs(m2-1) > 5*math.Sqrt(2.0/n) {
				t.Errorf("%s coordinate %d: noise/σ has mean %.4f and variance %.4f, want 0 and 1", g.name, j, m1, m2)
			}
		}
		if g.name != "circles" {
			continue
		}
		var c, s float64
		for i, y := range clean.Train.Labels {
			rad := []float64{1, 0.5}[y]
			c += clean.Train.X[2*i] / rad / n
			s += clean.Train.X[2*i+1] / rad / n
		}
		if tol := 5 / math.Sqrt(2*n); math.Abs(c) > tol || math.Abs(s) > tol {
			t.Errorf("circles: mean direction (%.4f, %.4f), want (0, 0) ± %.4f", c, s, tol)
		}
	}
}
