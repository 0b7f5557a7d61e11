//go:build !overparam_worker

package doubledescent

import (
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
)

// Papers the double-descent presets cite.
const (
	hastie2019   = "Hastie, Montanari, Rosset & Tibshirani 2019, Surprises in High-Dimensional Ridgeless Least Squares Interpolation"
	meiMontanari = "Mei & Montanari 2019, The generalization error of random features regression"
	gu2023       = "Gu, Zheng & Aste 2023, Unraveling the Enigma of Double Descent"
	brellmann    = "Brellmann, Berthier, Filliat & Frehse 2024, On Double Descent in Reinforcement Learning with LSTD and Random Features"
)

// preset builds a preset from a model's defaults (DefaultFor)
// and the keys extra changes.
func preset(id, title, claim, cite, url, model, extra string) experiment.Preset {
	s := DefaultFor(model)
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of double descent, the one list
// the page, the gallery, the thumbnails and the CLI's -preset read; the
// first is the page's default. Each model's DefaultFor is
// among them, followed by variants that take longer or show the peak's
// absence.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("dd-linear", "Linear: peak at p = n",
			"The minimum-norm least-squares fit interpolates noise worst exactly when p = n: its test error blows up there and falls again as p grows. Optimal ridge removes the peak; the exact finite-n theory (solid) and the asymptotic curve (dashed) sit on the Monte Carlo medians.",
			hastie2019, "https://arxiv.org/abs/1903.08560", "linear", ""),
		preset("dd-features", "Random features: peak at N = n",
			"Ridgeless regression on N random ReLU features peaks when the number of features equals the number of samples, then improves as N grows. The solid curve is Mei & Montanari's asymptotic prediction.",
			meiMontanari, "https://arxiv.org/abs/1908.05355", "features", ""),
		preset("dd-mlp-noise", "Network, 20% label noise",
			"With noisy labels, test error peaks at the width where the network first fits the training set, then falls again. Past the threshold, the mislabelled points' features are recognised by their true class (kNN, right axis).",
			gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "noise=0.2"),
		preset("dd-mlp-clean", "Network, no label noise",
			"The same sweep with clean labels: test error falls as the width grows, without a peak. Label noise is what the interpolating network must memorise.",
			gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "noise=0"),
		preset("dd-mlp-digits", "MNIST digits, 20% label noise",
			"The same sweep on 14×14 MNIST digits: the training error reaches zero near width 16 and the kNN recognition of the mislabelled points rises after it. At this browser scale the test-error peak is faint; Gu et al. train on 4,000 digits for longer.",
			gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "data=digits&n=500&epochs=200&repeats=3&sizes=2,4,8,12,16,24,32,48,64,128"),
		preset("dd-lstd", "RL (LSTD): peak at N = m",
			"Regularised LSTD with N random features on a random Markov reward process: with a tiny ridge, the true mean-squared Bellman error peaks when N equals m, the number of distinct states visited. It is double descent in reinforcement learning.",
			brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", ""),
		preset("dd-lstd-ridge", "RL (LSTD) with λ = 1e-3",
			"A larger ridge penalty removes the peak at N = m: regularisation tames the interpolation threshold in reinforcement learning as in regression.",
			brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", "ridge=0.001"),
		preset("dd-lstd-coverage", "RL (LSTD), every state visited",
			"A trajectory long enough to visit every state of the Markov reward process: m equals the number of states and the peak is gone. The peak comes from fitting the few visited states exactly.",
			brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", "n=3000"),
	}
}

// ddPresetAliases are the names the CLI's -preset took before the page's
// and the CLI's lists were merged, with the preset each named (the same
// spec), so scripts that use them keep working.
var presetAliases = map[string]string{
	"linear":        "dd-linear",
	"features":      "dd-features",
	"mlp":           "dd-mlp-noise",
	"mlp-digits":    "dd-mlp-digits",
	"lstd":          "dd-lstd",
	"lstd-coverage": "dd-lstd-coverage",
}

// FindPreset returns the double-descent preset with the id
// name (or one of the CLI's earlier names: linear, features, mlp,
// mlp-digits, lstd, lstd-coverage), case-insensitively.
func FindPreset(name string) (experiment.Preset, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	if id, ok := presetAliases[name]; ok {
		name = id
	}
	presets := Presets()
	if i := slices.IndexFunc(presets, func(p experiment.Preset) bool { return p.ID == name }); i >= 0 {
		return presets[i], true
	}
	return experiment.Preset{}, false
}

// PresetSpec returns the spec of preset p, as its page link
// gives it: the defaults for its query, then the query.
func PresetSpec(p experiment.Preset) Spec {
	s := DefaultForQuery(p.Query)
	experiment.ParseQuery(p.Query, &s)
	return s
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "doubledescent", Order: 3, Title: "Double descent",
		Synopsis: "sweep a model over its size and print the double-descent curve with theory",
		Gallery:  "Double descent (Hastie et al.; Mei & Montanari; Gu et al.; Brellmann et al.)",
		Lede:     "Sweep a model's size past the point where it fits its training data exactly: the test error peaks there, then falls again.",
		Defaults: func(q string) any { s := DefaultForQuery(q); return &s },
		Presets:  Presets,
	})
}
