package sharpness

// Result is the outcome of a sharpness run. Eigenvalues are those of the
// Hessian of the training loss alone (never of a SAM, SAF or MESA penalty),
// in loss per parameter².
type Result struct {
	Spec   Spec `json:"spec"`
	Params int  `json:"params"`
	// Points holds one run per step size, in the order of Spec.Edges.
	Points []*Point `json:"points"`
	// Slope is the least-squares slope of log λ_end against log η over the
	// points (−1 when λ_end = c/η); 0 with fewer than two step sizes.
	// λ_end is the plateau median when the run reached its edge, else the
	// last tracked value.
	Slope float64 `json:"slope"`
	// Flow is the gradient-flow reference (Spec.Flow > 0): gradient
	// descent at Spec.FlowLR, to be read against η·t; nil without one.
	Flow *Point `json:"flow,omitempty"`
	// Catapult holds the two-layer linear toy of Lewkowycz et al. (2020)
	// at several η·λ₀.
	Catapult []Catapult `json:"catapult"`
}

// Point is one full-batch training run at step size LR.
type Point struct {
	Index int     `json:"index"`
	LR    float64 `json:"lr"`
	// IsFlow marks the gradient-flow reference: plain gradient descent at
	// Spec.FlowLR, stopped once λ₁ passes FlowStop times the smallest step
	// size's 2/η (its last entry of Steps).
	IsFlow bool `json:"is_flow,omitempty"`
	// Edge is the optimizer's predicted stability edge for the training
	// loss's top eigenvalue (for sam, at the last tracked step; each Eig has
	// its own).
	Edge float64 `json:"edge"`
	// Steps and Loss are the training curve: the loss at θ_t for t in
	// Steps (every step up to 2000 steps, then a stride, and every step of
	// the zoom window).
	Steps []int     `json:"steps"`
	Loss  []float64 `json:"loss"`
	// Eigs are the tracked eigenvalue computations, measured on θ_t before
	// the update of step t.
	Eigs []Eig `json:"eigs"`
	// TStar is the first tracked step whose top eigenvalue reached the edge
	// (−1 if none did).
	TStar int `json:"t_star"`
	// Plateau summarises λ₁/edge over the tracked steps in the second half
	// of [TStar, Steps] (zero without TStar).
	Plateau Plateau `json:"plateau"`
	// LossUpBefore and LossUpAfter are the fractions of steps before and
	// after TStar whose loss rose.
	LossUpBefore float64 `json:"loss_up_before"`
	LossUpAfter  float64 `json:"loss_up_after"`
	// LambdaEnd is λ_end of Result.Slope.
	LambdaEnd float64 `json:"lambda_end"`
	// Products counts Hessian-vector products; MeanProducts is their mean
	// per tracked step.
	Products     int     `json:"products"`
	MeanProducts float64 `json:"mean_products"`
	// Diverged names the step at which the loss became NaN or exceeded
	// DivergeLoss, and training stopped; empty if it did not.
	Diverged string `json:"diverged,omitempty"`
	// Rescale is the rescaling panel on the final network of point 0 of a
	// ReLU network.
	Rescale *Rescale `json:"rescale,omitempty"`
}

// Eig is one eigenvalue computation at step Step: the top Ritz values
// (largest first) with their residuals ‖Hy − θy‖, and the edge predicted
// at that step.
type Eig struct {
	Step      int       `json:"step"`
	Values    []float64 `json:"values"`
	Residuals []float64 `json:"residuals"`
	Edge      float64   `json:"edge"`
	Products  int       `json:"products"`
	// Move is (θ_t − θ_{t−1})ᵀu₁, the last update's component along the
	// unit top eigenvector u₁ (its sign kept from step to step), in the
	// zoom window only: it alternates in sign in the period-2 oscillation
	// at the edge.
	Move float64 `json:"move,omitempty"`
}

// Plateau is the median and the 5th and 95th percentiles of λ₁/edge.
type Plateau struct {
	Median  float64 `json:"median"`
	P5      float64 `json:"p5"`
	P95     float64 `json:"p95"`
	Samples int     `json:"samples"`
}

// Catapult is one run of the two-layer linear toy f = vᵀu/√m at
// η = EtaLambda0/λ₀: the loss and η·λ (λ = (‖u‖² + ‖v‖²)/m, the network's
// tangent kernel) at each step.
type Catapult struct {
	EtaLambda0 float64   `json:"eta_lambda0"`
	Loss       []float64 `json:"loss"`
	EtaLambda  []float64 `json:"eta_lambda"`
	// PeakRatio is max_t L_t/L_0 and PeakStep its step.
	PeakRatio float64 `json:"peak_ratio"`
	PeakStep  int     `json:"peak_step"`
	// Outcome is "monotone" (the loss never rose above L₀), "catapult"
	// (it did, and training converged) or "diverges".
	Outcome string `json:"outcome"`
}

// Rescale is the layer-wise rescaling of Dinh et al. (2017): θ_α with the
// first layer's weights and biases times α and the second layer's weights
// divided by α computes the same function, with a different Hessian.
type Rescale struct {
	Alpha []float64 `json:"alpha"`
	// Top is λ_max of the training-loss Hessian at θ_α, Residual its Ritz
	// residual.
	Top      []float64 `json:"top"`
	Residual []float64 `json:"residual"`
	// Loss is the training loss at θ_α, and MaxChange the largest change of
	// any network output over the training set from θ to θ_α.
	Loss      []float64 `json:"loss"`
	MaxChange []float64 `json:"max_change"`
}

// DivergeLoss is the training loss above which a run counts as diverged.
const DivergeLoss = 1e6

// CatapultWidth is the width m of the catapult toy, and CatapultSteps its
// steps.
const (
	CatapultWidth = 1000
	CatapultSteps = 200
)

// CatapultEtas are the η·λ₀ of the catapult toy: below 2, between 2 and
// 4, and above 4.
var CatapultEtas = []float64{0.5, 1.5, 2.5, 3.5, 3.9, 4.1, 4.5}

// RescaleAlphas are the α of the rescaling panel.
var RescaleAlphas = []float64{0.25, 0.5, 1, 2, 4, 8}
