package app

import "github.com/overparam/overparam/compute/experiment/implicitbias"

// PathImplicitBias is the implicit-bias page.
const PathImplicitBias = "/implicitbias"

// ibFields labels the implicit-bias spec's parameters, by key.
var ibFields = map[string]fieldInfo{
	"model":     {Label: "Model"},
	"n":         {Label: "Sequences n"},
	"tokens":    {Label: "Tokens T", Unit: "per sequence"},
	"dim":       {Label: "Dimension d", Unit: "W, K and Q are d×d"},
	"iters":     {Label: "Steps", Unit: "of normalized gradient descent"},
	"lr":        {Label: "Step length η", Unit: "W ← W − η∇/‖∇‖"},
	"seeds":     {Label: "Seeds", Unit: "data sets, in parallel"},
	"seed":      {Label: "First seed", Unit: "attention: of the first repeat; cogo: the split, repeat r initialised from seed+r; ssm: the data"},
	"states":    {Label: "States N", Unit: "comma-separated, increasing"},
	"init":      {Label: "Initialisation"},
	"scale":     {Label: "Initial scale u₀", Unit: "per state"},
	"steps":     {Label: "Steps", Unit: "of gradient descent"},
	"ssmlr":     {Label: "Learning rate", Unit: "τ = 1/lr steps"},
	"pole":      {Label: "Pole a", Unit: "of teacher and student"},
	"gain":      {Label: "Teacher gain w*"},
	"sequences": {Label: "Sequences", Unit: "white-noise inputs"},
	"length":    {Label: "Length L"},
	"modulus":   {Label: "Modulus d", Unit: "odd: a + b mod d"},
	"widths":    {Label: "Hidden widths h", Unit: "comma-separated, increasing; the largest is analysed"},
	"repeats":   {Label: "Repeats", Unit: "initialisations per width"},
	"epochs":    {Label: "Epochs", Unit: "full-batch Adam"},
	"adamlr":    {Label: "Adam learning rate"},
	"decay":     {Label: "Weight decay"},
}

var ibGroups = []fieldGroup{
	// states sits beside model, where attention shows no field: go-app
	// reuses the element at a position, and a number input of attention
	// turned into the states text input would keep an empty value.
	{"Model", []string{"model", "states", "widths"}},
	{"Attention", []string{"n", "tokens", "dim", "iters", "lr"}},
	{"State-space model", []string{"init", "scale", "steps", "ssmlr"}},
	{"Teacher and data", []string{"pole", "gain", "sequences", "length"}},
	{"Modular addition (CoGO)", []string{"modulus", "repeats", "epochs", "adamlr", "decay"}},
	{"Randomness", []string{"seeds", "seed"}},
}

func init() {
	enumText["model=attention"] = "One-layer attention"
	enumText["model=ssm"] = "Linear state-space model"
	enumText["model=cogo"] = "Modular addition (CoGO)"
	enumText["init=balanced"] = "balanced: b = c"
	enumText["init=random"] = "random"
}

// ibPresets are the implicit-bias page's presets; the first is the default.
var ibPresets = implicitbias.Presets()
