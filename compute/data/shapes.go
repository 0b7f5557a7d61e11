package data

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// ShapeSettings describes a two-class set in the plane: two interleaving
// half circles ([Moons]) or two concentric circles ([Circles]), the shapes of
// scikit-learn's make_moons and make_circles. Zero fields mean the defaults
// given below.
type ShapeSettings struct {
	// Noise is the standard deviation of the Gaussian noise added to each
	// coordinate, in units of the outer radius (which is 1), 0…100. The
	// default 0 gives points exactly on the curves, as in scikit-learn.
	Noise float64
	// Factor is the radius of the inner circle of Circles relative to the
	// outer one, in (0, 1) (default 0.5). Moons ignores it.
	Factor float64
	// Train and Test are the sample counts of the two sets, each 1…100,000
	// (defaults 200 and 1,000).
	Train, Test int
	// Seed selects the random streams; every value, including 0, is a seed.
	Seed uint64
}

// Defaults of ShapeSettings.
const (
	defaultShapeFactor = 0.5
	defaultShapeTrain  = 200
)

// WithDefaults returns s with every zero field replaced by its default.
func (s ShapeSettings) WithDefaults() ShapeSettings {
	s.Factor = orDefault(s.Factor, defaultShapeFactor)
	s.Train = orDefault(s.Train, defaultShapeTrain)
	s.Test = orDefault(s.Test, defaultTest)
	return s
}

// Validate returns an error naming every field of s that is out of range,
// or nil. Zero fields are valid: they mean the default.
func (s ShapeSettings) Validate() error {
	const typ = "ShapeSettings"
	var factor error
	if !(s.Factor >= 0 && s.Factor < 1) {
		factor = fmt.Errorf("data: ShapeSettings.Factor = %v, want 0 < Factor < 1 (0 means %v)", s.Factor, defaultShapeFactor)
	}
	return errors.Join(
		floatField(typ, "Noise", s.Noise, 0, maxNoise, math.NaN()),
		factor,
		intField(typ, "Train", s.Train, 1, maxSamples, defaultShapeTrain),
		intField(typ, "Test", s.Test, 1, maxSamples, defaultTest),
	)
}

// Moons draws two interleaving half circles in ℝ²: class 0 is the upper half
// of the unit circle, (cos t, sin t), and class 1 the lower half circle
// shifted right and up, (1 − cos t, ½ − sin t), with t ∈ [0, π], each point
// then moved by N(0, Noise²) in each coordinate. These are the curves of
// scikit-learn's make_moons. scikit-learn puts the angles on an evenly
// spaced grid; Moons draws t uniformly from [0, π), the distribution that
// grid discretizes, so the training and test sets are independent samples.
// Classes are balanced as in [Mixture].
//
// The draws come from stream rng.Data of s.Seed: for the training set the
// shuffle of its labels and then, sample by sample, t and the two noise
// coordinates (drawn even when Noise is 0, so that changing the noise moves
// the same points); then the same for the test set.
//
// Moons returns an error, and no data, if s is invalid.
func Moons(s ShapeSettings) (Split, error) {
	return shapes(s, moon)
}

// Circles draws two concentric circles in ℝ²: class 0 on the unit circle
// (cos t, sin t) and class 1 on the circle of radius Factor, with t uniform in
// [0, 2π), each point then moved by N(0, Noise²) in each coordinate. These
// are the curves of scikit-learn's make_circles; as in [Moons], the angle is
// drawn uniformly rather than from a grid, the classes are balanced, and the
// draws come from stream rng.Data in the same order.
//
// Circles returns an error, and no data, if s is invalid.
func Circles(s ShapeSettings) (Split, error) {
	return shapes(s, circle)
}

// A curve maps a class and a uniform variate u ∈ [0, 1) to a point of the
// plane.
type curve func(class int, u, factor float64) (x, y float64)

// moon is make_moons' pair of half circles.
func moon(class int, u, _ float64) (x, y float64) {
	t := math.Pi * u
	if class == 0 {
		return fmath.Cos(t), fmath.Sin(t)
	}
	return 1 - fmath.Cos(t), 0.5 - fmath.Sin(t)
}

// circle is make_circles' pair of concentric circles.
func circle(class int, u, factor float64) (x, y float64) {
	t := 2 * math.Pi * u
	rad := 1.0
	if class == 1 {
		rad = factor
	}
	return rad * fmath.Cos(t), rad * fmath.Sin(t)
}

// shapes validates s and draws both sets from the curve.
func shapes(s ShapeSettings, c curve) (Split, error) {
	if err := s.Validate(); err != nil {
		return Split{}, err
	}
	s = s.WithDefaults()
	r := rng.New(s.Seed, rng.Data)
	train := shapeSet(r, c, s, s.Train)
	test := shapeSet(r, c, s, s.Test)
	return Split{Train: train, Test: test}, nil
}

// shapeSet draws n balanced noisy points from the curve.
func shapeSet(r *rand.Rand, c curve, s ShapeSettings, n int) Set {
	set := newClassSet(n, 2, 2, balancedLabels(r, n, 2))
	for i, class := range set.Labels {
		x, y := c(class, r.Float64(), s.Factor)
		set.X[2*i] = x + float64(s.Noise*rng.Normal(r))
		set.X[2*i+1] = y + float64(s.Noise*rng.Normal(r))
	}
	return set
}
