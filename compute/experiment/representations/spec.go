package representations

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
)

// Name is the experiment's name: its CLI command, page path and job kinds.
const Name = "representations"

// Spec is the spec of a representations run. Model selects the study; the
// other keys configure it (the page shows only the keys of the selected
// model, see Keys). Default gives the defaults; tags give each field's key
// and range.
type Spec struct {
	Model string `json:"model" key:"model" enum:"svcca,mhe,forde" help:"what to study: svcca, how each layer's representation converges to its final self during training (Raghu et al. 2017); mhe, how a minimum-hyperspherical-energy penalty spreads the first layer's units over the sphere (Liu et al. 2018); forde, an ensemble whose members repel each other in input-gradient space against a plain deep ensemble (Trinh et al. 2024)"`

	Data    string `json:"data" key:"data" enum:"teacher,digits,blobs" help:"training data: a tanh teacher on Gaussian inputs (labels argmax tanh(xW)V), MNIST digits, or Gaussian blobs in the plane (forde)"`
	Dim     int    `json:"dim" key:"dim" min:"2" max:"256" help:"input dimension of the teacher data"`
	Classes int    `json:"classes" key:"classes" min:"2" max:"20" help:"classes of the teacher data (digits have 10)"`
	Samples int    `json:"samples" key:"samples" min:"100" max:"10000" help:"training samples"`
	Pixels  int    `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`

	Width  int     `json:"width" key:"width" min:"4" max:"256" help:"units of every hidden layer"`
	Layers int     `json:"layers" key:"layers" min:"1" max:"10" help:"hidden ReLU layers (svcca: at least 2)"`
	LR     float64 `json:"lr" key:"lr" min:"1e-5" max:"10" help:"SGD learning rate"`
	Batch  int     `json:"batch" key:"batch" min:"1" max:"10000" help:"minibatch size of SGD"`
	Steps  int     `json:"steps" key:"steps" min:"10" max:"100000" help:"SGD steps"`
	Every  int     `json:"every" key:"every" min:"1" max:"100000" help:"steps between activation snapshots (the first is at step 0, the last at the final step)"`

	Probe     int     `json:"probe" key:"probe" min:"20" max:"2000" help:"probe points whose activations are snapshotted (drawn like the training data)"`
	Variance  float64 `json:"variance" key:"variance" min:"0.5" max:"1" help:"fraction of each representation's variance its SVD truncation keeps before CCA (1 = every direction of nonzero variance)"`
	Power     int     `json:"power" key:"power" enum:"0,1,2" help:"s of the hyperspherical energy of the first layer's normalised units (weights and bias): 0 = Σ −log‖ŵᵢ−ŵⱼ‖, 1 = Σ 1/‖ŵᵢ−ŵⱼ‖ (Thomson), 2 = Σ 1/‖ŵᵢ−ŵⱼ‖²"`
	HalfSpace bool    `json:"halfspace" key:"halfspace" help:"half-space MHE: the energy of the 2N points ±ŵᵢ, so a unit and its negative count as close"`
	Lambda    float64 `json:"lambda" key:"lambda" min:"1e-6" max:"100" help:"largest weight λ of the MHE penalty λ·E_s in the sweep"`
	Lambdas   int     `json:"lambdas" key:"lambdas" min:"2" max:"8" help:"λ values of the sweep: 0, then lambda/10^(lambdas−2), …, lambda/10, lambda"`

	Members   int     `json:"members" key:"members" min:"1" max:"8" help:"ensemble members M (forde)"`
	Repulsion float64 `json:"repulsion" key:"repulsion" min:"0" max:"100" help:"weight ρ of FoRDE's repulsion ρ·R_i beside each member's mean cross-entropy (forde; the deep ensemble has none; the FoRDE code's own weight is 1/batch)"`

	Seeds int    `json:"seeds" key:"seeds" min:"1" max:"8" help:"networks trained from seeds seed, seed+1, … (for each λ with mhe); curves are means over them"`
	Seed  uint64 `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the data (all networks share it) and of the first network"`
}

// Default returns the spec the page opens with, a few seconds in a browser:
// a 20-32×5-10 ReLU MLP trained for 2000 SGD steps on a 10-class teacher,
// with 500 probe points snapshotted every 200 steps, three seeds.
func Default() Spec { return DefaultFor("svcca") }

// DefaultFor returns the defaults of model (svcca or mhe; anything else
// gives svcca's). mhe: a 2-12-3 ReLU network on the 3-class teacher in
// the plane, so its 12 units (weights and bias) live on the sphere S²,
// trained with the Thomson energy at λ = 0, 0.001 … 1, three seeds.
// forde: ensembles of four 2-16-16-3 tanh networks on three blobs in the
// plane, 400 SGD steps of 32, repulsion 1/32 (train_forde.py's weight:
// the members' summed repulsion over the batch size, beside each member's
// mean cross-entropy), three seeds.
func DefaultFor(model string) Spec {
	s := Spec{
		Model: "svcca",
		Data:  "teacher", Dim: 20, Classes: 10, Samples: 4000, Pixels: 14,
		Width: 32, Layers: 5, LR: 0.05, Batch: 32, Steps: 2000, Every: 200,
		Probe: 500, Variance: 0.99, Power: 1, Lambda: 1, Lambdas: 5, Members: 4, Repulsion: 1, Seeds: 3, Seed: 1,
	}
	switch model {
	case "forde":
		s.Model, s.Data, s.Classes, s.Samples, s.Width, s.Layers, s.LR, s.Batch, s.Steps, s.Repulsion = "forde", "blobs", 3, 300, 16, 2, 0.1, 32, 400, 0.03125
	case "mhe":
		s.Model, s.Dim, s.Classes, s.Samples, s.Width, s.Layers, s.LR, s.Batch, s.Steps = "mhe", 2, 3, 500, 12, 1, 0.05, 50, 2000
	}
	return s
}

// DefaultForQuery returns the defaults a link query starts from: those of
// the model it names, so a short link such as "model=mhe" gets the MHE
// network, not SVCCA's.
func DefaultForQuery(query string) Spec {
	values, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
	return DefaultFor(strings.ToLower(strings.TrimSpace(values.Get("model"))))
}

// modelKeys lists the keys each model reads besides model, data, its data
// keys, seeds and seed.
var modelKeys = map[string][]string{
	"svcca": {"width", "layers", "lr", "batch", "steps", "samples", "every", "probe", "variance"},
	"mhe":   {"width", "layers", "lr", "batch", "steps", "samples", "power", "halfspace", "lambda", "lambdas"},
	"forde": {"width", "layers", "lr", "batch", "steps", "samples", "members", "repulsion"},
}

// Uses reports whether key configures s's model (the others are kept in
// links but do nothing).
func (s *Spec) Uses(key string) bool {
	switch key {
	case "model", "data", "seeds", "seed":
		return true
	case "dim":
		return s.Data == "teacher"
	case "classes":
		return s.Data == "teacher" || s.Data == "blobs"
	case "pixels":
		return s.Data == "digits"
	}
	return slices.Contains(modelKeys[s.Model], key)
}

// Points returns the number of sweep points of the run: svcca, one per
// seed; mhe, one per λ and seed (λ outer); forde, the deep ensemble then
// FoRDE, one per seed each.
func (s Spec) Points() int {
	switch s.Model {
	case "mhe":
		return s.Lambdas * s.Seeds
	case "forde":
		return 2 * s.Seeds
	}
	return s.Seeds
}

// LambdaValues returns the λ of the MHE sweep: 0, then Lambda divided by
// 10^(Lambdas−2), …, 10, 1 (each by repeated exact division).
func (s Spec) LambdaValues() []float64 {
	l := make([]float64, s.Lambdas)
	for k := 1; k < s.Lambdas; k++ {
		v := s.Lambda
		for range s.Lambdas - 1 - k {
			v /= 10
		}
		l[k] = v
	}
	return l
}

// InputDim returns the input dimension of the data.
func (s Spec) InputDim() int {
	switch s.Data {
	case "digits":
		return s.Pixels * s.Pixels
	case "blobs":
		return 2
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
	if (s.Model == "forde") != (s.Data == "blobs") {
		return fmt.Errorf("data = %s with model = %s: forde trains on blobs, and only forde does", s.Data, s.Model)
	}
	if s.Model == "svcca" && s.Layers < 2 {
		return fmt.Errorf("layers = %d: svcca compares layers, give at least 2", s.Layers)
	}
	if s.Model == "svcca" && s.Every > s.Steps {
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
	return experiment.CheckCost(s.Cost(), "fewer steps, seeds, snapshots or probe points, or narrower layers",
		"fewer snapshots, probe points, layers or narrower layers")
}
