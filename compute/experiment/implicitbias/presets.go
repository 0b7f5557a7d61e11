//go:build !overparam_worker

package implicitbias

import "github.com/overparam/overparam/compute/experiment"

// tarzanagh is the paper the attention presets cite.
const (
	tarzanagh    = "Tarzanagh, Li, Thrampoulidis & Oymak 2023, Transformers as Support Vector Machines"
	tarzanaghURL = "https://arxiv.org/abs/2308.16898"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	experiment.ParseQuery(extra, &s)
	return experiment.Preset{ID: id, Title: title, Claim: claim, Cite: cite, URL: url, Query: experiment.Query(&s)}
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
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "implicitbias", Order: 15, Title: "Implicit bias",
		Synopsis: "print where gradient descent goes: attention's convergence to the max-margin token-selection SVM",
		Gallery:  "Where gradient descent goes (Tarzanagh et al. 2023)",
		Lede:     "Train one-layer attention by normalized gradient descent and watch its weights turn towards the max-margin SVM that separates the tokens it selects.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
