package sensing

// Result is the outcome of a run: one entry per curve, in the order of
// Spec.Curves.
type Result struct {
	Spec Spec `json:"spec"`
	// Norm is ‖M*‖_F, the denominator of the relative errors.
	Norm   float64       `json:"norm"`
	Curves []CurveResult `json:"curves"`
}

// CurveResult is one curve: its settings, the error at the recorded
// iterations, the fitted slopes and the theory where one exists.
type CurveResult struct {
	Index int `json:"index"`
	Curve
	// Step lists the recorded iterations t (0 is the initialisation), and
	// Error the error there: ‖XXᵀ − M*‖_F (‖FGᵀ − M*‖_F when asymmetric);
	// Relative is Error / ‖M*‖_F.
	Step     []int     `json:"step"`
	Error    []float64 `json:"error"`
	Relative []float64 `json:"relative"`
	// Final is the relative error after the last iteration.
	Final float64 `json:"final"`
	// LogLogSlope is the least-squares slope of ln Error against ln t over
	// the last decade of iterations, [T/10, T] (sublinear convergence like
	// 1/T has slope −1); 0 when T < 10.
	LogLogSlope float64 `json:"loglog_slope"`
	// LateSlope is the least-squares slope of ln Error per iteration over
	// the late window [LateFrom, LateTo] (linear convergence like e^{−ct}
	// has slope −c): the second half of the iterations before the error
	// reaches the floor (FloorRelative), or before the rebalancing step.
	LateSlope float64 `json:"late_slope"`
	LateFrom  int     `json:"late_from"`
	LateTo    int     `json:"late_to"`
	// PredictedSlope is −η·λ_min(F₀ᵀF₀ − G₀ᵀG₀), the late slope that the
	// conserved imbalance predicts (asymmetric, fully observed, k > r);
	// 0 otherwise.
	PredictedSlope float64 `json:"predicted_slope,omitempty"`
	// SpuriousSlope is −η·λ_min(Wᵀ(F₀ᵀF₀ − G₀ᵀG₀)W), with W spanning the
	// k − r directions in which G vanishes at the end of the run (before a
	// rebalancing): the same conserved imbalance, restricted to the
	// directions the error lives in late; by Cauchy interlacing it is at
	// least as steep as PredictedSlope.
	SpuriousSlope float64 `json:"spurious_slope,omitempty"`
	// TheoryStep and TheoryError are the theory line: √(k−r)/(2ηt) for the
	// symmetric, fully observed k > r (Xiong, Ding & Du 2023); for the
	// asymmetric, the predicted slope through the curve at LateFrom.
	TheoryStep  []int     `json:"theory_step,omitempty"`
	TheoryError []float64 `json:"theory_error,omitempty"`
	// Rebalanced is the iteration before which F and G were rebalanced, 0
	// if never; RebalanceChange is ‖F′G′ᵀ − FGᵀ‖_F there (0 in exact
	// arithmetic); PostSlope is the slope of ln Error per iteration after
	// it, until the floor.
	Rebalanced      int     `json:"rebalanced,omitempty"`
	RebalanceChange float64 `json:"rebalance_change,omitempty"`
	PostSlope       float64 `json:"post_slope,omitempty"`
}

// FloorRelative is the relative error below which a curve has reached the
// floor of double-precision arithmetic; slopes are fitted above it.
const FloorRelative = 1e-12
