package app

import "github.com/overparam/overparam/compute/experiment/sharpness"

// sharpFields labels the sharpness spec's parameters, by key.
var sharpFields = map[string]fieldInfo{
	"samples":    {Label: "Spiral points"},
	"noise":      {Label: "Noise"},
	"hidden":     {Label: "Hidden widths", Unit: "comma-separated, e.g. 32,32"},
	"activation": {Label: "Activation"},
	"loss":       {Label: "Loss"},
	"optimizer":  {Label: "Optimizer"},
	"edges":      {Label: "2/η", Unit: "comma-separated; one run per step size η = 2/value"},
	"steps":      {Label: "Steps"},
	"momentum":   {Label: "Momentum β"},
	"rho":        {Label: "SAM radius ρ"},
	"chunk":      {Label: "m-sharpness chunk", Unit: "0 = full batch"},
	"lambda":     {Label: "Penalty weight λ"},
	"lag":        {Label: "SAF lag (steps)", Unit: "odd lags see the period-2 oscillation"},
	"ema":        {Label: "MESA EMA decay β"},
	"penalty":    {Label: "SAF/MESA penalty", Unit: "mse with loss mse, kl with loss ce"},
	"tau":        {Label: "KL temperature τ"},
	"flow":       {Label: "Gradient-flow reference", Unit: "smallest η divided by this; 0 = none"},
	"every":      {Label: "Eigenvalues every", Unit: "steps"},
	"zoom":       {Label: "Zoom window", Unit: "last steps, eigenvalues at every step"},
	"eigs":       {Label: "Eigenvalues tracked"},
	"tol":        {Label: "Lanczos tolerance", Unit: "relative Ritz residual"},
	"seed":       {Label: "Seed"},
}

var sharpGroups = []fieldGroup{
	{"Data and model", []string{"samples", "noise", "hidden", "activation", "loss"}},
	{"Optimizer", []string{"optimizer", "edges", "steps", "momentum", "rho", "chunk", "lambda", "lag", "ema", "penalty", "tau", "flow"}},
	{"Eigenvalues", []string{"every", "zoom", "eigs", "tol"}},
	{"Randomness", []string{"seed"}},
}

// sharpRelevant reports whether control key applies to the spec.
func sharpRelevant(s *sharpness.Spec, key string) bool {
	optimizer := s.Optimizer
	switch key {
	case "penalty":
		return optimizer == "saf" || optimizer == "mesa"
	case "tau":
		return (optimizer == "saf" || optimizer == "mesa") && s.Penalty == "kl"
	case "momentum":
		return optimizer == "heavyball" || optimizer == "nesterov"
	case "rho", "chunk":
		return optimizer == "usam" || optimizer == "sam"
	case "lambda":
		return optimizer == "saf" || optimizer == "mesa"
	case "lag":
		return optimizer == "saf"
	case "ema":
		return optimizer == "mesa"
	}
	return true
}

func init() {
	for k, v := range map[string]string{"gd": "gradient descent", "heavyball": "heavy-ball momentum", "nesterov": "Nesterov momentum",
		"usam": "SAM, unnormalised (ε = ρg)", "sam": "SAM (ε = ρg/‖g‖)", "saf": "SAF (trajectory loss)", "mesa": "MESA (EMA teacher)"} {
		enumText["optimizer="+k] = v
	}
	enumText["penalty=mse"] = "squared error (λ/2n)Σ‖f − f_ref‖²"
	enumText["penalty=kl"] = "KL with temperature τ (Du et al.)"
}
