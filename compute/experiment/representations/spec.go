package representations

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
)

// Name is the experiment's name: its CLI command, page path and job kinds.
const Name = "representations"

// Spec is the spec of a representations run. Model selects the study; the
// other keys configure it (the page shows only the keys of the selected
// model, see Keys). Default gives the defaults; tags give each field's key
// and range.
type Spec struct {
	Model string `json:"model" key:"model" enum:"svcca" help:"what to study: svcca, how each layer's representation converges to its final self during training (Raghu et al. 2017)"`

	Data    string `json:"data" key:"data" enum:"teacher,digits" help:"training data: a 10-class tanh teacher on Gaussian inputs (labels argmax tanh(xW)V) or MNIST digits"`
	Dim     int    `json:"dim" key:"dim" min:"2" max:"256" help:"input dimension of the teacher data"`
	Classes int    `json:"classes" key:"classes" min:"2" max:"20" help:"classes of the teacher data (digits have 10)"`
	Samples int    `json:"samples" key:"samples" min:"100" max:"10000" help:"training samples"`
	Pixels  int    `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`

	Width  int     `json:"width" key:"width" min:"4" max:"256" help:"units of every hidden layer"`
	Layers int     `json:"layers" key:"layers" min:"2" max:"10" help:"hidden ReLU layers"`
	LR     float64 `json:"lr" key:"lr" min:"1e-5" max:"10" help:"SGD learning rate"`
	Batch  int     `json:"batch" key:"batch" min:"1" max:"10000" help:"minibatch size of SGD"`
	Steps  int     `json:"steps" key:"steps" min:"10" max:"100000" help:"SGD steps"`
	Every  int     `json:"every" key:"every" min:"1" max:"100000" help:"steps between activation snapshots (the first is at step 0, the last at the final step)"`

	Probe    int     `json:"probe" key:"probe" min:"20" max:"2000" help:"probe points whose activations are snapshotted (drawn like the training data)"`
	Variance float64 `json:"variance" key:"variance" min:"0.5" max:"1" help:"fraction of each representation's variance its SVD truncation keeps before CCA (1 = every direction of nonzero variance)"`
	Seeds    int     `json:"seeds" key:"seeds" min:"1" max:"8" help:"networks trained from seeds seed, seed+1, …; curves are means over them"`
	Seed     uint64  `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the data (all networks share it) and of the first network"`
}

// Default returns the spec the page opens with, a few seconds in a browser:
// a 20-32×5-10 ReLU MLP trained for 2000 SGD steps on a 10-class teacher,
// with 500 probe points snapshotted every 200 steps, three seeds.
func Default() Spec {
	return Spec{
		Model: "svcca",
		Data:  "teacher", Dim: 20, Classes: 10, Samples: 4000, Pixels: 14,
		Width: 32, Layers: 5, LR: 0.05, Batch: 32, Steps: 2000, Every: 200,
		Probe: 500, Variance: 0.99, Seeds: 3, Seed: 1,
	}
}

// Keys lists the keys that configure model (the others are kept in links
// but do nothing).
func Keys(model string) []string {
	return []string{"model", "data", "dim", "classes", "samples", "pixels", "width", "layers", "lr", "batch", "steps", "every", "probe", "variance", "seeds", "seed"}
}

// Points returns the number of sweep points of the run: one per seed.
func (s Spec) Points() int { return s.Seeds }

// InputDim returns the input dimension of the data.
func (s Spec) InputDim() int {
	if s.Data == "digits" {
		return s.Pixels * s.Pixels
	}
	return s.Dim
}

// OutputDim returns the number of classes.
func (s Spec) OutputDim() int {
	if s.Data == "digits" {
		return 10
	}
	return s.Classes
}

// Sizes returns the layer widths of the MLP, input to output.
func (s Spec) Sizes() []int {
	sizes := []int{s.InputDim()}
	for range s.Layers {
		sizes = append(sizes, s.Width)
	}
	return append(sizes, s.OutputDim())
}

// SnapshotSteps returns the steps at which activations are snapshotted:
// 0, Every, 2·Every, … and the final step.
func (s Spec) SnapshotSteps() []int {
	var t []int
	for k := 0; k < s.Steps; k += s.Every {
		t = append(t, k)
	}
	return append(t, s.Steps)
}

// MaxSeed is the largest seed, the max tag of Seed.
const MaxSeed = 4294967295

// MaxDigitsSamples is the number of training digits in the asset
// (compute/data.MaxDigitsTrain; a test in package run checks they agree).
const MaxDigitsSamples = 10_000

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for the
// browser (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if s.Every > s.Steps {
		return fmt.Errorf("every = %d is more than steps = %d; snapshot at least once during training", s.Every, s.Steps)
	}
	if s.Batch > s.Samples {
		return fmt.Errorf("batch = %d is more than samples = %d", s.Batch, s.Samples)
	}
	if s.Data == "digits" && s.Samples > MaxDigitsSamples {
		return fmt.Errorf("samples = %d: the digits asset holds %d training digits", s.Samples, MaxDigitsSamples)
	}
	if last := s.Seed + uint64(s.Seeds) - 1; last > MaxSeed {
		return fmt.Errorf("seed = %d with seeds = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Seeds, last, uint64(MaxSeed))
	}
	return checkCost(s.Cost())
}
