//go:build !overparam_worker

package sharpness

import "github.com/overparam/overparam/compute/experiment"

// Papers the presets cite.
const (
	cohen     = "Cohen, Kaur, Li, Kolter & Talwalkar 2021, Gradient Descent on Neural Networks Typically Occurs at the Edge of Stability"
	cohenURL  = "https://arxiv.org/abs/2103.00065"
	foret     = "Foret, Kleiner, Mobahi & Neyshabur 2021, Sharpness-Aware Minimization; edge: Agarwala & Dauphin 2023"
	foretURL  = "https://arxiv.org/abs/2010.01412"
	du        = "Du, Zhou, Feng, Tan & Zhou 2022, Sharpness-Aware Training for Free"
	duURL     = "https://arxiv.org/abs/2205.14083"
	catapult  = "Lewkowycz, Bahri, Dyer, Sohl-Dickstein & Gur-Ari 2020, The large learning rate phase of deep learning: the catapult mechanism"
	catURL    = "https://arxiv.org/abs/2003.02218"
	dinh      = "Dinh, Pascanu, Bengio & Bengio 2017, Sharp Minima Can Generalize For Deep Nets"
	dinhURL   = "https://arxiv.org/abs/1703.04933"
	presetPfx = "sharpness-"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, presetPfx+id, title, claim, cite, url, extra)
}

// Presets returns the presets of the sharpness experiment, the one list the
// page, the gallery, the thumbnails and the CLI's -preset read; the first
// is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("eos", "λ_max rises to 2/η and stays",
			"Under full-batch gradient descent the top Hessian eigenvalue keeps rising (progressive sharpening) until it reaches 2/η, the largest curvature a quadratic tolerates at step size η. Then it hovers at 2/η while the loss, no longer monotone, keeps falling: the edge of stability.",
			cohen, cohenURL, ""),
		preset("small", "Small η never reaches the edge",
			"At η = 0.02 the edge 2/η = 100 is far above where the sharpness goes in this run: training follows gradient flow, the loss falls at every step, and λ_max stays well below the line — unlike η = 0.2 beside it.",
			cohen, cohenURL, "edges=10,100"),
		preset("sweep", "The edge is set by η: slope −1",
			"Three step sizes, three plateaus: λ_max at the end of training is 2/η for each, so log λ_end against log η has slope −1. Plotted against η·t, the runs follow a gradient-flow reference (a fourth run at a quarter of the smallest step) until each one meets its own edge, then part.",
			cohen, cohenURL, "edges=10,20,30&steps=3000&zoom=20&flow=4"),
		preset("sam", "SAM settles lower, at its own edge",
			"Unnormalised SAM (ε = ρ∇L) is stable only while ηλ(1 + ρλ) < 2, so its sharpness stops at (√(1+8ρ/η) − 1)/(2ρ) = 12.4 for η = 0.1, ρ = 0.05, below gradient descent's 2/η = 20 — at two gradients per step.",
			foret, foretURL, "optimizer=usam&edges=20&steps=3000"),
		preset("saf", "SAF for free: the same effect at one gradient per step",
			"SAF pulls the outputs towards those of a few steps ago. With a lag of one step the penalty damps the period-2 oscillation of the edge of stability, which moves the edge to 2/(η(1+2λ)) = 12.5 for η = 0.1, λ = 0.3: flatter, like SAM, at one gradient and one forward pass per step.",
			du, duURL, "optimizer=saf&lambda=0.3&lag=1&edges=20&steps=3000"),
		preset("saf-kl", "SAF's KL form: an edge that moves with the margins",
			"On cross-entropy SAF compares tempered softmax outputs, τ²·KL at τ = 5 as Du et al. do. Along the top eigenvector that penalty is κ times as curved as the loss, so the edge is 2/(η(1+2λκ)), with κ measured at each step: it grows as the margins grow, the edge falls, and the sharpness follows it down.",
			du, duURL, "loss=ce&optimizer=saf&penalty=kl&tau=5&lambda=0.3&lag=1&edges=20&steps=2000"),
		preset("mesa", "MESA: an EMA teacher, edge 2/(η(1+λ))",
			"MESA takes its reference outputs from an exponential moving average of the weights. The slow teacher makes the penalty act like a quadratic pull of weight λ, so the sharpness settles at 2/(η(1+λ)) = 15.4 for η = 0.1, λ = 0.3.",
			du, duURL, "optimizer=mesa&lambda=0.3&ema=0.99&edges=20&steps=3000"),
		preset("momentum", "Momentum moves the edge",
			"Heavy-ball momentum β makes a quadratic stable up to λ = 2(1+β)/η, so with β = 0.5 at η = 0.1 the sharpness rises past gradient descent's 2/η = 20 to about 3/η = 30 and oscillates around it; late in training it drifts below.",
			cohen, cohenURL, "optimizer=heavyball&momentum=0.5&edges=20&steps=2000"),
		preset("catapult", "Catapult: a spike in the loss, then a flatter minimum",
			"In the two-layer linear network f = vᵀu/√m, a step size with 2 < ηλ₀ < 4 first makes the loss explode, which shrinks the curvature λ until ηλ < 2, and then training converges — in a flatter place. Above ηλ₀ = 4 it diverges.",
			catapult, catURL, "edges=5,10&steps=600&zoom=20"),
		preset("rescale", "Flatness is not invariant",
			"A ReLU network with its first layer scaled by α and its second by 1/α computes exactly the same function, yet its top Hessian eigenvalue changes by orders of magnitude with α: sharpness alone cannot say whether a minimum generalizes.",
			dinh, dinhURL, "activation=relu&edges=20&steps=1500"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "sharpness", Order: 5, Title: "Sharpness",
		Synopsis: "track the top Hessian eigenvalues during training: the edge of stability, SAM, SAF, MESA, catapults, rescaling",
		Gallery:  "Sharpness during training (Cohen et al. 2021; Foret et al. 2021; Du et al. 2022)",
		Lede:     "Watch the top of the Hessian spectrum rise to 2/η and stay there, see where SAM, SAF, MESA and momentum put their own edges, and rescale a network to make it as sharp as you like.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
