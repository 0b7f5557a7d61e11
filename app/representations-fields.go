package app

import "github.com/overparam/overparam/compute/experiment/representations"

// PathRepresentations is the representations page.
const PathRepresentations = "/representations"

// repFields labels the representations spec's parameters, by key. Only
// lists the data sets a field applies to.
var repFields = map[string]fieldInfo{
	"model":     {Label: "Study"},
	"data":      {Label: "Data set"},
	"dim":       {Label: "Input dimension", Only: []string{"teacher"}},
	"classes":   {Label: "Classes", Only: []string{"teacher"}},
	"samples":   {Label: "Training samples"},
	"pixels":    {Label: "Image side (px)", Only: []string{"digits"}},
	"width":     {Label: "Hidden width", Unit: "units per hidden layer"},
	"layers":    {Label: "Hidden layers", Unit: "ReLU (FoRDE: tanh); MHE acts on the first"},
	"lr":        {Label: "Learning rate"},
	"batch":     {Label: "Batch size"},
	"steps":     {Label: "SGD steps"},
	"every":     {Label: "Snapshot every", Unit: "steps"},
	"probe":     {Label: "Probe points", Unit: "whose activations are compared"},
	"variance":  {Label: "Variance kept", Unit: "by the SVD truncation before CCA"},
	"power":     {Label: "Energy power s", Unit: "0 = log, 1 = Thomson, 2 = inverse square"},
	"halfspace": {Label: "Half-space MHE", Unit: "spread ±ŵ"},
	"lambda":    {Label: "Largest λ", Unit: "weight of the penalty λ·E_s"},
	"lambdas":   {Label: "λ values", Unit: "0, then decades up to the largest"},
	"members":   {Label: "Members M"},
	"repulsion": {Label: "Repulsion ρ", Unit: "FoRDE's weight beside the cross-entropy"},
	"seeds":     {Label: "Networks", Unit: "seeds; curves are means"},
	"seed":      {Label: "Seed"},
}

var repGroups = []fieldGroup{
	{"Study", []string{"model"}},
	{"Data", []string{"data", "dim", "classes", "pixels", "samples"}},
	{"Network and training", []string{"layers", "width", "lr", "batch", "steps"}},
	{"SVCCA", []string{"every", "probe", "variance"}},
	{"Hyperspherical energy", []string{"power", "halfspace", "lambda", "lambdas"}},
	{"Ensemble", []string{"members", "repulsion"}},
	{"Randomness", []string{"seeds", "seed"}},
}

func init() {
	enumText["model=svcca"] = "SVCCA: layers converge bottom up"
	enumText["model=mhe"] = "MHE: units spread over the sphere"
	enumText["model=forde"] = "FoRDE: ensembles in input-gradient space"
	enumText["data=blobs"] = "blobs in the plane"
	enumText["power=0"], enumText["power=1"], enumText["power=2"] = "0: −log r", "1: 1/r (Thomson)", "2: 1/r²"
	enumText["data=teacher"] = "tanh teacher (10 classes)"
}

// repPresets are the representations page's presets; the first is the
// default.
var repPresets = representations.Presets()
