// Package implicitbias specifies the "where gradient descent goes"
// experiments: what gradient descent converges to in over-parameterized
// models, each against an exact target.
//
//   - attention: one-layer attention f(X) = vᵀXᵀsoftmax(XWz) trained by
//     normalized gradient descent converges in direction to the max-margin
//     token-selection SVM, the Frobenius-norm one for W and the
//     nuclear-norm one for the factorization W = KQᵀ (Tarzanagh, Li,
//     Thrampoulidis & Oymak 2023, Theorems 2 and 3).
//   - cogo: a two-layer network with quadratic activation on a + b mod d
//     trained by Adam with weight decay finds the low-order algebraic
//     (Fourier) global optima that Tian 2024 composes, and needs width to
//     find them.
//   - ssm: a linear state-space model with N states learns along the
//     closed-form logistic of a two-layer linear network, faster for larger
//     N (Smékal, Smith, Kleinman, Biderman & Linderman 2024).
//
// The package holds the spec, its validation and cost, its presets and the
// result types; it computes nothing (the page links it). Package
// implicitbias/run runs it.
//
// # References
//
//   - D. A. Tarzanagh, Y. Li, C. Thrampoulidis & S. Oymak, "Transformers as
//     Support Vector Machines", arXiv:2308.16898, 2023.
//   - Y. Tian, "Composing Global Optimizers to Reasoning Tasks via
//     Algebraic Objects in Neural Nets", arXiv:2410.01779, 2024.
//   - J. Smékal, J. T. H. Smith, M. Kleinman, D. Biderman & S. W.
//     Linderman, "Towards a theory of learning dynamics in deep state space
//     models", arXiv:2407.07279, 2024.
package implicitbias

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
)

// Spec is the spec of an implicit-bias run. Model selects the experiment;
// the other keys configure it (Uses says which). Each seed of the
// attention model, each width and repeat of CoGO and each state size of
// the SSM is a point of the run (the points run in parallel on the worker
// pool).
type Spec struct {
	Model string `json:"model" key:"model" enum:"attention,cogo,ssm" help:"the model whose implicit bias is shown: one-layer attention (→ max-margin token selection), a quadratic network on modular addition (→ algebraic Fourier solutions, CoGO) or a linear state-space model (learning dynamics against N)"`

	N      int     `json:"n" key:"n" min:"1" max:"32" help:"training sequences of the attention model"`
	Tokens int     `json:"tokens" key:"tokens" min:"2" max:"32" help:"tokens T per sequence"`
	Dim    int     `json:"dim" key:"dim" min:"2" max:"24" help:"embedding dimension d; W, K and Q are d×d"`
	Iters  int     `json:"iters" key:"iters" min:"10" max:"100000" help:"normalized gradient-descent steps W ← W − η∇/‖∇‖ (and for K, Q each)"`
	LR     float64 `json:"lr" key:"lr" min:"1e-4" max:"10" help:"step length η of normalized gradient descent"`

	States    []int   `json:"states" key:"states" min:"1" max:"256" maxlen:"10" help:"comma-separated state sizes N of the SSM, increasing"`
	Init      string  `json:"init" key:"init" enum:"balanced,random" help:"SSM initialisation: b = c = u₀·1 (balanced) or b, c ~ N(0, u₀²) (random)"`
	Scale     float64 `json:"scale" key:"scale" min:"1e-4" max:"1" help:"SSM initial scale u₀ per state"`
	Steps     int     `json:"steps" key:"steps" min:"10" max:"100000" help:"gradient-descent steps of each SSM"`
	SSMLR     float64 `json:"ssmlr" key:"ssmlr" min:"1e-7" max:"1" help:"SSM learning rate (τ = 1/lr steps)"`
	Pole      float64 `json:"pole" key:"pole" min:"-0.99" max:"0.99" help:"the teacher's (and student's fixed) pole a: x_t = a x_{t−1} + b u_t"`
	Gain      float64 `json:"gain" key:"gain" min:"0.01" max:"100" help:"the teacher's gain w* = c*·b*"`
	Sequences int     `json:"sequences" key:"sequences" min:"1" max:"256" help:"white-noise input sequences of the SSM's training set"`
	Length    int     `json:"length" key:"length" min:"2" max:"1024" help:"length L of each SSM sequence"`

	Modulus int     `json:"modulus" key:"modulus" min:"3" max:"31" help:"CoGO: the modulus d of a + b mod d (odd)"`
	Widths  []int   `json:"widths" key:"widths" min:"2" max:"256" maxlen:"8" help:"CoGO: comma-separated hidden widths h, increasing; the largest is analysed"`
	Repeats int     `json:"repeats" key:"repeats" min:"1" max:"8" help:"CoGO: initialisations per width; repeat r uses seed+r"`
	Epochs  int     `json:"epochs" key:"epochs" min:"1" max:"20000" help:"CoGO: full-batch Adam epochs"`
	AdamLR  float64 `json:"adamlr" key:"adamlr" min:"1e-5" max:"1" help:"CoGO: Adam's learning rate"`
	Decay   float64 `json:"decay" key:"decay" min:"0" max:"0.1" help:"CoGO: L2 weight decay added to the gradient (torch Adam's weight_decay)"`

	Seeds int    `json:"seeds" key:"seeds" min:"1" max:"32" help:"independent data sets and initialisations; seed r uses seed+r"`
	Seed  uint64 `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the first repeat's data and initialisation"`
}

// Default returns the attention setting of Tarzanagh et al.'s
// local-convergence notebook (umich-sota/TF-as-SVM, local_converge.ipynb):
// n = 6 sequences of T = 8 tokens in d = 10, normalized GD with step 0.1
// for 2000 steps, here over 10 seeds.
func Default() Spec {
	s := Spec{Model: "attention", N: 6, Tokens: 8, Dim: 10, Iters: 2000, LR: 0.1, Seeds: 10, Seed: 1}
	s.setSSMDefaults()
	s.setCogoDefaults()
	return s
}

// DefaultSSM returns the SSM setting: a teacher with pole 0.8 and gain 1.5
// on 32 white-noise sequences of length 64, students with N = 1 … 64
// states from the balanced initialisation u₀ = 0.05, and a learning rate
// that puts the half-time near 2000 steps for N = 1.
func DefaultSSM() Spec {
	s := Default()
	s.Model = "ssm"
	return s
}

func (s *Spec) setCogoDefaults() {
	s.Modulus, s.Widths, s.Repeats, s.Epochs, s.AdamLR, s.Decay = 13, []int{12, 24, 48}, 1, 3000, 0.01, 2e-4
}

// DefaultCogo returns the CoGO setting: a + b mod 13 with hidden widths 12
// (= 2K, too narrow), 24 (4K, the smallest construction) and 48 (8K), one
// initialisation each (one h = 48 run per worker would not fit the page's
// 10 s; -repeats adds more), Adam with lr 0.01 and weight decay 2·10⁻⁴ for
// 3000 full-batch epochs, the last 300 at lr/10 (K = (d−1)/2 frequencies).
func DefaultCogo() Spec {
	s := Default()
	s.Model = "cogo"
	return s
}

func (s *Spec) setSSMDefaults() {
	s.States, s.Init, s.Scale, s.Steps, s.SSMLR = []int{1, 2, 4, 8, 16, 64}, "balanced", 0.05, 4000, 4e-4
	s.Pole, s.Gain, s.Sequences, s.Length = 0.8, 1.5, 32, 64
}

// ssmKeys are the keys only the SSM reads; attentionKeys only attention.
var (
	ssmKeys       = []string{"states", "init", "scale", "steps", "ssmlr", "pole", "gain", "sequences", "length"}
	attentionKeys = []string{"n", "tokens", "dim", "iters", "lr", "seeds"}
	cogoKeys      = []string{"modulus", "widths", "repeats", "epochs", "adamlr", "decay"}
)

// Uses reports whether the spec's model reads the parameter key.
func (s *Spec) Uses(key string) bool {
	for _, k := range ssmKeys {
		if k == key {
			return s.Model == "ssm"
		}
	}
	for _, k := range attentionKeys {
		if k == key {
			return s.Model == "attention"
		}
	}
	for _, k := range cogoKeys {
		if k == key {
			return s.Model == "cogo"
		}
	}
	return true
}

// Points returns the number of points of the run: one per seed
// (attention) or per state size (ssm).
func (s Spec) Points() int {
	switch s.Model {
	case "ssm":
		return len(s.States)
	case "cogo":
		return len(s.Widths) * s.Repeats
	}
	return s.Seeds
}

// CogoPoint returns the width and repeat of CoGO point index: widths in
// order, repeats within a width.
func (s Spec) CogoPoint(index int) (width, repeat int) {
	return s.Widths[index/s.Repeats], index % s.Repeats
}

// Constraints returns the number of constraints of the attention SVM,
// n(T−1): the selected token of each sequence beats each of its others by
// a margin of one.
func (s Spec) Constraints() int { return s.N * (s.Tokens - 1) }

// Validate reports the first problem with s: a value out of its range
// (with the range), or a run too large for the browser.
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if last := s.Seed + uint64(s.Seeds) - 1; last > experiment.MaxSeed {
		return fmt.Errorf("seed = %d with seeds = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Seeds, last, uint64(experiment.MaxSeed))
	}
	if len(s.States) == 0 {
		return fmt.Errorf("states is empty; give at least one state size, e.g. 1,4,16")
	}
	for i := 1; i < len(s.States); i++ {
		if s.States[i] <= s.States[i-1] {
			return fmt.Errorf("states must increase, but %d follows %d", s.States[i], s.States[i-1])
		}
	}
	if s.Modulus%2 == 0 {
		return fmt.Errorf("modulus = %d is even; the Fourier analysis pairs each frequency k with −k, so use an odd modulus", s.Modulus)
	}
	if len(s.Widths) == 0 {
		return fmt.Errorf("widths is empty; give at least one hidden width, e.g. 48")
	}
	for i := 1; i < len(s.Widths); i++ {
		if s.Widths[i] <= s.Widths[i-1] {
			return fmt.Errorf("widths must increase, but %d follows %d", s.Widths[i], s.Widths[i-1])
		}
	}
	if s.Model == "cogo" && s.Seed+uint64(s.Repeats)-1 > experiment.MaxSeed {
		return fmt.Errorf("seed = %d with repeats = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Repeats, s.Seed+uint64(s.Repeats)-1, uint64(experiment.MaxSeed))
	}
	c := s.Cost()
	if c.Ops > experiment.OpsLimit {
		return fmt.Errorf("this run needs about %.3g multiply-adds (%.0f s in a browser), more than the limit of %.3g (%d s); use fewer steps, seeds, tokens or a smaller dimension",
			float64(c.Ops), c.Seconds, float64(experiment.OpsLimit), experiment.SecondsLimit)
	}
	return nil
}

// NuclearIters is the number of ADMM iterations of the nuclear-norm SVM
// solver (the run's package, svm.go), repeated here for Cost.
const NuclearIters = 3000

// Cost estimates the run in multiply-adds. Each normalized-GD step on W
// costs n(d² + 2Td) for the scores and n(Td + d²) for the gradient; on
// (K, Q) the same plus 3d³ for KQᵀ and the two factor gradients. Each
// seed then solves up to two Frobenius SVMs (Hildreth's coordinate ascent,
// charged 2000 sweeps of m·2d² each, m = n(T−1)) and two nuclear-norm SVMs
// (NuclearIters ADMM iterations, each one d×d Jacobi SVD, charged 12d³, and
// 5 projection sweeps of m·2d²), and the correlations at every checkpoint.
func (s *Spec) Cost() experiment.Cost {
	switch s.Model {
	case "ssm":
		return s.ssmCost()
	case "cogo":
		return s.cogoCost()
	}
	n, t, d := float64(s.N), float64(s.Tokens), float64(s.Dim)
	m := float64(s.Constraints())
	d2, d3 := float64(d*d), float64(float64(d*d)*d)
	step := float64(float64(2*n) * (float64(2*d2) + float64(3*t*d)))
	step += float64(3 * d3)
	train := float64(float64(s.Iters) * step)
	fro := float64(2 * 2000 * float64(m*2*d2))
	svd, proj := float64(12*d3), float64(float64(10*m)*d2)
	nuc := float64(float64(2*NuclearIters) * float64(svd+proj))
	perSeed := float64(train + fro + nuc)
	ops := float64(float64(s.Seeds) * perSeed)
	c := experiment.Cost{Ops: int64(ops), Bytes: int64(8 * (float64(4*d2*float64(s.Iters/50+80)) + float64(n*t*d)))}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// ssmCost estimates an SSM run: per state size, the impulse responses and
// the transfer-function check (about 20 multiply-adds per sample and
// FFT stage), then each GD step's residual and correlations (3 per sample)
// and the state updates (4N), and the closed-form ODE (4 RK4 stages of 10
// substeps per step).
func (s *Spec) ssmCost() experiment.Cost {
	m := float64(s.Sequences * s.Length)
	var ops float64
	for _, n := range s.States {
		ops += float64(20*m*12) + float64(float64(s.Steps)*(float64(3*m)+float64(4*n)+400))
	}
	c := experiment.Cost{Ops: int64(ops), Bytes: int64(8 * (float64(8*m) + float64(4*s.Steps)))}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// cogoCost estimates a CoGO run: per width h and repeat, each epoch costs
// about 5dh multiply-adds per training pair (the d×h output layer forward,
// its gradient and the back-propagation to the hidden layer) and 20h for
// Adam's update of the 3dh parameters spread over the pairs; then the
// Fourier analysis, h·d²·(d + 8) for the DFTs and the potentials.
func (s *Spec) cogoCost() experiment.Cost {
	d := float64(s.Modulus)
	n := float64(s.Modulus * s.Modulus * 9 / 10)
	var ops float64
	for _, h := range s.Widths {
		hf := float64(h)
		epoch := float64(float64(5*d*hf)*n) + float64(3*d*hf*8)
		ops += float64(float64(s.Repeats) * (float64(float64(s.Epochs+1)*epoch) + float64(hf*d*d*(d+8))))
	}
	c := experiment.Cost{Ops: int64(ops), Bytes: int64(8 * 12 * float64(s.Modulus) * float64(slicesMax(s.Widths)))}
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

func slicesMax(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}
