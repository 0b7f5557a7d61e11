package chart

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Style is how a Series is drawn.
type Style int

const (
	// Line joins consecutive points; missing points break it.
	Line Style = iota
	// Bars draws one rectangle per bin from the baseline to Y[i], between
	// the bin edges X[i] and X[i+1].
	Bars
	// Points draws a dot per point.
	Points
	// Area is a Line with a translucent fill down to the baseline.
	Area
	// Range is a translucent band between Low and Y, without a stroke: an
	// interquartile range, say. A point missing in either breaks it.
	Range
)

// Series is one set of data drawn in one style and colour.
type Series struct {
	// Name is the legend text; series without a name have no legend entry.
	Name string
	// X and Y are the data in axis units. For Bars, X holds the len(Y)+1
	// bin edges; otherwise len(X) == len(Y). A point with a NaN or ±Inf
	// coordinate, or a non-positive one on a log axis, is missing: it is not
	// drawn and a Line or Area breaks there.
	X, Y []float64
	// Style is how the series is drawn; the zero value is Line.
	Style Style
	// Class is the colour class: "c0" … "c7", "muted" or "accent". Empty
	// means "c<i mod 8>" for the i-th series. Characters other than ASCII
	// letters, digits, '-' and '_' are dropped.
	Class string
	// Dashed dashes the stroke of a Line or Area.
	Dashed bool
	// Right plots the series against the right y axis, Plot.Y2.
	Right bool
	// Width is the stroke width in px (the dot diameter for Points); 0
	// means the default, 1.5 for lines and 5 for dots.
	Width float64
	// Low is the lower edge of a Range series, one value per point.
	Low []float64
	// Hover holds optional tooltip text per point (per bin for Bars),
	// emitted as a <title> inside an element at the point. Missing or empty
	// entries get no tooltip.
	Hover []string
}

// VLine is a vertical marker across the plot area, such as a bulk edge.
type VLine struct {
	// X is the position in x-axis units. A marker outside the x range is
	// not drawn.
	X float64
	// Label is drawn above the plot area, centred over the line and joined
	// to it by a short connector (see the package documentation, Layout).
	Label string
	// Class is the colour class; empty means "muted".
	Class string
	// Dashed dashes the line.
	Dashed bool
}

// Band is a translucent shaded x range, such as a region of interest.
type Band struct {
	// X0 and X1 bound the band in x-axis units, in either order.
	X0, X1 float64
	// Label is drawn above the plot area, centred over the band's visible
	// part.
	Label string
	// Class is the colour class; empty means "muted".
	Class string
}

// Axis configures one axis.
type Axis struct {
	// Label names the quantity with its units, e.g. "eigenvalue λ".
	Label string
	// Log makes the axis logarithmic (base 10).
	Log bool
	// Min and Max fix the range when Min < Max (and both are positive on a
	// log axis). Otherwise the range covers the data with a margin of 3% of
	// the span on each side, snapped to 0 when that is within the margin.
	// Data outside a fixed range is clipped.
	Min, Max float64
	// Format formats tick labels; nil means the default: one precision for
	// all ticks of a linear axis, powers of ten on a log axis.
	Format func(float64) string
}

// Plot is a chart: axes, data series, markers and their presentation. The
// zero value is an empty 640×360 chart.
type Plot struct {
	// Title is drawn on top and labels the SVG for assistive technology.
	Title string
	// X is the horizontal axis, Y the left axis, Y2 the right axis, drawn
	// only when some series has Right set.
	X, Y, Y2 Axis
	// Series are drawn in order, later ones on top.
	Series []Series
	// VLines are vertical markers drawn over the series.
	VLines []VLine
	// Bands are shaded x ranges drawn under the series.
	Bands []Band
	// Heat is an optional heatmap drawn under the series, with its colour
	// legend above the plot area.
	Heat *Heatmap
	// Width and Height are the size in px of the SVG's viewBox and of its
	// width and height attributes; 0 means 640×360. The legend's rows and
	// the marker labels' strip add to the height.
	Width, Height int
	// Legend draws a legend of the named series above the plot area.
	Legend bool
	// Note is shown centred in the plot area when no series has a point to
	// draw, e.g. "no data yet".
	Note string
}

// Default size in px.
const (
	defaultWidth  = 640
	defaultHeight = 360
)

// SVG renders the plot as one <svg> element: a standalone document with the
// SVG namespace, width, height and viewBox, role="img", an aria-label and a
// <title>, and an embedded <style> (see the package documentation for its
// classes and custom properties). The element id, which scopes the style and
// the clip path, is "chart-" followed by a hash of the rest of the output, so
// the same Plot always gives byte-identical output.
//
// SVG panics if a series has len(X) != len(Y), or len(X) != len(Y)+1 for
// Bars: that is a mistake of the caller, not of the data.
func (p *Plot) SVG() string {
	for i := range p.Series {
		s := &p.Series[i]
		want := len(s.Y)
		if s.Style == Bars {
			want++
			if len(s.Y) == 0 && len(s.X) == 0 {
				want = 0
			}
		}
		if len(s.X) != want {
			panic(fmt.Sprintf("chart: series %d (%q) has %d x values for %d y values", i, s.Name, len(s.X), len(s.Y)))
		}
		if s.Style == Range && len(s.Low) != len(s.Y) {
			panic(fmt.Sprintf("chart: range series %d (%q) has %d low values for %d y values", i, s.Name, len(s.Low), len(s.Y)))
		}
	}
	l := p.layout()
	w := &buf{b: make([]byte, 0, 8192)}
	l.write(w)
	h := fnv.New64a()
	h.Write(w.b)
	id := "chart-" + strconv.FormatUint(h.Sum64(), 36)
	return strings.ReplaceAll(string(w.b), idMark, id)
}

// XAt maps a horizontal position, given as a fraction in [0, 1] of the
// rendered SVG's width, to the x value under it, inverting exactly the
// mapping SVG draws with (linear or logarithmic). ok is false outside the
// plot area. The fraction is of the full width only while the SVG keeps its
// aspect ratio, as it does with CSS width:100%; height:auto.
func (p *Plot) XAt(fraction float64) (x float64, ok bool) {
	l := p.layout()
	px := fraction * l.w
	if !(px >= l.x0 && px <= l.x1) {
		return 0, false
	}
	return l.x.inv(px), true
}

// ariaLabel is the accessible name: the title, or "y against x".
func (p *Plot) ariaLabel() string {
	switch {
	case p.Title != "":
		return p.Title
	case p.Y.Label != "" && p.X.Label != "":
		return p.Y.Label + " against " + p.X.Label
	case p.Y.Label != "":
		return p.Y.Label
	case p.X.Label != "":
		return p.X.Label
	}
	return "chart"
}

// seriesClass is the colour class of the i-th series.
func seriesClass(s *Series, i int) string {
	if c := cleanClass(s.Class); c != "" {
		return c
	}
	return "c" + strconv.Itoa(i%8)
}

// markerClass is the colour class of a VLine or Band.
func markerClass(c string) string {
	if c = cleanClass(c); c != "" {
		return c
	}
	return "muted"
}
