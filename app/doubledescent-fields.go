package app

import "github.com/overparam/overparam/compute/experiment"

// PathDoubleDescent is the double-descent page.
const PathDoubleDescent = "/doubledescent"

// ddFields labels the double-descent spec's parameters, by key.
var ddFields = map[string]fieldInfo{
	"model":    {Label: "Model"},
	"n":        {Label: "Samples n", Unit: "lstd: transitions in the trajectory", Slider: &slider{Min: 10, Max: 3000, Step: 10}},
	"dim":      {Label: "Dimension d"},
	"sizes":    {Label: "Sizes swept", Unit: "comma-separated, increasing: p, N or width"},
	"noise":    {Label: "Noise", Unit: "σ (regression), label-noise fraction (mlp), reward noise (lstd)", Slider: &slider{Min: 0, Max: 2, Step: 0.05}},
	"signal":   {Label: "Signal r²", Slider: &slider{Min: 0, Max: 10, Step: 0.1}},
	"ridge":    {Label: "Ridge λ", Unit: "slider: log scale from 1e-9; 0 = ridgeless only", Slider: &slider{Min: -9, Max: 1, Step: 0.25, Log: true}},
	"test":     {Label: "Test samples"},
	"data":     {Label: "Data set"},
	"classes":  {Label: "Classes"},
	"sep":      {Label: "Separation"},
	"pixels":   {Label: "Image side (px)"},
	"epochs":   {Label: "Epochs"},
	"lr":       {Label: "Learning rate"},
	"batch":    {Label: "Batch size", Unit: "0 = full-batch gradient descent"},
	"momentum": {Label: "Momentum"},
	"states":   {Label: "States", Unit: "of the random Markov reward process"},
	"gamma":    {Label: "Discount γ"},
	"repeats":  {Label: "Repeats per size", Unit: "median and quartiles over seeds"},
	"seed":     {Label: "Seed"},
}

var ddGroups = []fieldGroup{
	{"Model", []string{"model", "sizes", "n", "dim", "test"}},
	{"Signal and noise", []string{"signal", "noise", "ridge"}},
	{"Network (mlp)", []string{"data", "classes", "sep", "pixels", "epochs", "lr", "batch", "momentum"}},
	{"Markov reward process (lstd)", []string{"states", "gamma"}},
	{"Randomness", []string{"repeats", "seed"}},
}

func init() {
	for k, v := range map[string]string{
		"linear": "Linear regression", "features": "Random ReLU features", "mlp": "Network, one hidden layer", "lstd": "LSTD, random features (RL)",
	} {
		enumText["model="+k] = v
	}
}

// ddPreset builds a preset from a model's defaults and extra keys.
func ddPreset(id, title, claim, cite, url, model, extra string) preset {
	s := experiment.DefaultDoubleDescentFor(model)
	experiment.ParseQuery(extra, &s)
	return preset{ID: id, Title: title, Claim: claim, Cite: cite, URL: url, Query: experiment.Query(&s)}
}

const (
	hastie2019   = "Hastie, Montanari, Rosset & Tibshirani 2019, Surprises in High-Dimensional Ridgeless Least Squares Interpolation"
	meiMontanari = "Mei & Montanari 2019, The generalization error of random features regression"
	gu2023       = "Gu, Zheng & Aste 2023, Unraveling the Enigma of Double Descent"
	brellmann    = "Brellmann, Berthier, Filliat & Frehse 2024, On Double Descent in Reinforcement Learning with LSTD and Random Features"
)

// ddPresets are the double-descent page's presets; the first is the default.
var ddPresets = []preset{
	ddPreset("dd-linear", "Linear: peak at p = n",
		"The minimum-norm least-squares fit interpolates noise worst exactly when p = n: its test error blows up there and falls again as p grows. Optimal ridge removes the peak; the exact finite-n theory (solid) and the asymptotic curve (dashed) sit on the Monte Carlo medians.",
		hastie2019, "https://arxiv.org/abs/1903.08560", "linear", ""),
	ddPreset("dd-features", "Random features: peak at N = n",
		"Ridgeless regression on N random ReLU features peaks when the number of features equals the number of samples, then improves as N grows. The solid curve is Mei & Montanari's asymptotic prediction.",
		meiMontanari, "https://arxiv.org/abs/1908.05355", "features", ""),
	ddPreset("dd-mlp-noise", "Network, 20% label noise",
		"With noisy labels, test error peaks at the width where the network first fits the training set, then falls again. Past the threshold, the mislabelled points' features are recognised by their true class (kNN, right axis).",
		gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "noise=0.2"),
	ddPreset("dd-mlp-clean", "Network, no label noise",
		"The same sweep with clean labels: test error falls as the width grows, without a peak. Label noise is what the interpolating network must memorise.",
		gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "noise=0"),
	ddPreset("dd-mlp-digits", "MNIST digits, 20% label noise",
		"The same sweep on 14×14 MNIST digits: the training error reaches zero near width 16 and the kNN recognition of the mislabelled points rises after it. At this browser scale the test-error peak is faint; Gu et al. train on 4,000 digits for longer.",
		gu2023, "https://arxiv.org/abs/2310.13572", "mlp", "data=digits&n=500&epochs=200&repeats=3&sizes=2,4,8,12,16,24,32,48,64,128"),
	ddPreset("dd-lstd", "RL (LSTD): peak at N = m",
		"Regularised LSTD with N random features on a random Markov reward process: with a tiny ridge, the true mean-squared Bellman error peaks when N equals m, the number of distinct states visited. It is double descent in reinforcement learning.",
		brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", ""),
	ddPreset("dd-lstd-ridge", "RL (LSTD) with λ = 1e-3",
		"A larger ridge penalty removes the peak at N = m: regularisation tames the interpolation threshold in reinforcement learning as in regression.",
		brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", "ridge=0.001"),
	ddPreset("dd-lstd-coverage", "RL (LSTD), every state visited",
		"A trajectory long enough to visit every state of the Markov reward process: m equals the number of states and the peak is gone. The peak comes from fitting the few visited states exactly.",
		brellmann, "https://openreview.net/forum?id=9RIbNmx984", "lstd", "n=3000"),
}
