package chart

import (
	"math"
	"strings"
	"testing"
)

// coordTol is the rounding of every coordinate written: two decimals.
const coordTol = 0.005 + 1e-9

// Truth: a missing point breaks a line, so k gaps in the interior of a line
// give k+1 stroked paths; gaps at the ends give none.
func TestMissingPointsBreakALine(t *testing.T) {
	for _, c := range []struct {
		name string
		y    []float64
		want int
	}{
		{"no gap", []float64{1, 2, 3, 4, 5, 6}, 1},
		{"a NaN in the middle", []float64{1, 2, nan, 4, 5, 6}, 2},
		{"+Inf and −Inf", []float64{1, 2, inf, 4, 5, -inf, 7, 8}, 3},
		{"NaN at both ends", []float64{nan, 2, 3, 4, 5, nan}, 1},
		{"two NaNs in a row", []float64{1, 2, nan, nan, 5, 6}, 2},
	} {
		for _, style := range []Style{Line, Area} {
			p := Plot{Series: []Series{{X: ramp(len(c.y), 0, 1), Y: c.y, Style: style}}}
			es := parseSVG(t, p.SVG())
			if got := len(find(es, "path", "s")); got != c.want {
				t.Errorf("%s, style %d: %d stroked paths, want %d", c.name, style, got, c.want)
			}
			if style == Area {
				if got := len(find(es, "path", "f")); got != c.want {
					t.Errorf("%s, area: %d filled paths, want %d", c.name, got, c.want)
				}
			}
		}
	}
}

// Truth: a run of one point has no line to draw; it must still show, as a
// dot.
func TestAnIsolatedPointIsADot(t *testing.T) {
	p := Plot{Series: []Series{{X: ramp(6, 0, 1), Y: []float64{1, 2, nan, 4, nan, 6}}}}
	es := parseSVG(t, p.SVG())
	if s, d := len(find(es, "path", "s")), len(find(es, "path", "pt")); s != 1 || d != 2 {
		t.Errorf("%d stroked paths and %d dots, want 1 and 2", s, d)
	}
}

// Truth: on a log axis a non-positive value is missing, like NaN.
func TestNonPositiveValuesBreakALogLine(t *testing.T) {
	p := Plot{Y: Axis{Log: true}, Series: []Series{{X: ramp(8, 0, 1), Y: []float64{1, 2, 0, 4, 5, -5, 6, 7}}}}
	if got := len(find(parseSVG(t, p.SVG()), "path", "s")); got != 3 {
		t.Errorf("%d stroked paths, want 3", got)
	}
}

// Truth: the Bars style's documentation (plot.go) — one rectangle per bin
// from the baseline, between the bin edges X[i] and X[i+1]; the baseline is
// 0 on a linear axis and, as 0 has no place on a log axis, the bottom of
// its range.
func TestBarsStandOnTheBaseline(t *testing.T) {
	edges, h := []float64{0, 1, 2, 4}, []float64{3, -1, 5}
	for _, log := range []bool{false, true} {
		p := Plot{Y: Axis{Log: log}, Series: []Series{{Style: Bars, X: edges, Y: h}}}
		l := p.layout()
		rects := find(parseSVG(t, p.SVG()), "rect", "bar")
		want := 3
		if log {
			want = 2 // the negative bar is missing
		}
		if len(rects) != want {
			t.Fatalf("log=%v: %d bars, want %d", log, len(rects), want)
		}
		base := l.y.px(0) // the documented baseline, not l.y.baseline()
		if log {
			base = l.y1
		}
		j := 0
		for i, v := range h {
			if !l.y.valid(v) {
				continue
			}
			r := rects[j]
			j++
			x, y, w, ht := r.num(t, "x"), r.num(t, "y"), r.num(t, "width"), r.num(t, "height")
			top, bottom := math.Min(l.y.px(v), base), math.Max(l.y.px(v), base)
			if math.Abs(x-l.x.px(edges[i])) > coordTol || math.Abs(x+w-l.x.px(edges[i+1])) > 2*coordTol ||
				math.Abs(y-top) > coordTol || math.Abs(y+ht-bottom) > 2*coordTol {
				t.Errorf("log=%v bar %d: x=%g w=%g y=%g h=%g, want x∈[%g, %g] y∈[%g, %g]", log, i, x, w, y, ht,
					l.x.px(edges[i]), l.x.px(edges[i+1]), top, bottom)
			}
		}
	}
}

// Truth: VLine's documentation (plot.go) — a vertical marker across the
// plot area at its x; a marker outside the x range is not drawn.
func TestVLinesSpanThePlotArea(t *testing.T) {
	p := Plot{X: Axis{Min: 0, Max: 10}, VLines: []VLine{{X: 2, Label: "edge"}, {X: 20, Label: "far"}, {X: 3, Label: "near"}}}
	l := p.layout()
	es := parseSVG(t, p.SVG())
	lines := find(es, "line", "vl")
	if len(lines) != 2 {
		t.Fatalf("%d marker lines, want 2", len(lines))
	}
	for i, x := range []float64{2, 3} {
		e := lines[i]
		if math.Abs(e.num(t, "x1")-l.x.px(x)) > coordTol || e.num(t, "x1") != e.num(t, "x2") ||
			math.Abs(e.num(t, "y1")-l.y0) > coordTol || math.Abs(e.num(t, "y2")-l.y1) > coordTol {
			t.Errorf("marker at %g: %v", x, e.attr)
		}
	}
	var labels []string
	for _, e := range find(es, "text", "lab") {
		labels = append(labels, e.text)
	}
	if strings.Join(labels, ",") != "edge,near" {
		t.Errorf("marker labels %q, want edge,near", labels)
	}
}

// Truth: the package documentation (doc.go) — a 2000-point line costs
// about 26 kB, plus 3 kB of style. Two-decimal coordinates cost about 13
// bytes a point (a dot 16, with its
// "M" and "h0"), plus about 3 kB of style; an area writes its points twice.
func TestA2000PointLineIsSmall(t *testing.T) {
	x := ramp(2000, 0, 1)
	for _, c := range []struct {
		style Style
		limit int
	}{{Line, 40_000}, {Points, 40_000}, {Area, 70_000}} {
		p := Plot{Title: "size", Series: []Series{{X: x, Y: mapped(x, func(v float64) float64 { return math.Sin(40 * v) })}}}
		p.Series[0].Style = c.style
		if n := len(p.SVG()); n > c.limit {
			t.Errorf("style %d: %d bytes, want under %d", c.style, n, c.limit)
		}
	}
}

// Truth: the Note is for plots with nothing to draw and only for them.
func TestNoteOnlyWhenNothingIsDrawn(t *testing.T) {
	for _, c := range []struct {
		s    []Series
		want int
	}{
		{nil, 1},
		{[]Series{{X: []float64{nan}, Y: []float64{1}}}, 1},
		{[]Series{{X: []float64{1}, Y: []float64{1}}}, 0},
	} {
		p := Plot{Note: "no data yet", Series: c.s}
		if got := len(find(parseSVG(t, p.SVG()), "text", "note")); got != c.want {
			t.Errorf("series %v: %d notes, want %d", c.s, got, c.want)
		}
	}
}

// Truth: Series.Hover's documentation (plot.go) — tooltip text per point
// (per bin for Bars), a <title> inside an element at the point.
func TestHoverTextIsATitlePerPoint(t *testing.T) {
	for _, style := range []Style{Line, Area, Points, Bars} {
		x := []float64{1, 2, 3}
		s := Series{X: x, Y: x, Style: style, Hover: []string{"one", "", "three"}}
		if style == Bars {
			s.X = append(x, 4)
		}
		es := parseSVG(t, (&Plot{Series: []Series{s}}).SVG())
		var got []string
		for i, e := range es {
			if e.name == "title" && i > 1 {
				parent := es[i-1]
				if parent.name != "circle" && parent.name != "rect" {
					t.Errorf("style %d: <title> inside <%s>", style, parent.name)
				}
				got = append(got, e.text)
			}
		}
		if strings.Join(got, ",") != "one,three" {
			t.Errorf("style %d: hover titles %q, want one,three", style, got)
		}
	}
}

// Truth: the legend lists the named series, in order, marking those on the
// right axis, and lies above the plot area.
func TestLegendListsNamedSeries(t *testing.T) {
	x := []float64{1, 2}
	p := Plot{Legend: true, Series: []Series{{Name: "loss", X: x, Y: x}, {X: x, Y: x}, {Name: "acc", X: x, Y: x, Right: true}}}
	l := p.layout()
	var got []string
	for _, e := range l.legend {
		got = append(got, e.text)
		if e.y > l.y0 {
			t.Errorf("legend entry %q at y=%g, inside the plot area (top %g)", e.text, e.y, l.y0)
		}
	}
	if strings.Join(got, "|") != "loss|acc (right axis)" {
		t.Errorf("legend %q", got)
	}
	p.Legend = false
	if len(p.layout().legend) != 0 {
		t.Errorf("legend drawn with Legend false")
	}
}

// Truth: hover text belongs to its point's index even when the run it is in
// starts later in the series.
func TestHoverTargetsSitOnTheirPoints(t *testing.T) {
	p := Plot{Series: []Series{{X: []float64{0, 1, 2, 3}, Y: []float64{nan, 1, 2, 3}, Hover: []string{"", "", "two", ""}}}}
	l := p.layout()
	cs := find(parseSVG(t, p.SVG()), "circle", "hv")
	if len(cs) != 1 {
		t.Fatalf("%d hover targets, want 1", len(cs))
	}
	if math.Abs(cs[0].num(t, "cx")-l.x.px(2)) > coordTol || math.Abs(cs[0].num(t, "cy")-l.y.px(2)) > coordTol {
		t.Errorf("hover target at (%s, %s), want point 2 at (%g, %g)", cs[0].attr["cx"], cs[0].attr["cy"], l.x.px(2), l.y.px(2))
	}
}

// Truth: placeMarks' documentation (marks.go): labels sit in the strip
// between the legend and the plot area, never on the data, and a label
// moves when it would collide with one already placed, so the estimated
// boxes never overlap each other, lie inside the SVG and stay above the plot.
func TestMarkerLabelsDoNotOverlap(t *testing.T) {
	p := Plot{X: Axis{Min: 0, Max: 10}, Legend: true, Series: []Series{{Name: "data", X: []float64{0, 10}, Y: []float64{0, 1}}},
		VLines: []VLine{
			{X: 0, Label: "at the axis"}, {X: 2, Label: "first marker"}, {X: 2.1, Label: "second marker"},
			{X: 2.2, Label: "third"}, {X: 5, Label: "λ max"}, {X: 10, Label: "right edge"}},
		Bands: []Band{{X0: 1.9, X1: 2.6, Label: "cluster"}, {X0: 4.5, X1: 6, Label: "bulk"}}}
	l := p.layout()
	if len(l.marks) != 8 {
		t.Fatalf("%d labels placed, want 8", len(l.marks))
	}
	for i, a := range l.marks {
		if a.box.x0 < 0 || a.box.x1 > l.w || a.box.y1 > l.y0 {
			t.Errorf("label %q at %+v leaves the strip above the plot area (x in [0, %g], y ≤ %g)", a.text, a.box, l.w, l.y0)
		}
		for _, e := range l.legend {
			if e.y > a.box.y0 {
				t.Errorf("label %q at %+v is above the legend entry %q (baseline %g)", a.text, a.box, e.text, e.y)
			}
		}
		for _, b := range l.marks[:i] {
			if a.box.overlaps(b.box) {
				t.Errorf("labels %q %+v and %q %+v overlap", a.text, a.box, b.text, b.box)
			}
		}
	}
}
