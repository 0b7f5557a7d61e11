package app

import "github.com/overparam/overparam/compute/experiment/implicitbias"

// PathImplicitBias is the implicit-bias page.
const PathImplicitBias = "/implicitbias"

// ibFields labels the implicit-bias spec's parameters, by key.
var ibFields = map[string]fieldInfo{
	"model":  {Label: "Model"},
	"n":      {Label: "Sequences n"},
	"tokens": {Label: "Tokens T", Unit: "per sequence"},
	"dim":    {Label: "Dimension d", Unit: "W, K and Q are d×d"},
	"iters":  {Label: "Steps", Unit: "of normalized gradient descent"},
	"lr":     {Label: "Step length η", Unit: "W ← W − η∇/‖∇‖"},
	"seeds":  {Label: "Seeds", Unit: "data sets, in parallel"},
	"seed":   {Label: "First seed"},
}

var ibGroups = []fieldGroup{
	{"Model", []string{"model"}},
	{"Attention", []string{"n", "tokens", "dim", "iters", "lr"}},
	{"Randomness", []string{"seeds", "seed"}},
}

func init() {
	enumText["model=attention"] = "One-layer attention"
}

// ibPresets are the implicit-bias page's presets; the first is the default.
var ibPresets = implicitbias.Presets()
