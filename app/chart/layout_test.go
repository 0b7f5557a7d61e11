package chart

import (
	"math"
	"math/rand/v2"
	"testing"
)

// xatTol is the relative round-trip tolerance of XAt against the drawing
// transform: a few ulps of float64 magnified by at most 10³ for the log
// axes below.
const xatTol = 1e-9

// xatPlots are plots whose x mapping XAt must invert: linear and log,
// automatic and fixed, with and without a y label and a right axis.
func xatPlots() map[string]Plot {
	x := ramp(30, 0.5, 400)
	return map[string]Plot{
		"linear automatic": {Series: []Series{{X: x, Y: x}}},
		"linear fixed":     {X: Axis{Min: -3, Max: 7}, Y: Axis{Label: "loss"}},
		"log automatic":    {X: Axis{Log: true}, Series: []Series{{X: x, Y: x}}},
		"log fixed":        {X: Axis{Log: true, Min: 1e-12, Max: 1e12}, Width: 900},
		"twin axes":        {Y2: Axis{Label: "acc"}, Series: []Series{{X: x, Y: x}, {X: x, Y: x, Right: true}}, Width: 333, Height: 200},
	}
}

// Truth: XAt must invert the transform the drawing uses; x is drawn at
// layout().x.px(x) and the fraction of the SVG width is that over Width.
func TestXAtInvertsTheDrawingTransform(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for name, p := range xatPlots() {
		l := p.layout()
		for range 200 {
			u := r.Float64()
			x := l.x.inv(l.x0 + u*(l.x1-l.x0)) // a value inside the range
			got, ok := p.XAt(l.x.px(x) / l.w)
			if !ok || !relClose(got, x, xatTol, math.Abs(l.x.hi-l.x.lo)*1e-6) {
				t.Fatalf("%s: XAt(px(%g)/w) = %g, %v", name, x, got, ok)
			}
		}
		if _, ok := p.XAt(0); ok {
			t.Errorf("%s: XAt(0), in the left margin, is ok", name)
		}
		if _, ok := p.XAt(1); ok {
			t.Errorf("%s: XAt(1), in the right margin, is ok", name)
		}
	}
}

// Truth: the rendered SVG itself. A marker at x is drawn at the x1 of its
// <line>, rounded to 0.005 px; XAt at that position must give x back to
// within the x-distance of that rounding, and the clip rectangle's edges
// must be the ends of XAt's domain.
func TestXAtMatchesTheRenderedCoordinates(t *testing.T) {
	for name, p := range xatPlots() {
		l := p.layout()
		for _, u := range []float64{0.01, 0.3, 0.5, 0.77, 0.99} {
			x := l.x.inv(l.x0 + u*(l.x1-l.x0))
			q := p
			q.VLines = []VLine{{X: x}}
			es := parseSVG(t, q.SVG())
			w := es[0].num(t, "width")
			px := find(es, "line", "vl")[0].num(t, "x1")
			got, ok := q.XAt(px / w)
			// dx/dpx is span/plotwidth, in decades on a log axis. The
			// marker may widen an automatic range, so use q's layout.
			lq := q.layout()
			tol := coordTol * (lq.x.t1 - lq.x.t0) / (lq.x1 - lq.x0)
			if lq.x.log {
				tol *= math.Ln10 * x
			}
			if !ok || math.Abs(got-x) > tol {
				t.Errorf("%s: marker at %g drawn at %g px; XAt gives %g, %v (tolerance %g)", name, x, px, got, ok, tol)
			}
		}
		es := parseSVG(t, p.SVG())
		clip := find(es, "rect", "")[0] // the clip rectangle comes first
		w := es[0].num(t, "width")
		x0, x1 := clip.num(t, "x"), clip.num(t, "x")+clip.num(t, "width")
		for _, c := range []struct {
			px float64
			ok bool
		}{{x0 + 0.01, true}, {x1 - 0.01, true}, {x0 - 0.5, false}, {x1 + 0.5, false}} {
			if _, ok := p.XAt(c.px / w); ok != c.ok {
				t.Errorf("%s: XAt at %g px (plot area %g…%g): ok = %v", name, c.px, x0, x1, ok)
			}
		}
	}
}

// Truth: the documented range rules, worked by hand.
func TestAutoRange(t *testing.T) {
	ext := func(log bool, vs ...float64) extent {
		e := extent{log: log}
		for _, v := range vs {
			e.add(v)
		}
		return e
	}
	for _, c := range []struct {
		name   string
		a      Axis
		e      extent
		lo, hi float64
	}{
		{"no data", Axis{}, ext(false), 0, 1},
		{"no data on a log axis", Axis{Log: true}, ext(true, -1, 0), 1, 10},
		{"a fixed range wins", Axis{Min: -2, Max: 3}, ext(false, 100), -2, 3},
		{"3% margin", Axis{}, ext(false, 10, 110), 7, 113},
		{"snapped to 0", Axis{}, ext(false, 1, 101), 0, 104},
		{"snapped to 0 from below", Axis{}, ext(false, -101, -1), -104, 0},
		{"a single value", Axis{}, ext(false, 5), 4.5, 5.5},
		{"a single zero", Axis{}, ext(false, 0, 0), -1, 1},
		{"a single value on a log axis", Axis{Log: true}, ext(true, 10), math.Pow(10, 1-1-0.06), math.Pow(10, 1+1+0.06)},
		{"decades with a margin", Axis{Log: true}, ext(true, 1e-3, 1e2), math.Pow(10, -3.15), math.Pow(10, 2.15)},
		{"NaN and Inf ignored", Axis{}, ext(false, nan, inf, 10, 110, -inf), 7, 113},
	} {
		lo, hi := autoRange(c.a, c.e)
		if !relClose(lo, c.lo, 1e-12, 1e-12) || !relClose(hi, c.hi, 1e-12, 1e-12) {
			t.Errorf("%s: range [%g, %g], want [%g, %g]", c.name, lo, hi, c.lo, c.hi)
		}
	}
}
