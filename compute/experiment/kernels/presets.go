//go:build !overparam_worker

package kernels

import "github.com/overparam/overparam/compute/experiment"

// Papers the presets cite.
const (
	bombari    = "Bombari, Kiyani & Mondelli 2023, Beyond the Universal Law of Robustness: Sharper Laws for Random Features and Neural Tangent Kernels"
	bombariURL = "https://arxiv.org/abs/2302.01629"
	you        = "You, Chakrabarti, Chen & Wu 2023, Analyzing Convergence in Quantum Neural Networks: Deviations from Neural Tangent Kernels"
	youURL     = "https://arxiv.org/abs/2303.14844"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the kernels experiment, the one list the
// page, the gallery, the thumbnails and the CLI's -preset read; the first
// is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("kernels-robust", "Robustness: NTK vs random features",
			"Interpolating pure noise, the NTK with an even activation (square) becomes smooth as the parameters grow, following the universal bound √(Nd/p); with tanh it stays sharp, and random features stay at about √N however wide.",
			bombari, bombariURL, ""),
		preset("kernels-rf", "Random features never become robust",
			"Random tanh and softplus features settle at a sensitivity of about √N by k = 20N and stay there up to k = 320N: more features do not make the interpolator smooth, even past p = Nd where the universal law would allow it.",
			bombari, bombariURL, "ntk=none&rf=tanh,softplus&rfwidths=100,250,500,1000,2000,4000,8000,16000"),
		preset("kernels-even", "Even activations make the NTK robust",
			"Only an even activation lets the NTK meet the universal bound: square and cos fall as √(Nd/p), while tanh and softplus, which are not even, keep an interaction term that holds the sensitivity up.",
			bombari, bombariURL, "ntk=square,cos,tanh,softplus&rf=none"),
		preset("kernels-qnn", "Quantum network: sublinear at γ = 1, linear at γ = 1.5",
			"A 3-qubit circuit trained to a label ±1 with the Pauli output ⟨Z₀⟩ converges only sublinearly (residual ∝ 1/t): the label sits at the edge of the output's range, where the tangent kernel vanishes. Scaling the measurement to ⟨1.5·Z₀⟩ restores linear convergence.",
			you, youURL, "model=qnn"),
		preset("kernels-qnn-depth", "Quantum network: depth 2 to 32",
			"At every depth from L = 2 to 32, training with γ = 1.5 converges linearly, to a residual below 1e-8 in 3000 steps. From L = 8 on, the tangent kernel divided by γ² − ŷ² drifts by under 10% during training and grows about in proportion to L: deeper circuits come closer to the asymptotic dynamics.",
			you, youURL, "model=qnn&gammas=1.5&depths=2,4,8,16,32"),
		preset("kernels-qnn-samples", "Quantum network: four orthogonal inputs",
			"With four orthogonal computational-basis inputs and labels ±1, the same contrast holds for the whole training set: γ = 1 converges sublinearly, γ = 1.5 linearly.",
			you, youURL, "model=qnn&qsamples=4&depths=8"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "kernels", Order: 10, Title: "Kernels",
		Synopsis: "print the sensitivity of random-features and NTK interpolators against p, or train a quantum network",
		Gallery:  "Kernels and their limits (Bombari et al. 2023; You et al. 2023)",
		Lede:     "Random features are not robust however wide, the NTK with an even activation is; and quantum networks leave the kernel regime.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
