package app

import "github.com/overparam/overparam/compute/experiment/compression"

// PathCompression is the compression page.
const PathCompression = "/compression"

// compressionFields labels the compression spec's parameters, by key.
var compressionFields = map[string]fieldInfo{
	"model":   {Label: "Model"},
	"bits":    {Label: "Bits b", Unit: "comma-separated; 2^b+1 levels, b = 1 is ternary"},
	"scale":   {Label: "Alphabet radius C", Unit: "largest level = C × median |weight|", Slider: &slider{Min: 0.5, Max: 10, Step: 0.5}},
	"n0s":     {Label: "Inputs N₀", Unit: "comma-separated, increasing"},
	"m":       {Label: "Data points m"},
	"trials":  {Label: "Neurons per N₀", Unit: "means ± standard errors over them"},
	"widths":  {Label: "Hidden widths", Unit: "comma-separated, increasing"},
	"samples": {Label: "Training digits"},
	"test":    {Label: "Test digits"},
	"pixels":  {Label: "Image side (px)"},
	"calib":   {Label: "Calibration digits", Unit: "GPFQ's data m for each layer"},
	"epochs":  {Label: "Epochs"},
	"lr":      {Label: "Learning rate"},
	"batch":   {Label: "Batch size"},
	"seeds":   {Label: "Networks per width", Unit: "accuracies are means over them"},
	"seed":    {Label: "Seed"},
	"hidden":  {Label: "Hidden units"},
	"density": {Label: "Density", Unit: "fraction of each layer's weights nonzero", Slider: &slider{Min: 0.01, Max: 0.5, Step: 0.01}},
	"steps":   {Label: "SGD steps"},
	"every":   {Label: "Update every ΔT steps"},
	"alpha":   {Label: "Update fraction α", Unit: "cosine-decayed to 0 at 0.75·steps"},
	"logc":    {Label: "log₁₀ c", Unit: "comma-separated exploration coefficients of DST-EE"},
	"bonus":   {Label: "Exploration bonus"},
}

var compressionGroups = []fieldGroup{
	{"Alphabet", []string{"model", "bits", "scale"}},
	{"Single layer (Gaussian data)", []string{"n0s", "m", "trials"}},
	{"Networks on digits", []string{"widths", "samples", "test", "pixels", "calib", "epochs", "lr", "batch"}},
	{"Sparse training", []string{"hidden", "density", "steps", "every", "alpha", "logc", "bonus"}},
	{"Randomness", []string{"seeds", "seed"}},
}

func init() {
	enumText["model=gpfq"] = "GPFQ vs rounding"
	enumText["model=sparse"] = "Dynamic sparse training"
	enumText["bonus=log"] = "c·ln t/(N+1)"
	enumText["bonus=ucb"] = "c·√(ln t/(N+1)) (UCB1)"
}

// compressionPresets are the compression page's presets; the first is the
// default.
var compressionPresets = compression.Presets()
