package chart

import "math"

// Font sizes in px, matching the embedded style.
const (
	tickFont   = 11
	labelFont  = 12
	titleFont  = 14
	legendFont = 11
	markFont   = 10
)

// Spacing in px.
const (
	pad        = 10 // between the edge of the SVG and any text
	tickLen    = 4  // major tick marks, outside the plot area
	tickGap    = 3  // between a tick mark and its label
	labelBand  = 18 // room for an axis label, across its text
	legendRow  = 16 // height of a legend row
	swatchLen  = 18 // length of a legend swatch
	legendGap  = 14 // between legend entries
	rightSpare = 20 // right margin without a right axis
)

// layout is everything about a plot's geometry: the plot area, the scales
// and ticks of the axes and the legend's placement. SVG and XAt both derive
// from it, so hover readouts match the drawing.
type layout struct {
	p              *Plot
	w, h           float64
	x0, x1, y0, y1 float64 // plot area: x0 < x1 left to right, y0 < y1 top to bottom
	x, y, y2       scale
	xt, yt, y2t    tickSet
	twin           bool
	titleY         float64 // title baseline
	legend         []legendEntry
	marks          []markLabel // marker labels, in the strip above the plot area
	heatY          float64     // baseline of the heatmap's colour legend
}

// legendEntry is one legend item, placed with its swatch starting at x on a
// row whose text baseline is y.
type legendEntry struct {
	s     *Series
	class string
	text  string
	x, y  float64
}

// layout computes the geometry. Margins depend on the tick labels, which are
// estimated from the font size: the y ticks come first, from the height
// alone, then the left and right margins, then the x ticks, as many as fit
// the plot width without overlapping labels.
func (p *Plot) layout() *layout {
	l := &layout{p: p, w: defaultWidth, h: defaultHeight, twin: p.twin()}
	if p.Width > 0 {
		l.w = float64(p.Width)
	}
	if p.Height > 0 {
		l.h = float64(p.Height)
	}
	ex, ey, ey2 := p.extents()
	xlo, xhi := autoRange(p.X, ex)
	ylo, yhi := autoRange(p.Y, ey)
	y2lo, y2hi := autoRange(p.Y2, ey2)

	ny := max(2, min(8, int(math.Round((l.h-80)/45))))
	l.yt = axisTicks(p.Y, ylo, yhi, ny)
	left := pad + maxLabelWidth(l.yt.labels, tickFont) + tickGap + tickLen
	if p.Y.Label != "" {
		left += labelBand
	}
	right := float64(rightSpare)
	if l.twin {
		l.y2t = axisTicks(p.Y2, y2lo, y2hi, ny)
		right = pad + maxLabelWidth(l.y2t.labels, tickFont) + tickGap + tickLen
		if p.Y2.Label != "" {
			right += labelBand
		}
	}
	l.x0 = math.Min(left, l.w/2-10)
	l.x1 = math.Max(l.x0+20, l.w-right)

	for nx := max(2, min(10, int(math.Round((l.x1-l.x0)/90)))); ; nx-- {
		l.xt = axisTicks(p.X, xlo, xhi, nx)
		wl := maxLabelWidth(l.xt.labels, tickFont)
		if nx == 2 || float64(len(l.xt.at))*(wl+12) <= l.x1-l.x0+wl {
			break
		}
	}

	l.x = newScale(p.X.Log, xlo, xhi, l.x0, l.x1)
	top := float64(pad)
	if p.Title != "" {
		l.titleY = top + titleFont
		top += titleFont + 8
	}
	// The legend and the marker labels stack above the plot area, and the
	// SVG grows by their height, so on a narrow chart, where the legend
	// wraps onto more rows, they do not eat the plot.
	base := top
	top = l.placeLegend(top)
	var strip float64
	l.marks, strip = l.placeMarks(top)
	top += strip
	l.h += top - base
	l.y0 = top + 4
	bottom := float64(pad + tickLen + tickGap + tickFont)
	if p.X.Label != "" {
		bottom += labelBand + 2
	}
	l.y1 = math.Max(l.y0+20, l.h-bottom)

	l.y = newScale(p.Y.Log, ylo, yhi, l.y1, l.y0)
	l.y2 = newScale(p.Y2.Log, y2lo, y2hi, l.y1, l.y0)
	return l
}

// placeLegend lays the legend out in rows below the title, left-aligned with
// the plot area and wrapped at its right edge, and returns the new top of
// the plot area. Series on the right axis are marked "(right axis)".
func (l *layout) placeLegend(top float64) float64 {
	top = l.placeHeatLegend(top)
	if !l.p.Legend {
		return top
	}
	x, rows := l.x0, 0
	for i := range l.p.Series {
		s := &l.p.Series[i]
		if s.Name == "" {
			continue
		}
		text := s.Name
		if s.Right {
			text += " (right axis)"
		}
		wd := swatchLen + 5 + textWidth(text, legendFont)
		if rows == 0 || x > l.x0 && x+wd > l.x1 {
			x, rows = l.x0, rows+1
		}
		l.legend = append(l.legend, legendEntry{s: s, class: seriesClass(s, i), text: text,
			x: x, y: top + float64(rows-1)*legendRow + legendFont})
		x += wd + legendGap
	}
	return top + float64(rows)*legendRow
}

// yScale is the scale a series is drawn against.
func (l *layout) yScale(s *Series) *scale {
	if s.Right {
		return &l.y2
	}
	return &l.y
}

// crisp moves a 1 px line to a half-pixel so it covers one device pixel at
// 1:1 scale instead of blurring over two.
func crisp(p float64) float64 { return math.Floor(p) + 0.5 }
