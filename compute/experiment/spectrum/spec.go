package spectrum

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"

	"github.com/overparam/overparam/compute/arch"
)

// Spectrum is the spec of the Hessian-spectrum experiment (Sagun et al.
// 2016/2017): train an MLP, then estimate the spectrum of the Hessian (or
// Gauss-Newton matrix) of its mean training loss, without weight decay.
// Default gives the defaults; tags give each field's key and range.
type Spec struct {
	Data       string  `json:"data" key:"data" enum:"mixture,moons,circles,teacher,digits" help:"training data: Gaussian mixture, two moons, two circles, teacher–student regression or MNIST digits"`
	Classes    int     `json:"classes" key:"classes" min:"2" max:"100" help:"number of classes (mixture only; moons and circles have 2, digits 10)"`
	Dim        int     `json:"dim" key:"dim" min:"1" max:"1024" help:"input dimension (mixture and teacher; moons and circles are 2-D, digits 784 or 196)"`
	Separation float64 `json:"sep" key:"sep" min:"0" max:"100" help:"distance of each mixture mean from the origin, in within-class standard deviations"`
	Samples    int     `json:"samples" key:"samples" min:"2" max:"10000" help:"training samples (digits: at most 10000)"`
	Test       int     `json:"test" key:"test" min:"1" max:"10000" help:"test samples (digits: at most 2000)"`
	Noise      float64 `json:"noise" key:"noise" min:"0" max:"10" help:"input noise std of moons and circles, or target noise std of the teacher (in output std units)"`
	LabelNoise float64 `json:"labelnoise" key:"labelnoise" min:"0" max:"1" help:"fraction of training labels replaced by a random other class"`
	Pixels     int     `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`
	Teacher    int     `json:"teacher" key:"teacher" min:"1" max:"1024" help:"hidden ReLU units of the teacher network"`

	Hidden     []int   `json:"hidden" key:"hidden" min:"1" max:"1024" maxlen:"6" help:"comma-separated hidden layer widths, e.g. 64,64"`
	Activation string  `json:"activation" key:"activation" enum:"tanh,relu,sigmoid,linear" help:"hidden-layer activation"`
	Loss       string  `json:"loss" key:"loss" enum:"ce,mse" help:"loss: softmax cross-entropy or squared error"`
	Init       string  `json:"init" key:"init" enum:"default,gaussian" help:"initialisation: PyTorch's default or Gaussian N(0, 1/fan-in)"`
	Epochs     int     `json:"epochs" key:"epochs" min:"0" max:"100000" help:"passes over the training set; 0 computes the spectrum at initialisation"`
	LR         float64 `json:"lr" key:"lr" min:"1e-6" max:"100" help:"learning rate"`
	Batch      int     `json:"batch" key:"batch" min:"0" max:"10000" help:"minibatch size; 0 means full-batch gradient descent"`
	Momentum   float64 `json:"momentum" key:"momentum" min:"0" max:"0.999" help:"heavy-ball momentum"`
	Decay      float64 `json:"wd" key:"wd" min:"0" max:"10" help:"weight decay λ of the training penalty (λ/2)‖θ‖² (the spectrum excludes it)"`
	GradTol    float64 `json:"gradtol" key:"gradtol" min:"0" max:"10" help:"stop training once the gradient norm is at most this; 0 never stops early"`
	Seed       uint64  `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of every random stream: data, initialisation, batches, probes"`

	Curvature string  `json:"curvature" key:"curvature" enum:"hessian,ggn" help:"matrix whose spectrum is computed: the Hessian or the Gauss-Newton matrix"`
	Steps     int     `json:"steps" key:"steps" min:"2" max:"1000" help:"Lanczos steps per probe (operator products)"`
	Probes    int     `json:"probes" key:"probes" min:"1" max:"100" help:"probe vectors of the stochastic Lanczos quadrature density"`
	TopK      int     `json:"topk" key:"topk" min:"1" max:"100" help:"extreme eigenvalues reported at each end of the spectrum"`
	Sigma     float64 `json:"sigma" key:"sigma" min:"0" max:"1" help:"density kernel width as a fraction of the spectral range; 0 means √1e-5 ≈ 0.0032"`
	Dense     bool    `json:"dense" key:"dense" help:"also compute every eigenvalue of the dense matrix (at most 5000 parameters)"`
	Before    bool    `json:"before" key:"before" help:"also compute the spectrum at initialisation, for a before/after comparison"`
	Repeats   int     `json:"repeats" key:"repeats" min:"1" max:"16" help:"runs with seeds seed, seed+1, …, seed+repeats−1; the first is the result, the others are summarised beside it (outlier counts vary by seed)"`
}

// Default returns the spec the spectrum page opens with: ten classes,
// trained long enough for the C − 1 outliers to separate from the bulk, in a
// few seconds in a browser.
func Default() Spec {
	return Spec{
		Data: "mixture", Classes: 10, Dim: 20, Separation: 2, Samples: 1000, Test: 1000,
		Pixels: 28, Teacher: 4,
		Hidden: []int{64}, Activation: "tanh", Loss: "ce", Init: "default",
		Epochs: 300, LR: 0.5, Seed: 1,
		Curvature: "hessian", Steps: 80, Probes: 10, TopK: 20, Repeats: 1,
	}
}

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for the
// browser (with the limit).
//
// The estimate covers the whole run (see Cost): a run above SecondsLimit
// of estimated compute or MemoryLimit is refused with both stated.
func (s *Spec) Validate() error {
	if err := s.ValidateSetup(); err != nil {
		return err
	}
	if last := s.Seed + uint64(s.Repeats) - 1; last > experiment.MaxSeed {
		return fmt.Errorf("seed = %d with repeats = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Repeats, last, uint64(experiment.MaxSeed))
	}
	return experiment.CheckCost(s.Cost(), "fewer epochs, samples, probes, Lanczos steps, repeats or narrower layers",
		"fewer samples, narrower layers or fewer Lanczos steps")
}

// validateSetup checks the ranges and the data and model combinations:
// everything Validate checks but the seeds and the cost.
func (s *Spec) ValidateSetup() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	classification := s.Data != "teacher"
	if !classification && s.Loss == "ce" {
		return fmt.Errorf("loss = ce needs class labels, but data = teacher is a regression; use loss = mse")
	}
	if !classification && s.LabelNoise > 0 {
		return fmt.Errorf("labelnoise = %g needs class labels, but data = teacher is a regression", s.LabelNoise)
	}
	if err := experiment.CheckDataSize(s.Data, "samples", s.Samples, "test", s.Test, s.InputDim()); err != nil {
		return err
	}
	if s.Data == "mixture" && s.Separation == 0 {
		return fmt.Errorf("sep = 0 makes the classes identical; choose a separation above 0")
	}
	if s.TopK > s.Steps {
		return fmt.Errorf("topk = %d exceeds steps = %d: Lanczos finds at most one eigenvalue per step", s.TopK, s.Steps)
	}
	p := s.Arch().NumParams()
	if s.Dense && p > arch.MaxDenseParams {
		return fmt.Errorf("dense = true needs at most %d parameters; this network has %d", arch.MaxDenseParams, p)
	}
	return nil
}

// InputDim returns the network's input width for the spec's data.
func (s *Spec) InputDim() int {
	switch s.Data {
	case "moons", "circles":
		return 2
	case "digits":
		return s.Pixels * s.Pixels
	}
	return s.Dim
}

// OutputDim returns the network's output width: the number of classes, or 1
// for the teacher's regression.
func (s *Spec) OutputDim() int {
	switch s.Data {
	case "moons", "circles":
		return 2
	case "digits":
		return 10
	case "teacher":
		return 1
	}
	return s.Classes
}

// Arch returns the network the spec trains. It assumes valid enum fields.
func (s *Spec) Arch() *arch.Arch {
	sizes := append([]int{s.InputDim()}, s.Hidden...)
	sizes = append(sizes, s.OutputDim())
	act, _ := arch.ParseActivation(s.Activation)
	loss, _ := arch.ParseLoss(s.Loss)
	return &arch.Arch{Sizes: sizes, Act: act, Loss: loss}
}

// Bytes estimates the memory the run needs: the data, the cached passes of
// training and of the curvature's sample blocks, the Lanczos basis, and the dense
// matrix if requested.
func (s *Spec) Bytes() int64 {
	a := s.Arch()
	p := int64(a.NumParams())
	b := 8 * int64(s.Samples+s.Test) * int64(s.InputDim())
	b += arch.CurvatureBytes(a, s.Samples) + blockedCurvatureBytes(a, s.Samples)
	b += experiment.LanczosBytes(int(p), s.Steps)
	b += 8 * 4 * p
	if s.Dense {
		b += 3 * 8 * p * p
	}
	return b
}

// Cost estimates the whole run as the browser's worker pool runs it: the
// training (train.Run's steps and curve checkpoints), then for every probe
// a job that rebuilds the curvature at θ (one gradient pass) and takes
// min(steps, parameters) products with Lanczos's reorthogonalisation,
// probe 0's dense matrix (from the whole-batch curvature, one more gradient
// pass) and eigenvalues if asked, the same for the
// spectrum at initialisation (before) and for every further seed
// (repeats). It assumes valid enum fields.
func (s *Spec) Cost() experiment.Cost {
	c := s.runCost()
	if s.Before && s.Epochs > 0 {
		init := s.Initial()
		c = c.Add(init.runCost())
	}
	if s.Repeats > 1 {
		seeded := s.Repeat(1)
		c = c.Add(seeded.runCost().Times(s.Repeats - 1))
	}
	return c.Finish()
}

// runCost is the Cost of one seed's training and spectrum.
func (s *Spec) runCost() experiment.Cost {
	a := s.Arch()
	p := a.NumParams()
	n := float64(s.Samples)
	m := min(s.Steps, p)
	pass := experiment.TrainPasses(s.Epochs, s.Samples, s.Test, s.Batch, 0)
	// Products that feed sums are rounded, float64(x*y), as in mlpCost.
	products := float64(float64(s.Probes) * float64(m))
	if s.Dense {
		products += float64(p)
	}
	pass.Grad += float64(float64(s.Probes) * n) // each probe job's curvature at θ
	if s.Dense {
		pass.Grad += n // the dense eigenvalues' whole-batch curvature at θ, beside probe 0's blocked one
	}
	pass.HVP += float64(products * n)
	c := experiment.MLPCost(a, pass, s.Curvature == "hessian")
	c.Products = experiment.ToInt(products)
	extra := float64(float64(s.Probes) * experiment.LanczosOps(p, m))
	if s.Dense {
		extra += experiment.DenseOps(p)
	}
	c.Ops = experiment.SatAdd(c.Ops, experiment.ToInt(extra))
	c.Bytes = s.Bytes()
	return c
}
