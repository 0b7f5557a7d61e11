package app

import (
	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

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

// ddPresets are the double-descent page's presets; the first is the default.
var ddPresets = doubledescent.Presets()
