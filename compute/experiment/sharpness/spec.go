package sharpness

import (
	"fmt"
	"slices"

	"github.com/overparam/overparam/compute/arch"
	"github.com/overparam/overparam/compute/experiment"
)

// Spec is the spec of the sharpness experiment: full-batch training of one
// MLP on two spirals at every step size η = 2/e for e in Edges (one sweep
// point each), with the top Hessian eigenvalues of the training loss tracked
// by warm-started Lanczos every Every steps (and at every step of the last
// Zoom steps). The optimizer sets the predicted stability edge that the
// tracked eigenvalue is compared with. Tags give each field's key and range;
// Default gives the defaults.
type Spec struct {
	Samples int     `json:"samples" key:"samples" min:"20" max:"2000" help:"training points of the two spirals (half per arm)"`
	Noise   float64 `json:"noise" key:"noise" min:"0" max:"2" help:"std of the Gaussian noise added to each point before the inputs are scaled to unit std"`

	Hidden     []int  `json:"hidden" key:"hidden" min:"1" max:"256" maxlen:"4" help:"comma-separated hidden layer widths, e.g. 32,32"`
	Activation string `json:"activation" key:"activation" enum:"tanh,relu" help:"hidden-layer activation (relu for the rescaling panel)"`
	Loss       string `json:"loss" key:"loss" enum:"mse,ce" help:"training loss: ½·mean‖f − y‖² on one-hot targets (Cohen et al.) or softmax cross-entropy"`

	Optimizer string  `json:"optimizer" key:"optimizer" enum:"gd,heavyball,nesterov,usam,sam,saf,mesa" help:"full-batch optimizer: gradient descent, heavy-ball or Nesterov momentum, SAM without (usam) or with gradient normalisation, SAF (trajectory loss) or MESA (EMA teacher)"`
	Edges     []int   `json:"edges" key:"edges" min:"1" max:"2000" maxlen:"5" help:"comma-separated values of 2/η, one run each: the step sizes are η = 2/e (e.g. 10,20 runs η = 0.2 and 0.1)"`
	Steps     int     `json:"steps" key:"steps" min:"10" max:"50000" help:"full-batch steps of each run"`
	Momentum  float64 `json:"momentum" key:"momentum" min:"0" max:"0.99" help:"momentum β of heavyball and nesterov"`
	Rho       float64 `json:"rho" key:"rho" min:"0.0001" max:"2" help:"SAM radius ρ of the ascent step ε = ρg (usam) or ρg/‖g‖ (sam)"`
	Chunk     int     `json:"chunk" key:"chunk" min:"0" max:"2000" help:"m-sharpness: each chunk of m samples takes its own ascent step; 0 = one ascent step on the full batch"`
	Lambda    float64 `json:"lambda" key:"lambda" min:"0" max:"10" help:"weight λ of the SAF or MESA penalty (λ/2n)Σ‖f(x) − f_ref(x)‖²"`
	Lag       int     `json:"lag" key:"lag" min:"1" max:"50" help:"SAF: the reference outputs are those of lag steps ago (odd lags see the period-2 oscillation; even ones do not)"`
	Penalty   string  `json:"penalty" key:"penalty" enum:"mse,kl" help:"SAF and MESA penalty: (λ/2n)Σ‖f(x) − f_ref(x)‖² (with loss mse) or Du et al.'s (λτ²/n)Σ KL(softmax(f_ref/τ) ‖ softmax(f/τ)) (with loss ce)"`
	Tau       float64 `json:"tau" key:"tau" min:"0.1" max:"100" help:"temperature τ of the KL penalty (Du et al. use 5)"`
	EMA       float64 `json:"ema" key:"ema" min:"0" max:"0.9999" help:"MESA: decay β of the exponential moving average of θ whose outputs are the reference"`

	Flow int `json:"flow" key:"flow" min:"0" max:"16" help:"gradient-flow reference: one more gradient-descent run at the smallest step size divided by flow, plotted against η·t and stopped once λ₁ passes 1.25 times the smallest step size's 2/η; 0 = none"`

	Every int     `json:"every" key:"every" min:"1" max:"1000" help:"steps between two eigenvalue computations"`
	Zoom  int     `json:"zoom" key:"zoom" min:"0" max:"2000" help:"the last zoom steps have their eigenvalues computed at every step (a window onto the period-2 oscillation); 0 = none"`
	Eigs  int     `json:"eigs" key:"eigs" min:"1" max:"3" help:"top Hessian eigenvalues tracked"`
	Tol   float64 `json:"tol" key:"tol" min:"1e-10" max:"0.01" help:"Lanczos stops when each tracked Ritz value's residual is at most tol times the value"`
	Seed  uint64  `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the data (stream data), the initialisation (stream init), the Lanczos start and the catapult toy"`
}

// Default returns the spec the page opens with: Cohen et al.'s setting
// scaled to the browser (200 spiral points, a 2-32-32-2 tanh MLP, MSE),
// gradient descent at η = 0.2 and 0.1 for 1,500 steps (t* ≈ 300 and 840),
// the top two eigenvalues every 30 steps and at every step of the last 20,
// no gradient-flow reference: a few seconds in the browser.
func Default() Spec {
	return Spec{
		Samples: 200, Noise: 0.2, Hidden: []int{32, 32}, Activation: "tanh", Loss: "mse",
		Optimizer: "gd", Edges: []int{10, 20}, Steps: 1500, Momentum: 0.9, Rho: 0.05, Chunk: 0,
		Lambda: 0.3, Lag: 1, Penalty: "mse", Tau: 5, EMA: 0.99,
		Flow: 0, Every: 30, Zoom: 20, Eigs: 2, Tol: 1e-6, Seed: 1,
	}
}

// Classes is the number of spiral arms, the network's output width.
const Classes = 2

// MaxLanczosSteps is the most Hessian-vector products one eigenvalue
// computation may take before it reports its unconverged Ritz values.
const MaxLanczosSteps = 60

// Arch returns the MLP [2, Hidden…, 2]. It assumes valid enum fields.
func (s *Spec) Arch() *arch.Arch {
	sizes := append(append([]int{2}, s.Hidden...), Classes)
	act, _ := arch.ParseActivation(s.Activation)
	loss, _ := arch.ParseLoss(s.Loss)
	return &arch.Arch{Sizes: sizes, Act: act, Loss: loss}
}

// LR returns the step size of point i, η = 2/Edges[i], or for the
// gradient-flow reference (i = len(Edges)) FlowLR.
func (s *Spec) LR(i int) float64 {
	if i == len(s.Edges) {
		return s.FlowLR()
	}
	return 2 / float64(s.Edges[i])
}

// FlowLR is the gradient-flow reference's step size: the smallest step
// size 2/max(Edges) divided by Flow (0 without a reference).
func (s *Spec) FlowLR() float64 {
	if s.Flow == 0 || len(s.Edges) == 0 {
		return 0
	}
	return 2 / float64(float64(slices.Max(s.Edges))*float64(s.Flow))
}

// FlowStop is the top eigenvalue at which the gradient-flow reference
// stops, as a multiple of the smallest step size's 2/η: by then every run
// has met its edge.
const FlowStop = 1.25

// Points returns the number of sweep points: one per step size, and the
// gradient-flow reference last when Flow > 0.
func (s *Spec) Points() int {
	if s.Flow > 0 {
		return len(s.Edges) + 1
	}
	return len(s.Edges)
}

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a run too large for the
// browser (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if len(s.Hidden) == 0 {
		return fmt.Errorf("hidden is empty; give at least one hidden width, e.g. 32,32")
	}
	if len(s.Edges) == 0 {
		return fmt.Errorf("edges is empty; give at least one value of 2/η, e.g. 10,20")
	}
	if s.Samples%2 != 0 {
		return fmt.Errorf("samples = %d is odd; the two spiral arms get half each", s.Samples)
	}
	if s.Chunk > s.Samples {
		return fmt.Errorf("chunk = %d is larger than samples = %d; use 0 for one ascent step on the full batch", s.Chunk, s.Samples)
	}
	if s.Zoom > s.Steps {
		return fmt.Errorf("zoom = %d is longer than steps = %d", s.Zoom, s.Steps)
	}
	if s.Optimizer == "saf" || s.Optimizer == "mesa" {
		if s.Penalty == "mse" && s.Loss != "mse" {
			return fmt.Errorf("optimizer = %s with penalty = mse needs loss = mse (its edge 2/(η(1+2λ)) assumes the penalty's curvature is the loss's); with loss = ce use penalty = kl", s.Optimizer)
		}
		if s.Penalty == "kl" && s.Loss != "ce" {
			return fmt.Errorf("optimizer = %s with penalty = kl needs loss = ce (the KL penalty compares softmax outputs); with loss = mse use penalty = mse", s.Optimizer)
		}
	}
	if s.Optimizer == "saf" && s.Lag >= s.Steps {
		return fmt.Errorf("lag = %d must be shorter than steps = %d", s.Lag, s.Steps)
	}
	c := s.Cost()
	if c.Bytes > experiment.MemoryLimit {
		return fmt.Errorf("this run needs about %d MiB of memory; the limit is %d MiB: use fewer samples or narrower layers", c.Bytes>>20, experiment.MemoryLimit>>20)
	}
	if c.Ops > experiment.OpsLimit {
		return fmt.Errorf("this run would take %s; the limit is %s (%.2g multiply-adds) in a browser tab: use fewer steps, step sizes or samples, a longer eigenvalue interval (every) or a shorter zoom",
			c.Text(), experiment.Duration(experiment.SecondsLimit), float64(experiment.OpsLimit))
	}
	return nil
}

// Tracked returns how many eigenvalue computations a run of s makes: at
// steps 0, Every, 2·Every, … and at each of the last Zoom steps, and at the
// end.
func (s *Spec) Tracked() int {
	zoomFrom := s.Steps - s.Zoom
	n := (zoomFrom+s.Every-1)/s.Every + s.Zoom + 1
	return n
}

// ExpectedProducts is the number of Hessian-vector products Cost charges
// for one warm-started eigenvalue computation (the runs measure 4–9 at
// tol = 1e-6; each result reports its own mean).
const ExpectedProducts = 10

// Cost estimates the whole run (every point, one after another): per step
// one full-batch gradient (two for SAM, one more forward pass for MESA and
// for the loss), per tracked step a curvature set-up (a gradient) and
// ExpectedProducts Hessian products with Lanczos's reorthogonalisation,
// elementwise work at about 10 multiply-adds per unit and sample for each
// pass, and for a ReLU network the rescaling panel (six cold Lanczos runs of
// MaxLanczosSteps products). Bytes: the data, the passes' activations and
// the Lanczos basis.
func (s *Spec) Cost() experiment.Cost {
	a := s.Arch()
	var f, f1, units float64
	for l := 1; l <= a.Layers(); l++ {
		fl := float64(float64(a.Sizes[l-1]) * float64(a.Sizes[l]))
		f += fl
		units += float64(a.Sizes[l])
		if l == 1 {
			f1 = fl
		}
	}
	n, T := float64(s.Samples), float64(s.Steps)
	grads := 1.0
	evals := 0.0
	switch s.Optimizer {
	case "usam", "sam":
		grads = 2
	case "mesa":
		evals = 1
	case "saf":
		evals = 0
	}
	// The KL penalty's curvature along the top eigenvector: one more
	// gradient and Gauss-Newton product per tracked step.
	klTracked := 0.0
	if (s.Optimizer == "saf" || s.Optimizer == "mesa") && s.Penalty == "kl" {
		klTracked = 2
	}
	grad := float64(3*f) - f1
	hvp := float64(6*f) - float64(4*f1)
	P := float64(a.NumParams())
	tracked := float64(s.Tracked())
	products := float64(tracked * ExpectedProducts)
	rescale := 0.0
	if s.Activation == "relu" {
		rescale = 6 * MaxLanczosSteps
	}
	// Every product that feeds a sum is rounded, float64(x*y), so no
	// platform fuses it: the estimate decides refusals.
	ew := float64(10 * units)
	gradOps, evalOps, hvpOps := grad+ew, f+ew, hvp+ew
	perStep := float64(grads*gradOps) + float64(evals*evalOps)
	perPoint := float64(float64(T*n)*perStep) +
		float64(float64(float64(tracked*(1+klTracked))*n)*gradOps) +
		float64(float64((products+rescale)*n)*hvpOps) +
		float64(tracked*lanczosOps(P, ExpectedProducts))
	ops := float64(perPoint * float64(len(s.Edges)))
	if s.Flow > 0 {
		// At most Flow·Steps plain gradient steps, tracked every
		// Flow·Every steps without a zoom window (the same η·t cadence).
		fT := float64(T * float64(s.Flow))
		ftracked := float64((s.Steps+s.Every-1)/s.Every + 1)
		ops += float64(float64(fT*n)*(gradOps+evalOps)) + float64(float64(ftracked*n)*gradOps) +
			float64(float64(float64(ftracked*ExpectedProducts)*n)*hvpOps) + float64(ftracked*lanczosOps(P, ExpectedProducts))
	}
	c := experiment.Cost{
		Ops:      experiment.ToInt(ops),
		MatMul:   experiment.ToInt(ops), // the estimate does not separate them
		Products: experiment.ToInt(float64(float64(len(s.Edges)) * (products + rescale))),
		Bytes:    int64(8 * (float64(n*float64(5+float64(8*units))) + float64((MaxLanczosSteps+4)*P) + float64(float64(T*3)*float64(1+s.Flow)))),
	}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// lanczosOps is the arithmetic of m Lanczos steps on dimension n outside
// the operator: two classical Gram–Schmidt passes of 2(j+1)·n at step j and
// about 6n for the recurrence.
func lanczosOps(n, m float64) float64 {
	return float64(2*m*(m+1)*n) + float64(6*m*n)
}
