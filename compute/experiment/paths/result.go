package paths

// Result is the outcome of a Paths run. Losses are mean per-sample
// training or test losses, without weight decay.
type Result struct {
	Spec Spec `json:"spec"`
	// Paths holds the pair's linear path, named "linear (small vs large
	// batch)" or "linear (two seeds)", then the mean-field paths "linear"
	// and "piecewise" of width Spec.Width and repeat 0.
	Paths []Path `json:"paths"`
	// Widths holds one entry per width of Spec.Widths, in order.
	Widths []WidthStat `json:"widths"`
	// Dropout holds the loss change ΔL against the kept-neuron count M,
	// one curve per width.
	Dropout []DropoutCurve `json:"dropout"`
}

// Path is a path θ(α) between two solutions, sampled at Alpha, with the
// losses and accuracies (classification only) along it.
type Path struct {
	Name      string    `json:"name"`
	Alpha     []float64 `json:"alpha"`
	TrainLoss []float64 `json:"train_loss"`
	TestLoss  []float64 `json:"test_loss"`
	TrainAcc  []float64 `json:"train_acc,omitempty"`
	TestAcc   []float64 `json:"test_acc,omitempty"`
	// Segments holds the α at the boundaries of a piecewise path's segments,
	// 0 and 1 included.
	Segments []float64 `json:"segments,omitempty"`
	// Sharpness holds the top Hessian eigenvalue of the training loss at a
	// few α.
	Sharpness []Sharp `json:"sharpness,omitempty"`
	// Barrier is max_{α∈[0,1]} TrainLoss − max(TrainLoss(0), TrainLoss(1)),
	// in loss units (see paths.Barrier).
	Barrier float64 `json:"barrier"`
}

// Sharp is the top eigenvalue of the Hessian of the training loss at θ(α),
// by Lanczos, with its Ritz residual, a bound on its distance to an
// eigenvalue (loss per parameter²).
type Sharp struct {
	Alpha    float64 `json:"alpha"`
	Top      float64 `json:"top"`
	Residual float64 `json:"residual"`
}

// WidthStat summarises the repeats of one mean-field width N: medians and
// quartiles (Q1, Q3) over the repeats of the linear path's barrier
// (Linear…), the piecewise-linear path's barrier (Dropout…) and the
// half-dropout loss change ΔL(N/2) of the dropout curve (Delta…), in
// training-loss units.
type WidthStat struct {
	Width          int     `json:"width"`
	LinearBarrier  float64 `json:"linear_barrier"`
	DropoutBarrier float64 `json:"dropout_barrier"`
	DropoutDelta   float64 `json:"dropout_delta"`
	LinearQ1       float64 `json:"linear_q1"`
	LinearQ3       float64 `json:"linear_q3"`
	DropoutQ1      float64 `json:"dropout_q1"`
	DropoutQ3      float64 `json:"dropout_q3"`
	DeltaQ1        float64 `json:"delta_q1"`
	DeltaQ3        float64 `json:"delta_q3"`
	Seeds          int     `json:"seeds"`
}

// DropoutCurve is the training-loss change ΔL(M) = L(θ_A) − L(θ) when only
// M of Width neurons are kept (rescaled by 1/M), each value the median over
// repeats of the mean over random subsets and both networks.
type DropoutCurve struct {
	Width int       `json:"width"`
	M     []int     `json:"m"`
	Delta []float64 `json:"delta"`
}

// Point is the outcome of one point of a Paths run: the pair (Index 0)
// or one repeat of one mean-field width.
type Point struct {
	Index  int `json:"index"`
	Width  int `json:"width"`  // 0 for the pair
	Repeat int `json:"repeat"` // r: networks of seeds seed+2r and seed+2r+1
	// Paths holds the pair's linear path, or the mean-field "linear" and
	// "piecewise" paths.
	Paths []Path `json:"paths"`
	// HalfDelta holds the loss changes of the piecewise path's two
	// half-dropout networks, L(θ_A) − L(θ) and L(θ′_B) − L(θ′); the
	// piecewise barrier is at most the larger (paths.Piecewise).
	HalfDelta []float64 `json:"half_delta,omitempty"`
	// M and Delta are the dropout curve of this repeat.
	M     []int     `json:"m,omitempty"`
	Delta []float64 `json:"delta,omitempty"`
	// Steps counts the SGD steps of the point's two trainings.
	Steps int `json:"steps"`
	// Nets are the two trained networks, θ(0) and θ(1), for checks of the
	// run; they are not part of the JSON.
	Nets [2][]float64 `json:"-"`
}

// CurvePoints is how many training-curve points each training records: the
// curve is not part of the result, and each point costs a full-batch pass.
const CurvePoints = 4

// BezierName names the pair's trained Bézier curve in Result.Paths.
const BezierName = "Bézier curve (trained)"
