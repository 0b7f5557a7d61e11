package bench

import (
	"fmt"
	"sync"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// spec is one workload: a network and the training set it is scored on.
type spec struct {
	arch nn.Arch
	load func(digits []byte) (data.Split, error)
}

// specs holds the workloads of the package documentation, by name.
var specs = map[string]spec{
	"W0": {
		arch: nn.Arch{Sizes: []int{2, 10, 5, 2}, Act: nn.ReLU, Loss: nn.CrossEntropy},
		load: func([]byte) (data.Split, error) {
			return data.Mixture(data.MixtureSettings{Classes: 2, Dim: 2, Separation: 3, Train: 100, Test: 100, Seed: 1})
		},
	},
	"W1": {
		arch: nn.Arch{Sizes: []int{64, 128, 128, 10}, Act: nn.Tanh, Loss: nn.CrossEntropy},
		load: func([]byte) (data.Split, error) {
			return data.Mixture(data.MixtureSettings{Classes: 10, Dim: 64, Separation: 3, Train: 1000, Test: 100, Seed: 1})
		},
	},
	"W2": {
		arch: nn.Arch{Sizes: []int{784, 100, 10}, Act: nn.Tanh, Loss: nn.CrossEntropy},
		load: func(digits []byte) (data.Split, error) {
			return data.Digits(digits, data.DigitsSettings{Train: 1000, Test: 100, Size: 28, Seed: 1})
		},
	},
}

// Names returns the names of the workloads in order of size: W0, W1, W2.
func Names() []string { return []string{"W0", "W1", "W2"} }

// cache holds the training sets already built, by workload name, so that the
// many sub-benchmarks of a run decode the digits asset once.
var cache struct {
	sync.Mutex
	sets map[string]*data.Set
}

// Workload returns workload name (see the package documentation) as the
// full-batch mean training loss of its network and the initial parameters θ,
// drawn by nn.Initialize with nn.InitDefault from rng.New(1, rng.Init).
// Every call returns a new Objective and θ; the training set behind them is
// built once and shared, and must not be modified.
//
// digits is the MNIST asset (web/data/digits.bin.gz), needed by W2 only;
// compute/ reads no files, so the caller loads it.
//
// It panics if name is not one of Names, or if a workload's data cannot be
// built (for W2, a missing or corrupt digits asset).
func Workload(name string, digits []byte) (*nn.Objective, []float64) {
	s, ok := specs[name]
	if !ok {
		panic("bench: unknown workload " + name)
	}
	set := trainingSet(name, s, digits)
	arch := s.arch
	arch.Sizes = append([]int(nil), s.arch.Sizes...)
	obj := &nn.Objective{Arch: &arch, Data: set}
	if err := obj.Check(); err != nil {
		panic(fmt.Sprintf("bench: workload %s: %v", name, err))
	}
	theta := make([]float64, arch.NumParams())
	nn.Initialize(theta, &arch, nn.InitDefault, 0, rng.New(1, rng.Init))
	return obj, theta
}

// trainingSet returns the cached training set of workload name, building it
// on first use.
func trainingSet(name string, s spec, digits []byte) *data.Set {
	cache.Lock()
	defer cache.Unlock()
	if set, ok := cache.sets[name]; ok {
		return set
	}
	split, err := s.load(digits)
	if err != nil {
		panic(fmt.Sprintf("bench: workload %s: %v", name, err))
	}
	if cache.sets == nil {
		cache.sets = make(map[string]*data.Set)
	}
	cache.sets[name] = &split.Train
	return &split.Train
}
