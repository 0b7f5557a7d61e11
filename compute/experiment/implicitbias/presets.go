//go:build !overparam_worker

package implicitbias

import "github.com/overparam/overparam/compute/experiment"

// tarzanagh is the paper the attention presets cite.
const (
	tarzanagh    = "Tarzanagh, Li, Thrampoulidis & Oymak 2023, Transformers as Support Vector Machines"
	tarzanaghURL = "https://arxiv.org/abs/2308.16898"
	smekal       = "Smékal, Smith, Kleinman, Biderman & Linderman 2024, Towards a theory of learning dynamics in deep state space models"
	smekalURL    = "https://arxiv.org/abs/2407.07279"
	tian         = "Tian 2024, Composing Global Optimizers to Reasoning Tasks via Algebraic Objects in Neural Nets"
	tianURL      = "https://arxiv.org/abs/2410.01779"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the implicit-bias experiment, the one
// list the page, the gallery, the thumbnails and the CLI's -preset read;
// the first is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("ib-attention", "Attention → max-margin SVM",
			"Normalized gradient descent on one-layer attention converges in direction to the max-margin SVM that separates the tokens it selects: corr(W, W^mm_F) → 1, while the factorized KQᵀ goes to the nuclear-norm SVM instead, a solution of lower rank.",
			tarzanagh, tarzanaghURL, ""),
		preset("ib-attention-long", "Attention, 10,000 steps",
			"Directional convergence is slow — logarithmic in the steps — but it continues: after 10,000 steps corr(W, W^mm_F) reaches 0.9999 on every seed, while the softmax saturated on the selected tokens within a few hundred steps and ‖W‖ kept growing linearly.",
			tarzanagh, tarzanaghURL, "iters=10000&seeds=4"),
		preset("ib-attention-one", "One sequence: the two SVMs agree",
			"With a single sequence every constraint shares one query z, the SVM solution is the rank-one u zᵀ, and the Frobenius and nuclear-norm SVMs coincide: W and KQᵀ converge to the same direction.",
			tarzanagh, tarzanaghURL, "n=1&seeds=6"),
		preset("ib-cogo", "Modular addition: algebraic solutions",
			"Trained on a + b mod 13, a quadratic network's hidden nodes each settle on one Fourier frequency, 4 or 6 nodes per frequency — the orders of the global optima Tian composes algebraically — with the potential r_kkk at its exact value. At width 12 = 2K the network cannot reach them; at 24 = 4K, the size of the smallest construction, it generalises but stops short of zero loss; at 48 = 8K it reaches them.",
			tian, tianURL, "model=cogo"),
		preset("ib-cogo-decay", "Modular addition, weaker weight decay",
			"With a quarter of the weight decay, the extra nodes are pruned more slowly: the loss still vanishes, but more frequencies keep orders other than 4 and 6 after 3000 epochs. Weight decay is what selects the low-order solutions.",
			tian, tianURL, "model=cogo&widths=48&decay=5e-5"),
		preset("ib-ssm", "SSM: more states learn faster",
			"A linear state-space model with N states learns a teacher's impulse response along the logistic curve of a two-layer linear network (dashed: the closed form). From the same per-state initial scale, every doubling of N shortens the escape from the saddle by the same (τ/2σ)·ln 2 steps.",
			smekal, smekalURL, "model=ssm"),
		preset("ib-ssm-random", "SSM from a random start",
			"From random b and c the dynamics still reduce exactly to one scalar ODE, since c + b grows as e^{s} and c − b decays as e^{−s}; gradient descent follows its solution for every N, and large N still learns fastest.",
			smekal, smekalURL, "model=ssm&init=random"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "implicitbias", Order: 15, Title: "Implicit bias",
		Synopsis: "print where gradient descent goes: attention to the max-margin SVM, modular addition to algebraic solutions, SSM learning against its closed form",
		Gallery:  "Where gradient descent goes (Tarzanagh et al. 2023; Tian 2024; Smékal et al. 2024)",
		Lede:     "Train one-layer attention by normalized gradient descent and watch its weights turn towards the max-margin SVM that separates the tokens it selects; modular addition settle on algebraic Fourier solutions; over-parameterized state-space models learn faster, on their closed-form curves.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
