package app

// PathSpectrum is the Hessian-spectrum page.
const PathSpectrum = "/spectrum"

// spectrumFields labels the spectrum spec's parameters, by key.
var spectrumFields = map[string]fieldInfo{
	"data":       {Label: "Data set"},
	"classes":    {Label: "Classes C", Only: []string{"mixture"}},
	"dim":        {Label: "Input dimension", Only: []string{"mixture", "teacher"}},
	"sep":        {Label: "Separation", Unit: "class means' distance from 0, in within-class std", Only: []string{"mixture"}},
	"samples":    {Label: "Training samples"},
	"test":       {Label: "Test samples"},
	"noise":      {Label: "Noise", Unit: "std of the input (moons, circles) or target (teacher) noise", Only: []string{"moons", "circles", "teacher"}},
	"labelnoise": {Label: "Label noise", Unit: "fraction of training labels flipped", Only: []string{"mixture", "moons", "circles", "digits"}},
	"pixels":     {Label: "Image side (px)", Only: []string{"digits"}},
	"teacher":    {Label: "Teacher hidden units", Only: []string{"teacher"}},
	"hidden":     {Label: "Hidden widths", Unit: "comma-separated, e.g. 64,64"},
	"activation": {Label: "Activation"},
	"loss":       {Label: "Loss"},
	"init":       {Label: "Initialisation"},
	"epochs":     {Label: "Epochs", Unit: "0 = spectrum at initialisation"},
	"lr":         {Label: "Learning rate"},
	"batch":      {Label: "Batch size", Unit: "0 = full-batch gradient descent"},
	"momentum":   {Label: "Momentum"},
	"wd":         {Label: "Weight decay λ"},
	"gradtol":    {Label: "Stop at ‖∇L‖ ≤", Unit: "0 = train all epochs"},
	"seed":       {Label: "Seed"},
	"repeats":    {Label: "Repeat over seeds", Unit: "runs seeds seed … seed+repeats−1 in parallel"},
	"curvature":  {Label: "Matrix"},
	"steps":      {Label: "Lanczos steps"},
	"probes":     {Label: "Probe vectors"},
	"topk":       {Label: "Top-k eigenvalues"},
	"sigma":      {Label: "Smoothing σ", Unit: "fraction of the spectral range; 0 = 0.0032"},
	"dense":      {Label: "Exact eigenvalues", Unit: "dense matrix, ≤ 5000 parameters"},
	"before":     {Label: "Also at initialisation"},
}

// spectrumGroups orders the parameters into the control panel's fieldsets.
var spectrumGroups = []fieldGroup{
	{"Data", []string{"data", "classes", "dim", "sep", "pixels", "teacher", "noise", "labelnoise", "samples", "test"}},
	{"Model", []string{"hidden", "activation", "loss", "init"}},
	{"Training", []string{"epochs", "lr", "batch", "momentum", "wd", "gradtol"}},
	{"Spectrum", []string{"curvature", "steps", "probes", "topk", "sigma", "before", "dense"}},
	{"Randomness", []string{"seed", "repeats"}},
}

// enumText names enum values on the page, by "key=value" for a value
// whose name depends on its parameter (model=linear is a regression,
// activation=linear is not), else by value.
var enumText = map[string]string{
	"mixture": "Gaussian mixture", "moons": "Two moons", "circles": "Two circles", "teacher": "Teacher–student (regression)", "digits": "MNIST digits",
	"ce": "softmax cross-entropy", "mse": "squared error", "hessian": "Hessian", "ggn": "Gauss-Newton",
	"default": "PyTorch default", "gaussian": "Gaussian N(0, 1/fan-in)", "14": "14 × 14 (pooled)", "28": "28 × 28",
}
