package experiment

import (
	"fmt"
	"math"
)

// A double-descent sweep has two stages, so that a pool of workers can
// share it:
//
//	RunDoubleDescentPoint   every repeat at one size (one job per size);
//	AssembleDoubleDescent   statistics and theory of all points.
//
// Repeat r at size k draws its random streams from a seed derived from
// (Seed, k, r) only (and the mlp's data, and the lstd's process, from Seed
// and r, or Seed alone), so a point never depends on which other points ran
// and the pooled run gives the same bits as RunDoubleDescent.

// DDResult is the outcome of a DoubleDescent sweep.
type DDResult struct {
	Spec DoubleDescent `json:"spec"`
	// XLabel names the x axis: "p/n" (linear), "N/n" (features), "width"
	// (mlp) or "N/m" (lstd); YLabel names the main curve's values.
	XLabel string `json:"x_label"`
	YLabel string `json:"y_label"`
	// Points is the main curve, one point per size: the test MSE
	// (regression), the test error rate (mlp) or the true MSBE (lstd).
	Points []DDStat `json:"points"`
	// Curves are the other curves (DoubleDescent.CurveNames).
	Curves []DDCurve `json:"curves"`
	// Threshold is the interpolation threshold in x units: 1 for linear,
	// features and lstd (p = n, N = n, N = m); for mlp the first width whose
	// median training error is 0, absent if no width interpolates.
	Threshold *float64 `json:"threshold,omitempty"`
	// Visited is m, the number of distinct states the lstd trajectory
	// visits.
	Visited int `json:"visited,omitempty"`
	// XAxis and YAxis are the chart's axes (DoubleDescent.Axes).
	XAxis DDAxis `json:"x_axis"`
	YAxis DDAxis `json:"y_axis"`
	// Peak is the main curve's peak (FindPeak), absent when it has none.
	Peak *DDPeak `json:"peak,omitempty"`
	// TheoryPole is the x where the main curve's theory is infinite
	// (DoubleDescent.TheoryPole), absent when it is finite everywhere.
	TheoryPole *float64 `json:"theory_pole,omitempty"`
}

// DDCurve is a named curve of a sweep.
type DDCurve struct {
	Name   string   `json:"name"`
	Points []DDStat `json:"points"`
}

// DDStat summarises the repeats at one size. Quartiles interpolate linearly
// between order statistics (Hyndman & Fan 1996, definition 7).
type DDStat struct {
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

// DDPoint is the outcome of one sweep point: every repeat at size
// Sizes[Index].
type DDPoint struct {
	Index int `json:"index"`
	Size  int `json:"size"`
	// Values[c][r] is curve c at repeat r: the main curve first, then the
	// curves named by CurveNames, in order. Every value is finite.
	Values [][]float64 `json:"values"`
	// Visited is the lstd trajectory's m (0 for other models).
	Visited int `json:"visited,omitempty"`
}

// CurveNames returns the names of the curves after the main one, in the
// order of DDResult.Curves: for linear "ridge λ=…" (when Ridge > 0) and
// "optimal ridge" (when Noise > 0, which makes λ* = σ²p/(nr²) positive);
// for features "ridge λ=…" (when Ridge > 0); for mlp "train error" and
// "kNN recognition" (when Noise > 0); for lstd "empirical MSBE".
func (s *DoubleDescent) CurveNames() []string {
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

// ddEnv is what every point of a sweep shares and rebuilds from the spec.
type ddEnv struct {
	mlp  *mlpEnv
	lstd *lstdEnv
}

func (s *DoubleDescent) env(assets Assets) (*ddEnv, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	e := &ddEnv{}
	var err error
	switch s.Model {
	case "mlp":
		e.mlp, err = s.newMLPEnv(assets)
	case "lstd":
		e.lstd = s.newLSTDEnv()
	}
	return e, err
}

// point runs every repeat at Sizes[index]; progress counts repeats from
// done0 of total.
func (s *DoubleDescent) point(e *ddEnv, index, done0, total int, progress func(Progress) bool) (*DDPoint, error) {
	size := s.Sizes[index]
	curves := 1 + len(s.CurveNames())
	p := &DDPoint{Index: index, Size: size, Values: make([][]float64, curves)}
	for c := range p.Values {
		p.Values[c] = make([]float64, s.Repeats)
	}
	for r := range s.Repeats {
		report := func() bool { return progress(Progress{Phase: "repeats", Done: done0 + r, Total: total}) }
		if !report() {
			return nil, fmt.Errorf("size %d, repeat %d: canceled", size, r+1)
		}
		var vals []float64
		var err error
		switch s.Model {
		case "linear":
			vals, err = s.linearRepeat(size, r)
		case "features":
			vals, err = s.featuresRepeat(size, r)
		case "mlp":
			vals, err = s.mlpRepeat(e.mlp, size, r, report)
		default:
			vals, p.Visited, err = s.lstdRepeat(e.lstd, size, r)
		}
		if err != nil {
			return nil, fmt.Errorf("size %d, repeat %d: %w", size, r+1, err)
		}
		for c, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("size %d, repeat %d: %s is %g", size, r+1, s.curveName(c), v)
			}
			p.Values[c][r] = v
		}
	}
	progress(Progress{Phase: "repeats", Done: done0 + s.Repeats, Total: total})
	return p, nil
}

func (s *DoubleDescent) curveName(c int) string {
	if c == 0 {
		return s.yLabel()
	}
	return s.CurveNames()[c-1]
}

// RunDoubleDescentPoint validates s and computes every repeat at size
// Sizes[index]. progress, if not nil, counts repeats and cancels the run by
// returning false. It fails, naming the size and repeat, if a fit is
// singular, training diverges or a value is not finite.
func RunDoubleDescentPoint(s DoubleDescent, a Assets, index int, progress func(Progress) bool) (*DDPoint, error) {
	if index < 0 || index >= len(s.Sizes) {
		return nil, fmt.Errorf("point %d is out of range; this spec has %d sizes", index, len(s.Sizes))
	}
	e, err := s.env(a)
	if err != nil {
		return nil, err
	}
	return s.point(e, index, 0, s.Repeats, orTrue(progress))
}

// RunDoubleDescent validates s and runs every point in turn, then
// assembles them; it gives the same bits as RunDoubleDescentPoint on
// separate workers followed by AssembleDoubleDescent. progress counts the
// repeats of the whole sweep.
func RunDoubleDescent(s DoubleDescent, a Assets, progress func(Progress) bool) (*DDResult, error) {
	progress = orTrue(progress)
	e, err := s.env(a)
	if err != nil {
		return nil, err
	}
	parts := make([]*DDPoint, len(s.Sizes))
	for i := range parts {
		if parts[i], err = s.point(e, i, i*s.Repeats, len(s.Sizes)*s.Repeats, progress); err != nil {
			return nil, err
		}
	}
	return AssembleDoubleDescent(s, parts)
}
