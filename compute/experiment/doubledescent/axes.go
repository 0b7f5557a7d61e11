package doubledescent

// What a double-descent sweep's chart shows: its axes and its peak. They
// are computed here, once, so the page, the CLI and the thumbnails agree;
// the page only formats them.

// Axis describes one axis of a sweep's chart.
type Axis struct {
	// Label names the quantity with its units, e.g. "p/n (features per
	// sample)".
	Label string `json:"label"`
	// Log is true when the axis is best read on a log scale: on x, when
	// the sizes span a factor of 10 or more, so the sizes below the
	// threshold and the decades above it get comparable room; on y, for
	// the regression and RL errors, which span decades at the peak.
	Log bool `json:"log"`
}

// Axes returns the x and y axes of the sweep's chart. x is p/n (linear),
// N/n (features), the width (mlp) or N/m (lstd); y is the test MSE
// (regression), the test error rate (mlp) or the mean-squared Bellman
// error (lstd, whose chart draws the true and the empirical MSBE).
func (s *Spec) Axes() (x, y Axis) {
	switch s.Model {
	case "linear":
		x.Label, y.Label = "p/n (features per sample)", "test MSE"
	case "features":
		x.Label, y.Label = "N/n (random features per sample)", "test MSE"
	case "mlp":
		x.Label, y.Label = "hidden units (width)", "test error rate"
	default:
		x.Label, y.Label = "N/m (features per visited state)", "mean-squared Bellman error"
	}
	if n := len(s.Sizes); n > 0 && s.Sizes[0] > 0 && s.Sizes[n-1] >= 10*s.Sizes[0] {
		x.Log = true
	}
	y.Log = s.Model != "mlp"
	return x, y
}

// X returns the x coordinate of size k: p/n or N/n (k/n), the width k
// (mlp), or N/m = k/visited (lstd, where visited is the number of distinct
// states the trajectory visits).
func (s *Spec) X(k, visited int) float64 {
	switch s.Model {
	case "mlp":
		return float64(k)
	case "lstd":
		return float64(k) / float64(max(visited, 1))
	}
	return float64(k) / float64(max(s.N, 1))
}

// XLabel is the short name of the x coordinate, used in tables and
// summaries.
func (s *Spec) XLabel() string {
	switch s.Model {
	case "linear":
		return "p/n"
	case "features":
		return "N/n"
	case "mlp":
		return "width"
	}
	return "N/m"
}

// yLabel names the main curve's values.
func (s *Spec) YLabel() string {
	switch s.Model {
	case "mlp":
		return "test error"
	case "lstd":
		return "true MSBE"
	}
	return "test MSE"
}

// TheoryPole returns the x where the main curve's theory is infinite, or
// nil: p/n = 1 for the min-norm fit (exact finite-n risk and asymptotic
// curve), N/n = 1 for ridgeless random features. A chart must break its
// theory lines there instead of joining the two sides.
func (s *Spec) TheoryPole() *float64 {
	if s.Model == "linear" || s.Model == "features" {
		one := 1.0
		return &one
	}
	return nil
}

// PeakFactor is how far a double-descent peak must rise: its median at
// least PeakFactor times the lowest median before it and the lowest median
// after it. Medians of 4–20 repeats move by a few per cent from size to
// size, up to 10% on curves without a peak (LSTD with λ = 1e-3, the clean
// network), so a rise of 20% is one the repeats do not make by chance.
const PeakFactor = 1.2

// Peak is the peak of a sweep's main curve.
type Peak struct {
	Size   int     `json:"size"`
	X      float64 `json:"x"`
	Median float64 `json:"median"`
	// Before and After are the lowest medians before and after the peak.
	Before float64 `json:"before"`
	After  float64 `json:"after"`
}

// FindPeak returns the peak of the medians of points (in size order), or
// nil when there is none. A peak is a point whose median is
//   - at least PeakFactor times the lowest median before it, and at least
//     PeakFactor times the lowest median after it (so an end point, a curve
//     that only falls or only rises, or one that falls then rises has
//     none), and
//   - the largest median from that lowest earlier point on (so a later,
//     higher point is the peak instead).
//
// Of several such points (two bumps), the highest is the peak.
func FindPeak(points []Stat) *Peak {
	var best *Peak
	for i := 1; i+1 < len(points); i++ {
		y := points[i].Median
		lo := 0
		for j := range i {
			if points[j].Median < points[lo].Median {
				lo = j
			}
		}
		after := points[i+1].Median
		highest := true
		for j := lo; j < len(points); j++ {
			if j > i {
				after = min(after, points[j].Median)
			}
			if points[j].Median > y {
				highest = false
			}
		}
		before := points[lo].Median
		if !highest || !(y >= PeakFactor*before) || !(y >= PeakFactor*after) {
			continue
		}
		if best == nil || y > best.Median {
			best = &Peak{Size: points[i].Size, X: points[i].X, Median: y, Before: before, After: after}
		}
	}
	return best
}
