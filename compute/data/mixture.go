package data

import (
	"errors"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/rng"
)

// MixtureSettings describes a balanced mixture of C isotropic Gaussians in
// ℝᵈ, Sagun's blobs. Zero fields mean the defaults given below, which follow
// Sagun, Bottou & LeCun (2016): 2-D blobs with 100 training points.
type MixtureSettings struct {
	// Classes is the number of components and classes C, 2…100 (default 3).
	Classes int
	// Dim is the input dimension d, 1…4096 (default 2).
	Dim int
	// Separation s is the distance of each class mean from the origin, in
	// units of the within-class standard deviation, 0…1000 (default 3).
	// Because 0 means the default, use a tiny value such as 1e-9 for classes
	// that cannot be told apart.
	Separation float64
	// Train and Test are the sample counts of the two sets, each 1…100,000
	// (defaults 100 and 1,000), with (Train + Test)·Dim ≤ MaxElements.
	Train, Test int
	// Seed selects the random streams; every value, including 0, is a seed.
	Seed uint64
}

// Defaults of MixtureSettings.
const (
	defaultMixtureClasses    = 3
	defaultMixtureDim        = 2
	defaultMixtureSeparation = 3.0
	defaultMixtureTrain      = 100
	defaultTest              = 1000
	maxMixtureClasses        = 100
	maxSeparation            = 1000.0
)

// WithDefaults returns s with every zero field replaced by its default.
func (s MixtureSettings) WithDefaults() MixtureSettings {
	s.Classes = orDefault(s.Classes, defaultMixtureClasses)
	s.Dim = orDefault(s.Dim, defaultMixtureDim)
	s.Separation = orDefault(s.Separation, defaultMixtureSeparation)
	s.Train = orDefault(s.Train, defaultMixtureTrain)
	s.Test = orDefault(s.Test, defaultTest)
	return s
}

// Validate returns an error naming every field of s that is out of range,
// or nil. Zero fields are valid: they mean the default.
func (s MixtureSettings) Validate() error {
	const typ = "MixtureSettings"
	err := errors.Join(
		intField(typ, "Classes", s.Classes, 2, maxMixtureClasses, defaultMixtureClasses),
		intField(typ, "Dim", s.Dim, 1, maxDim, defaultMixtureDim),
		floatField(typ, "Separation", s.Separation, 0, maxSeparation, defaultMixtureSeparation),
		intField(typ, "Train", s.Train, 1, maxSamples, defaultMixtureTrain),
		intField(typ, "Test", s.Test, 1, maxSamples, defaultTest),
	)
	if err != nil {
		return err
	}
	d := s.WithDefaults()
	return budget(typ, d.Train, d.Test, d.Dim)
}

// Mixture draws a training and a test set from the Gaussian mixture that s
// describes: class means μ_c = s·u_c with u_c uniform on the unit sphere, and
// samples x = μ_y + ε with ε ~ N(0, I_d), so that every class has unit
// within-class standard deviation along every direction. The classes are
// balanced: in a set of n samples, class c appears ⌈(n−c)/C⌉ times, in random
// order. Both sets share the means.
//
// The draws come from stream rng.Data of s.Seed, in this order: the C unit
// vectors u_0 … u_{C−1} (rng.UnitSphere); then for the training set the
// shuffle of its labels and, sample by sample, the d coordinates of ε; then
// the same for the test set.
//
// Mixture returns an error, and no data, if s is invalid.
func Mixture(s MixtureSettings) (Split, error) {
	if err := s.Validate(); err != nil {
		return Split{}, err
	}
	s = s.WithDefaults()
	r := rng.New(s.Seed, rng.Data)
	means := make([]float64, s.Classes*s.Dim)
	for c := 0; c < s.Classes; c++ {
		mu := means[c*s.Dim : (c+1)*s.Dim]
		rng.UnitSphere(r, mu)
		for j := range mu {
			mu[j] *= s.Separation // μ_c = s·u_c
		}
	}
	train := mixtureSet(r, means, s.Classes, s.Dim, s.Train)
	test := mixtureSet(r, means, s.Classes, s.Dim, s.Test)
	return Split{Train: train, Test: test}, nil
}

// mixtureSet draws n balanced samples x = μ_y + ε from the mixture with the
// given row-major class means.
func mixtureSet(r *rand.Rand, means []float64, classes, dim, n int) Set {
	set := newClassSet(n, dim, classes, balancedLabels(r, n, classes))
	for i, c := range set.Labels {
		x := set.Row(i)
		rng.NormalVec(r, x)
		mu := means[c*dim : (c+1)*dim]
		for j := range x {
			x[j] += mu[j]
		}
	}
	return set
}
