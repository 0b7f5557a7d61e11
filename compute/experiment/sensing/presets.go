//go:build !overparam_worker

package sensing

import "github.com/overparam/overparam/compute/experiment"

// The papers the presets cite.
const (
	xiong    = "Xiong, Ding & Du 2023, How Over-Parameterization Slows Down Gradient Descent in Matrix Sensing: The Curses of Symmetry and Initialization"
	xiongURL = "https://arxiv.org/abs/2310.01769"
	ma       = "Ma & Fattahi 2022, Global Convergence of Sub-gradient Method for Robust Matrix Recovery: Small Initialization, Noisy Measurements, and Over-parameterization"
	maURL    = "https://arxiv.org/abs/2202.08788"
)

// robust is the link of the robust-recovery presets: n = 20, r = 3,
// r′ = 20, 1,200 measurements, α = 10⁻³, a step 0.1 that decays by 0.998
// per iteration, 3,000 iterations.
const robust = "loss=l1&n=20&r=3&rankover=20&measurements=1200&init=0.001&lr=0.1&decay=0.998&steps=3000"

func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the sensing experiment, the one list the
// page, the gallery, the thumbnails and the CLI's -preset read; the first
// is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("sensing-overparam", "k = r is linear, k > r is 1/T",
			"Gradient descent on XXᵀ with exactly the true rank converges linearly; give X a few more columns and it slows to ‖XXᵀ − M*‖ ≈ √(k−r)/(2ηT), a slope of −1 on log–log axes, because each spurious direction shrinks only like 1/(2ηt).",
			xiong, xiongURL, ""),
		preset("sensing-smallinit", "Small init: a long plateau",
			"With k > r, the spurious directions start at the size of the initialisation, α². The error drops to that level once the signal is fitted and stays there until the 1/T line catches up: the smaller α, the lower and the longer the plateau.",
			xiong, xiongURL, "k=5&init=0.1,0.01,0.001"),
		preset("sensing-asymmetric", "Asymmetric: rate set by the imbalance",
			"Factor M* as FGᵀ instead and over-parameterised gradient descent converges linearly again, at a rate set by the initial imbalance F₀ᵀF₀ − G₀ᵀG₀, which gradient descent conserves: shrinking α by 3 slows it about 9-fold. Dashed: the slope −η·λ_min of the imbalance.",
			xiong, xiongURL, "param=asymmetric&k=5&init=0.1,0.05,0.03"),
		preset("sensing-rebalance", "One rebalancing step",
			"Xiong, Ding & Du show that changing a single step of gradient descent removes the α dependence. Here that step rebalances the factors at iteration 1,000, F ← F(FᵀF)^{-1/2}, G ← G(FᵀF)^{1/2}: FGᵀ is unchanged but the imbalance becomes order one, and every α then converges at the same fast linear rate.",
			xiong, xiongURL, "param=asymmetric&k=5&init=0.1,0.03,0.01&rebalance=1000&steps=2000"),
		preset("sensing-l1", "ℓ1 shrugs off 30% outliers",
			"With a rank over-estimated as r′ = n, small initialisation and geometrically decaying steps, the sub-gradient method on the ℓ1 loss recovers M* to about 10⁻³ even when 30–40% of the measurements are gross outliers; gradient descent on the ℓ2 loss does not.",
			ma, maURL, robust+"&outliers=0,0.1,0.2,0.3,0.4"),
		preset("sensing-l2breaks", "ℓ2 breaks at the first outlier",
			"A handful of corrupted measurements is enough to pull ℓ2 gradient descent away from M*, its error growing with the outlier fraction, while the ℓ1 sub-gradient method is unmoved.",
			ma, maURL, robust+"&outliers=0,0.01,0.02,0.05"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "sensing", Order: 4, Title: "Matrix sensing",
		Synopsis: "print how over-parameterisation slows gradient descent in matrix sensing, and robust ℓ1 recovery",
		Gallery:  "Matrix sensing (Xiong, Ding & Du 2023; Ma & Fattahi 2022)",
		Lede:     "Recover a low-rank matrix by gradient descent on its factors: one extra column turns linear convergence into 1/T, and the ℓ1 loss shrugs off gross outliers.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
