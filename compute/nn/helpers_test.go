package nn

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/rng"
)

// testCase is a small network and dataset on which derivatives are checked.
type testCase struct {
	name string
	arch Arch
	set  data.Set
}

// randomSet returns n samples in dim dimensions with either class labels
// (classes ≥ 2) or random regression targets of width out.
func randomSet(r *rand.Rand, n, dim, classes, out int) data.Set {
	s := data.Set{N: n, Dim: dim, X: make([]float64, n*dim), Classes: classes}
	rng.NormalVec(r, s.X)
	if classes > 0 {
		s.Labels = make([]int, n)
		for i := range s.Labels {
			s.Labels[i] = r.IntN(classes)
		}
		return s
	}
	s.Out = out
	s.Targets = make([]float64, n*out)
	rng.NormalVec(r, s.Targets)
	return s
}

// derivativeCases covers every activation and loss, deep and shallow
// networks, the mean-field output scale and bias-free layers.
func derivativeCases() []testCase {
	r := rng.New(11, rng.Data)
	var cases []testCase
	for _, act := range []Activation{Tanh, Sigmoid, ReLU, Linear} {
		for _, loss := range []Loss{CrossEntropy, Squared} {
			arch := Arch{Sizes: []int{3, 5, 4, 3}, Act: act, Loss: loss}
			set := randomSet(r, 7, 3, 3, 0)
			if loss == Squared {
				set = randomSet(r, 7, 3, 0, 3)
			}
			cases = append(cases, testCase{fmt.Sprintf("%v/%v/3-5-4-3", act, loss), arch, set})
		}
	}
	cases = append(cases,
		testCase{"tanh/mse/mean-field-no-bias", Arch{Sizes: []int{4, 6, 1}, Act: Tanh, Loss: Squared, OutScale: 1.0 / 6, NoBias: true}, randomSet(r, 9, 4, 0, 1)},
		testCase{"tanh/ce/squared-loss-on-labels", Arch{Sizes: []int{2, 4, 3}, Act: Tanh, Loss: Squared}, randomSet(r, 6, 2, 3, 0)},
	)
	return cases
}

// params returns initial parameters for a test case. The default
// initialisation draws nonzero biases; with zero biases a ReLU layer whose
// inputs are all dead sits exactly on the kink z = 0, where the loss has no
// derivative for finite differences to approximate.
func params(a *Arch, seed uint64) []float64 {
	theta := make([]float64, a.NumParams())
	Initialize(theta, a, InitDefault, 0, rng.New(seed, rng.Init))
	for i := range theta {
		theta[i] *= 2 // larger weights make the tanh/sigmoid curvature terms matter
	}
	return theta
}

func randomVec(n int, seed uint64) []float64 {
	v := make([]float64, n)
	rng.NormalVec(rng.New(seed, rng.Probes), v)
	return v
}

// relErr returns ‖a − b‖ / max(‖b‖, tiny).
func relErr(a, b []float64) float64 {
	var num, den float64
	for i := range a {
		d := a[i] - b[i]
		num += d * d
		den += b[i] * b[i]
	}
	return math.Sqrt(num) / math.Max(math.Sqrt(den), 1e-300)
}
