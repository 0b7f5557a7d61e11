package doubledescent

// Result is the outcome of a DoubleDescent sweep.
type Result struct {
	Spec Spec `json:"spec"`
	// XLabel names the x axis: "p/n" (linear), "N/n" (features), "width"
	// (mlp) or "N/m" (lstd); YLabel names the main curve's values.
	XLabel string `json:"x_label"`
	YLabel string `json:"y_label"`
	// Points is the main curve, one point per size: the test MSE
	// (regression), the test error rate (mlp) or the true MSBE (lstd).
	Points []Stat `json:"points"`
	// Curves are the other curves (DoubleDescent.CurveNames).
	Curves []Curve `json:"curves"`
	// Threshold is the interpolation threshold in x units: 1 for linear,
	// features and lstd (p = n, N = n, N = m); for mlp the first width whose
	// median training error is 0, absent if no width interpolates.
	Threshold *float64 `json:"threshold,omitempty"`
	// Visited is m, the number of distinct states the lstd trajectory
	// visits.
	Visited int `json:"visited,omitempty"`
	// XAxis and YAxis are the chart's axes (DoubleDescent.Axes).
	XAxis Axis `json:"x_axis"`
	YAxis Axis `json:"y_axis"`
	// Peak is the main curve's peak (FindPeak), absent when it has none.
	Peak *Peak `json:"peak,omitempty"`
	// TheoryPole is the x where the main curve's theory is infinite
	// (DoubleDescent.TheoryPole), absent when it is finite everywhere.
	TheoryPole *float64 `json:"theory_pole,omitempty"`
}

// Curve is a named curve of a sweep.
type Curve struct {
	Name   string `json:"name"`
	Points []Stat `json:"points"`
}

// Stat summarises the repeats at one size. Quartiles interpolate linearly
// between order statistics (Hyndman & Fan 1996, definition 7).
type Stat struct {
	Size   int     `json:"size"`
	X      float64 `json:"x"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	Q1     float64 `json:"q1"`
	Q3     float64 `json:"q3"`
	// Theory is the exact finite-n mean (linear min-norm) or the
	// Mei–Montanari curve (features), in the units of the values; absent
	// where the curve has no theory or its mean is infinite.
	Theory *float64 `json:"theory,omitempty"`
	// Asymptotic is Hastie et al.'s proportional limit (linear), absent
	// where it does not exist or is infinite.
	Asymptotic *float64 `json:"asymptotic,omitempty"`
	// Values holds one value per repeat, in repeat order.
	Values []float64 `json:"values"`
}

// Point is the outcome of one sweep point: every repeat at size
// Sizes[Index].
type Point struct {
	Index int `json:"index"`
	Size  int `json:"size"`
	// Values[c][r] is curve c at repeat r: the main curve first, then the
	// curves named by CurveNames, in order. Every value is finite.
	Values [][]float64 `json:"values"`
	// Visited is the lstd trajectory's m (0 for other models).
	Visited int `json:"visited,omitempty"`
}

// CurveNames returns the names of the curves after the main one, in the
// order of Result.Curves: for linear "ridge λ=…" (when Ridge > 0) and
// "optimal ridge" (when Noise > 0, which makes λ* = σ²p/(nr²) positive);
// for features "ridge λ=…" (when Ridge > 0); for mlp "train error" and
// "kNN recognition" (when Noise > 0); for lstd "empirical MSBE".
func (s *Spec) CurveNames() []string {
	var names []string
	switch s.Model {
	case "linear", "features":
		if s.Ridge > 0 {
			names = append(names, "ridge λ="+lambdaText(s.Ridge))
		}
		if s.Model == "linear" && s.Noise > 0 {
			names = append(names, "optimal ridge")
		}
	case "mlp":
		names = append(names, "train error")
		if s.Noise > 0 {
			names = append(names, "kNN recognition")
		}
	case "lstd":
		names = append(names, "empirical MSBE")
	}
	return names
}

func (s *Spec) CurveName(c int) string {
	if c == 0 {
		return s.YLabel()
	}
	return s.CurveNames()[c-1]
}
