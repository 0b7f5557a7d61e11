package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// teacherHidden is the hidden width of the tanh teacher that labels the
// teacher data.
const teacherHidden = 32

// svccaData returns the training set and the probe set of spec: for
// teacher data, Samples + Probe inputs x ~ N(0, I_dim) from stream rng.Data
// of Seed (training points first, row by row), labelled by
// argmax_c (tanh(xW)V)_c with W (dim×32) from N(0, 1/dim) and V (32×C)
// from N(0, 1), drawn in that order from stream rng.Teacher; for digits,
// Samples training digits and the first Probe test digits of the asset's
// subset of Seed.
func svccaData(s representations.Spec, a experiment.Assets) (train, probe data.Set, err error) {
	if s.Data == "digits" {
		split, err := data.Digits(a.Digits, data.DigitsSettings{Train: s.Samples, Test: s.Probe, Size: s.Pixels, Seed: s.Seed})
		if err != nil {
			return train, probe, fmt.Errorf("digits: %w", err)
		}
		return split.Train, split.Test, nil
	}
	d, c := s.Dim, s.Classes
	tr := rng.New(s.Seed, rng.Teacher)
	w := make([]float64, d*teacherHidden)
	rng.NormalVec(tr, w)
	scale := 1 / math.Sqrt(float64(d)) // correctly rounded everywhere
	for i := range w {
		w[i] *= scale
	}
	v := make([]float64, teacherHidden*c)
	rng.NormalVec(tr, v)
	dr := rng.New(s.Seed, rng.Data)
	draw := func(n int) data.Set {
		set := data.Set{X: make([]float64, n*d), N: n, Dim: d, Classes: c, Labels: make([]int, n)}
		rng.NormalVec(dr, set.X)
		h := make([]float64, teacherHidden)
		for i := range n {
			x := set.X[i*d : (i+1)*d]
			for k := range teacherHidden {
				var z float64
				for j := range d {
					z += float64(x[j] * w[j*teacherHidden+k])
				}
				h[k] = fmath.Tanh(z)
			}
			best, bestOut := 0, 0.0
			for cl := range c {
				var o float64
				for k := range teacherHidden {
					o += float64(h[k] * v[k*c+cl])
				}
				if cl == 0 || o > bestOut {
					best, bestOut = cl, o
				}
			}
			set.Labels[i] = best
		}
		return set
	}
	train = draw(s.Samples)
	probe = draw(s.Probe)
	return train, probe, nil
}
