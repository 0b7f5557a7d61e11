package chart

import (
	"math"
	"slices"
)

// scale maps axis values to px: linearly in v on a linear axis and in
// log₁₀ v on a log axis. The same px and inv serve drawing and XAt, so the
// two cannot disagree.
type scale struct {
	log    bool
	lo, hi float64 // the range in axis units
	t0, t1 float64 // the range transformed: log₁₀ on a log axis
	p0, p1 float64 // the px positions of lo and hi
}

func newScale(log bool, lo, hi, p0, p1 float64) scale {
	s := scale{log: log, lo: lo, hi: hi, p0: p0, p1: p1}
	s.t0, s.t1 = s.tf(lo), s.tf(hi)
	return s
}

// tf is the axis transform: identity or log₁₀.
func (s *scale) tf(v float64) float64 {
	if s.log {
		return math.Log10(v)
	}
	return v
}

// valid reports whether v can be placed on the axis: finite, and positive on
// a log axis.
func (s *scale) valid(v float64) bool { return finite(v) && (!s.log || v > 0) }

// px maps v to px: p0 + (tf(v) − t0)·(p1 − p0)/(t1 − t0).
func (s *scale) px(v float64) float64 {
	return s.p0 + (s.tf(v)-s.t0)*(s.p1-s.p0)/(s.t1-s.t0)
}

// inv is the inverse of px: tf⁻¹(t0 + (p − p0)·(t1 − t0)/(p1 − p0)).
func (s *scale) inv(p float64) float64 {
	t := s.t0 + (p-s.p0)*(s.t1-s.t0)/(s.p1-s.p0)
	if s.log {
		return math.Pow(10, t)
	}
	return t
}

// inside reports whether v lies in the axis range, allowing 1e-9 of the
// range for rounding.
func (s *scale) inside(v float64) bool {
	if !s.valid(v) {
		return false
	}
	t, slack := s.tf(v), 1e-9*math.Abs(s.t1-s.t0)
	return t >= math.Min(s.t0, s.t1)-slack && t <= math.Max(s.t0, s.t1)+slack
}

// baseline is the value bars and areas grow from: 0 clamped to the range on
// a linear axis, the bottom of the range on a log axis.
func (s *scale) baseline() float64 {
	if s.log {
		return s.lo
	}
	return math.Max(s.lo, math.Min(s.hi, 0))
}

// extent is the range of the values an axis must show.
type extent struct {
	log    bool
	lo, hi float64
	n      int
}

// add includes v if it can be placed on the axis.
func (e *extent) add(v float64) {
	if !finite(v) || e.log && v <= 0 {
		return
	}
	if e.n == 0 || v < e.lo {
		e.lo = v
	}
	if e.n == 0 || v > e.hi {
		e.hi = v
	}
	e.n++
}

// autoRange is the range of an axis: the fixed one if a has one, else the
// extent of the data widened by 3% on each side (in decades on a log axis)
// and snapped to 0 when 0 is within that margin. A single value, or values
// equal to 12 digits, get ±10% of their magnitude (±1 for 0, a decade each
// side on a log axis); no data gives [0, 1] or [1, 10].
func autoRange(a Axis, e extent) (lo, hi float64) {
	if finite(a.Min) && finite(a.Max) && a.Min < a.Max && (!a.Log || a.Min > 0) {
		return a.Min, a.Max
	}
	const margin = 0.03
	switch {
	case e.n == 0 && a.Log:
		return 1, 10
	case e.n == 0:
		return 0, 1
	case a.Log:
		t0, t1 := math.Log10(e.lo), math.Log10(e.hi)
		if t1-t0 < 1e-9 {
			t0, t1 = t0-1, t1+1
		}
		pad := margin * (t1 - t0)
		return math.Pow(10, t0-pad), math.Pow(10, t1+pad)
	}
	lo, hi = e.lo, e.hi
	if !finite(hi - lo) { // keep the span representable
		lo, hi = math.Max(lo, -math.MaxFloat64/2), math.Min(hi, math.MaxFloat64/2)
	}
	if hi-lo <= 1e-12*math.Max(math.Abs(lo), math.Abs(hi)) {
		mid := lo/2 + hi/2
		d := 0.1 * math.Abs(mid)
		if d == 0 {
			d = 1
		}
		return mid - d, mid + d
	}
	pad := margin * (hi - lo)
	nlo, nhi := lo-pad, hi+pad
	if lo >= 0 && nlo < 0 {
		nlo = 0
	}
	if hi <= 0 && nhi > 0 {
		nhi = 0
	}
	return nlo, nhi
}

// extents gathers the values each axis must show: all series and markers on
// x; the left and right series on y and y2, with the baseline 0 of bars and
// areas on a linear axis.
func (p *Plot) extents() (x, y, y2 extent) {
	x.log, y.log, y2.log = p.X.Log, p.Y.Log, p.Y2.Log
	for i := range p.Series {
		s := &p.Series[i]
		ey := &y
		if s.Right {
			ey = &y2
		}
		for _, v := range s.X {
			x.add(v)
		}
		for _, v := range s.Y {
			ey.add(v)
		}
		for _, v := range s.Low {
			ey.add(v)
		}
		if (s.Style == Bars || s.Style == Area) && len(s.Y) > 0 {
			ey.add(0) // ignored on a log axis
		}
	}
	for _, v := range p.VLines {
		x.add(v.X)
	}
	for _, b := range p.Bands {
		x.add(b.X0)
		x.add(b.X1)
	}
	if p.Heat != nil {
		for _, v := range p.Heat.X {
			x.add(v)
		}
		for _, v := range p.Heat.Y {
			y.add(v)
		}
	}
	return x, y, y2
}

// twin reports whether the right axis is in use.
func (p *Plot) twin() bool {
	for i := range p.Series {
		if p.Series[i].Right {
			return true
		}
	}
	return false
}

// tickSet is the ticks of one axis.
type tickSet struct {
	at     []float64 // major ticks, labelled
	labels []string
	minor  []float64 // unlabelled minor ticks of a log axis
}

// axisTicks chooses about n ticks for axis a over [lo, hi] and labels them.
func axisTicks(a Axis, lo, hi float64, n int) tickSet {
	var ts tickSet
	if a.Log {
		var stride int
		ts.at, stride = logTicks(lo, hi, n)
		ts.labels = formatLog(ts.at, stride > 0)
		if dense := denseLogTicks(lo, hi, n); len(dense) > len(ts.at) {
			ts.at, ts.labels, stride = dense, formatLog(dense, false), 1
		}
		if stride == 1 && len(ts.at) <= 9 {
			for k := int(math.Floor(math.Log10(lo))); k <= int(math.Ceil(math.Log10(hi))); k++ {
				for m := 2.0; m <= 9; m++ {
					if v := m * pow10(k); v >= lo && v <= hi && !slices.Contains(ts.at, v) {
						ts.minor = append(ts.minor, v)
					}
				}
			}
		}
	} else {
		ts.at = NiceTicks(lo, hi, n)
		ts.labels = formatLinear(ts.at)
	}
	if a.Format != nil {
		for i, v := range ts.at {
			ts.labels[i] = a.Format(v)
		}
	}
	return ts
}

// maxLabelWidth is the estimated width of the widest label at font size size.
func maxLabelWidth(labels []string, size float64) float64 {
	w := 0.0
	for _, s := range labels {
		w = math.Max(w, textWidth(s, size))
	}
	return w
}

// logMantissas are the labelled values per decade of a log axis, from the
// sparsest to the densest: 1; 1, 2, 5; 1, 2, 3, 4, 5, 6, 8.
var logMantissas = [][]float64{{1}, {1, 2, 5}, {1, 2, 3, 4, 5, 6, 8}}

// denseLogTicks returns the densest ticks m·10^k (m from one row of
// logMantissas) inside [lo, hi] that number at most n+1, when the axis stays
// within 10⁻³…10⁵ (where the labels are plain decimals such as 0.02 or
// 500, not powers of ten). It returns nil otherwise, and logTicks decides.
// So where room allows, a log axis reads 1, 2, 5 per decade instead of its
// powers of ten alone.
func denseLogTicks(lo, hi float64, n int) []float64 {
	if !(lo > 0) || !finite(hi) || lo < 1e-3*(1-1e-9) || hi > 1e5 {
		return nil
	}
	var best []float64
	for _, ms := range logMantissas {
		var ts []float64
		for k := int(math.Floor(math.Log10(lo))); k <= int(math.Ceil(math.Log10(hi))); k++ {
			for _, m := range ms {
				v := m * pow10(k)
				if k < 0 && k >= -22 {
					v = m / math.Pow10(-k)
				}
				if v >= lo*(1-1e-9) && v <= hi*(1+1e-9) {
					ts = append(ts, v)
				}
			}
		}
		if len(ts) > n+1 {
			break
		}
		if len(ts) >= 2 {
			best = ts
		}
	}
	return best
}
