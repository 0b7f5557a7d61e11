package compression

// Result is the outcome of a Compression run.
type Result struct {
	Spec Compression `json:"spec"`
	// Law holds the single-layer law, one curve per bit-width of Spec.Bits.
	Law []LawCurve `json:"law,omitempty"`
	// Widths holds one entry per width of Spec.Widths, in order.
	Widths []WidthStat `json:"widths,omitempty"`
	// Histogram is the first-layer weights of the widest network (repeat 0)
	// with the levels of the smallest bit-width.
	Histogram *Histogram `json:"histogram,omitempty"`
	// Sparse holds the sparse model's runs: SET, RigL, then one exploration
	// run per c.
	Sparse []SparseRun `json:"sparse,omitempty"`
}

// SparseRun is one dynamic-sparse-training run: the test accuracy and the
// coverage (fraction of all weights ever active) at step 0, after every
// mask update's interval and at the end.
type SparseRun struct {
	// Method is "SET", "RigL" or "DST-EE".
	Method string `json:"method"`
	// C is the exploration coefficient of DST-EE (0 for the others).
	C        float64   `json:"c"`
	Step     []int     `json:"step"`
	Accuracy []float64 `json:"accuracy"`
	Coverage []float64 `json:"coverage"`
	// Updates counts the mask updates; Moved the weights dropped (and as
	// many grown) over all of them and layers.
	Updates int `json:"updates"`
	Moved   int `json:"moved"`
	// Active is each layer's number of active weights, the same after
	// every update.
	Active []int `json:"active"`
	// Mask lists the first layer's active weights at the end, as
	// j·inputs + k for hidden unit j and input pixel k, increasing.
	Mask []int `json:"mask"`
}

// LawCurve is the relative error ‖Xw − Xq‖²/‖Xw‖² against N₀ of GPFQ and
// of rounding (MSQ) at one bit-width: means over the trials, with their
// standard errors (sample standard deviation / √trials).
type LawCurve struct {
	Bits int `json:"bits"`
	// Levels is the alphabet's size, 2^Bits + 1.
	Levels int       `json:"levels"`
	N0     []int     `json:"n0"`
	GPFQ   []float64 `json:"gpfq"`
	GPFQSE []float64 `json:"gpfq_se"`
	MSQ    []float64 `json:"msq"`
	MSQSE  []float64 `json:"msq_se"`
	// Reference is c·m·ln N₀/N₀ with c fitted to the GPFQ errors (least
	// squares in log space): the shape of the bound, drawn beside them.
	Reference []float64 `json:"reference"`
	// GPFQSlope and MSQSlope are the least-squares slopes of log error
	// against log N₀.
	GPFQSlope float64 `json:"gpfq_slope"`
	MSQSlope  float64 `json:"msq_slope"`
}

// WidthStat is the float and quantized networks of one hidden width: means
// over Seeds networks.
type WidthStat struct {
	Width int `json:"width"`
	Seeds int `json:"seeds"`
	// Float is the float network's test accuracy (fraction correct).
	Float float64 `json:"float"`
	// Quant holds one entry per bit-width of Spec.Bits.
	Quant []BitsStat `json:"quant"`
}

// BitsStat is one bit-width's quantized networks: the test accuracies of
// the GPFQ and the MSQ network, and the relative error of each layer's
// output on the calibration digits, ‖XWᵀ − X̃Qᵀ‖²_F/‖XWᵀ‖²_F with X the
// float network's inputs to the layer and X̃ the quantized network's.
type BitsStat struct {
	Bits       int       `json:"bits"`
	GPFQ       float64   `json:"gpfq"`
	MSQ        float64   `json:"msq"`
	GPFQLayers []float64 `json:"gpfq_layers"`
	MSQLayers  []float64 `json:"msq_layers"`
}

// Histogram counts weights in equal bins between Edges, and lists the
// alphabet's levels {kδ : |k| ≤ K} of one bit-width.
type Histogram struct {
	Width  int       `json:"width"`
	Bits   int       `json:"bits"`
	Edges  []float64 `json:"edges"`
	Counts []float64 `json:"counts"`
	// Levels are the alphabet's levels inside the edges.
	Levels []float64 `json:"levels"`
	// Delta is the alphabet's step δ.
	Delta float64 `json:"delta"`
}

// Point is the outcome of one point of a run: the law (Index 0) or one
// network (Width, Repeat).
type Point struct {
	Index  int        `json:"index"`
	Width  int        `json:"width"`
	Repeat int        `json:"repeat"`
	Law    []LawCurve `json:"law,omitempty"`
	// Float and Quant are the network's accuracies and errors.
	Float float64    `json:"float"`
	Quant []BitsStat `json:"quant,omitempty"`
	// Histogram is the network's first-layer weights (repeat 0 only).
	Histogram *Histogram `json:"histogram,omitempty"`
	// Steps counts the network's SGD steps.
	Steps int `json:"steps"`
	// Sparse is a sparse model's run.
	Sparse *SparseRun `json:"sparse,omitempty"`
}

// HistogramBins is the number of bins of a weight histogram.
const HistogramBins = 60
