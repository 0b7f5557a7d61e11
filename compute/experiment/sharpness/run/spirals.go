package run

import (
	"math"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// Spirals returns n points of two interleaved spirals (n/2 per arm): with
// t = √u·3π, u uniform on [0, 1), arm 0 is (t cos t, t sin t) and arm 1 its
// negative, each point plus noise·N(0, 1) per coordinate; the inputs are then
// divided by their global standard deviation. Draws come from stream
// rng.Data of seed. n must be even.
func Spirals(n int, noise float64, seed uint64) data.Set {
	r := rng.New(seed, rng.Data)
	s := data.Set{N: n, Dim: 2, X: make([]float64, 2*n), Classes: 2, Labels: make([]int, n)}
	for i := 0; i < n/2; i++ {
		t := math.Sqrt(rng.Uniform(r)) * 3 * math.Pi
		x, y := t*fmath.Cos(t), t*fmath.Sin(t)
		for arm, sign := range []float64{1, -1} {
			k := 2*i + arm
			s.X[2*k] = float64(sign*x) + float64(noise*rng.Normal(r))
			s.X[2*k+1] = float64(sign*y) + float64(noise*rng.Normal(r))
			s.Labels[k] = arm
		}
	}
	// X /= std(X), the standard deviation of all 2n coordinates.
	var mean float64
	for _, v := range s.X {
		mean += v
	}
	mean /= float64(len(s.X))
	var ss float64
	for _, v := range s.X {
		d := v - mean
		ss += float64(d * d)
	}
	std := math.Sqrt(ss / float64(len(s.X)))
	for i := range s.X {
		s.X[i] /= std
	}
	return s
}
