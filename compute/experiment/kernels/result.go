package kernels

// Point is one sweep point's result: Robust for a robustness point (one
// curve at one width), QNN for a qnn point (one γ at one depth).
type Point struct {
	Index  int          `json:"index"`
	Robust *RobustPoint `json:"robust,omitempty"`
	QNN    *QNNRun      `json:"qnn,omitempty"`
}

// RobustPoint is the sensitivity of the minimum-norm interpolator of one
// curve at one width, over Seeds × Tests draws.
type RobustPoint struct {
	// Model is "ntk" or "rf", Act the activation, Width the width k and
	// Params the number of parameters p (dk or k).
	Model  string `json:"model"`
	Act    string `json:"act"`
	Width  int    `json:"width"`
	Params int    `json:"params"`
	// S is the mean of the sensitivities √d‖∇_z f(z)‖ over the seeds and
	// test points (Values, seed-major), and SE its standard error,
	// sd/√len(Values).
	S      float64   `json:"s"`
	SE     float64   `json:"se"`
	Values []float64 `json:"values"`
	// Bound is the universal law's √(Nd/p).
	Bound float64 `json:"bound"`
	// MaxResidual is the largest |f(x_i) − y_i| over the training samples
	// and seeds: the interpolator fits its noise labels.
	MaxResidual float64 `json:"max_residual"`
}

// RobustCurve is one curve of a finished robustness run, with its fit.
type RobustCurve struct {
	Name   string        `json:"name"`
	Model  string        `json:"model"`
	Act    string        `json:"act"`
	Points []RobustPoint `json:"points"`
	// Slope is the least-squares slope of log S against log p over the
	// points with p in [Nd/10, Nd] (NaN-free: omitted when fewer than two),
	// and Ratio the mean of S/√(Nd/p) over them.
	Slope *float64 `json:"slope,omitempty"`
	Ratio *float64 `json:"ratio,omitempty"`
	// Plateau is S at the widest point over S at the widest point with at
	// most a quarter of its width (random features: about 1 when S has
	// stopped falling), omitted when there is none.
	Plateau *float64 `json:"plateau,omitempty"`
}

// QNNRun is one training run of the quantum neural network.
type QNNRun struct {
	Gamma  float64 `json:"gamma"`
	Depth  int     `json:"depth"`
	Params int     `json:"params"`
	// Steps are the recorded steps t (0 first), with Residual the norm of
	// the residuals ‖ŷ − y‖ after t steps, Output ŷ of sample 0 and Kernel
	// its tangent kernel K = ‖∂ŷ/∂θ‖², and Reference γ² − ŷ² (of sample
	// 0), the scale the asymptotic dynamics predict for K.
	Steps     []int     `json:"steps"`
	Residual  []float64 `json:"residual"`
	Output    []float64 `json:"output"`
	Kernel    []float64 `json:"kernel"`
	Reference []float64 `json:"reference"`
	// Label is sample 0's label.
	Label float64 `json:"label"`
	// Final is the residual after the last step. Slope is the log-log slope
	// of the residual over the last decade of steps (about −1 for
	// sublinear convergence) and R2 the R² of log residual against t over
	// the second half (about 1 for linear convergence). KStart and KEnd are
	// K/(γ² − ŷ²) at the first and the last recorded step.
	Final  float64 `json:"final"`
	Slope  float64 `json:"slope"`
	R2     float64 `json:"r2"`
	KStart float64 `json:"k_start"`
	KEnd   float64 `json:"k_end"`
	// NormError is the largest |‖ψ‖ − 1| over the forward passes.
	NormError float64 `json:"norm_error"`
}

// Result is a finished run: Curves for robustness, Runs for qnn.
type Result struct {
	Spec   Spec          `json:"spec"`
	Curves []RobustCurve `json:"curves,omitempty"`
	// ND is N·d, the universal law's threshold, and SqrtN is √N, where
	// random features plateau.
	ND    float64  `json:"nd,omitempty"`
	SqrtN float64  `json:"sqrt_n,omitempty"`
	Runs  []QNNRun `json:"runs,omitempty"`
}
