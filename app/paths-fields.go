package app

import "github.com/overparam/overparam/compute/experiment"

// PathPaths is the interpolation-paths page.
const PathPaths = "/paths"

// pathsFields labels the paths spec's parameters, by key.
var pathsFields = map[string]fieldInfo{
	"pair":       {Label: "Pair of solutions"},
	"data":       {Label: "Data set"},
	"classes":    {Label: "Classes C", Only: []string{"mixture"}},
	"dim":        {Label: "Input dimension", Only: []string{"mixture", "teacher"}},
	"sep":        {Label: "Separation", Only: []string{"mixture"}},
	"samples":    {Label: "Training samples"},
	"test":       {Label: "Test samples"},
	"noise":      {Label: "Noise", Only: []string{"moons", "circles", "teacher"}},
	"pixels":     {Label: "Image side (px)", Only: []string{"digits"}},
	"teacher":    {Label: "Teacher hidden units", Unit: "of the teacher–student data (pair and mean-field)"},
	"hidden":     {Label: "Hidden widths", Unit: "comma-separated, e.g. 32"},
	"activation": {Label: "Activation"},
	"loss":       {Label: "Loss"},
	"init":       {Label: "Initialisation"},
	"epochs":     {Label: "Epochs"},
	"lr":         {Label: "Learning rate"},
	"smallbatch": {Label: "Small batch", Unit: "0 = full batch"},
	"largebatch": {Label: "Large batch", Unit: "0 = full-batch gradient descent"},
	"momentum":   {Label: "Momentum"},
	"seed":       {Label: "Seed"},
	"steps":      {Label: "Lanczos steps", Unit: "per top-eigenvalue estimate"},
	"sharpness":  {Label: "Sharpness points", Unit: "α where the top Hessian eigenvalue is computed"},
	"resolution": {Label: "Path resolution", Unit: "α steps per unit"},
	"bezier":     {Label: "Bézier curve steps", Unit: "fit a curve between the pair (Garipov et al.); 0 = none"},
	"widths":     {Label: "Widths N", Unit: "comma-separated, even, increasing"},
	"width":      {Label: "Width drawn", Unit: "one of the widths"},
	"seeds":      {Label: "Pairs per width", Unit: "medians and quartiles over them"},
	"mfdim":      {Label: "Teacher input dim d"},
	"mfsamples":  {Label: "Training samples"},
	"mftest":     {Label: "Test samples"},
	"mfepochs":   {Label: "Epochs", Unit: "1 = online SGD"},
	"mfbatch":    {Label: "Batch size"},
	"mflr":       {Label: "Learning rate η", Unit: "mean-field scaling: steps of ηN∇L"},
}

var pathsGroups = []fieldGroup{
	{"Pair: data", []string{"pair", "data", "classes", "dim", "sep", "pixels", "noise", "samples", "test"}},
	{"Pair: model and training", []string{"hidden", "activation", "loss", "init", "epochs", "lr", "smallbatch", "largebatch", "momentum"}},
	{"Path and sharpness", []string{"resolution", "sharpness", "steps", "bezier"}},
	{"Mean-field networks (dropout)", []string{"widths", "width", "seeds", "teacher", "mfdim", "mfsamples", "mftest", "mfepochs", "mfbatch", "mflr"}},
	{"Randomness", []string{"seed"}},
}

func init() {
	enumText["pair=batch"] = "small vs large batch"
	enumText["pair=seeds"] = "two seeds"
	for _, k := range []string{"0", "3", "5", "9", "17"} {
		enumText[k] = k
	}
}

const (
	shevchenko = "Shevchenko & Mondelli 2020, Landscape Connectivity and Dropout Stability of SGD Solutions for Over-parameterized Neural Networks"
	garipov    = "Garipov, Izmailov, Podoprikhin, Vetrov & Wilson 2018, Loss Surfaces, Mode Connectivity, and Fast Ensembling of DNNs"
)

// pathsPreset builds a preset from the defaults and extra keys.
func pathsPreset(id, title, claim, cite, url, extra string) preset {
	s := experiment.DefaultPaths()
	experiment.ParseQuery(extra, &s)
	return preset{ID: id, Title: title, Claim: claim, Cite: cite, URL: url, Query: experiment.Query(&s)}
}

// pathsPresets are the paths page's presets; the first is the default.
var pathsPresets = []preset{
	pathsPreset("paths-batch", "Small vs large batch: no barrier",
		"Small-batch and large-batch SGD from one initialisation look like different minima — one sharp, one flat — yet the straight line between them shows no loss barrier. They sit in one connected basin; the sharpness changes smoothly along the way.",
		sagun2017, url2017, ""),
	pathsPreset("paths-seeds", "Two seeds: a barrier, and a curve around it",
		"Two networks trained from different seeds are separated by a loss barrier on the straight line between them, yet a quadratic Bézier curve trained on the loss along it (dashed) joins them almost without one. The barrier is a property of the naive path, not of the landscape; the dropout-stable path below removes it too as the networks widen.",
		garipov, "https://arxiv.org/abs/1802.10026", "pair=seeds&bezier=300"),
	pathsPreset("paths-wide", "Dropout stability up to width 1024",
		"In mean-field networks, keeping M of N neurons changes the loss by an amount that depends on M, not N, so wide networks are dropout-stable. The five-segment path through the half-dropout networks then connects two solutions with a barrier that vanishes as the width grows, while the straight line keeps its barrier.",
		shevchenko, "https://arxiv.org/abs/1912.10095", "widths=64,128,256,512,1024&width=1024&seeds=2"),
	pathsPreset("paths-digits", "MNIST digits: small vs large batch",
		"The same comparison on real data: a small ReLU network on 14×14 digits, trained with small and with full batches from one initialisation, and the loss along the line between them.",
		sagun2017, url2017, "data=digits&pixels=14&samples=1000&test=500&hidden=32&activation=relu&epochs=20&lr=0.1&smallbatch=20"),
}
