package app

import (
	"github.com/overparam/overparam/compute/experiment/paths"
)

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

// pathsPresets are the paths page's presets; the first is the default.
var pathsPresets = paths.Presets()
