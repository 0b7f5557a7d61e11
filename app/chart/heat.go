package chart

import "strconv"

// Heatmap is a grid of cells coloured by value on a sequential scale: the
// cell's fill is the accent colour at an opacity rising with the value, so
// low values fade into the background in light and dark themes alike. A
// colour legend with the scale's ends and Label is drawn above the plot
// area.
type Heatmap struct {
	// X and Y are the cell edges in axis units: len(X) = columns + 1 and
	// len(Y) = rows + 1.
	X, Y []float64
	// Z[r][c] is the value of the cell between Y[r], Y[r+1] and X[c],
	// X[c+1]; missing or non-finite cells are not drawn.
	Z [][]float64
	// Min and Max fix the colour scale when Min < Max; otherwise it spans
	// the data.
	Min, Max float64
	// Label names the value with its units, in the colour legend.
	Label string
}

// heatSteps is the number of swatches of the colour legend.
const heatSteps = 8

// scale is the colour scale's range.
func (h *Heatmap) scale() (lo, hi float64) {
	if finite(h.Min) && finite(h.Max) && h.Min < h.Max {
		return h.Min, h.Max
	}
	first := true
	for _, row := range h.Z {
		for _, v := range row {
			if !finite(v) {
				continue
			}
			if first || v < lo {
				lo = v
			}
			if first || v > hi {
				hi = v
			}
			first = false
		}
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	return lo, hi
}

// opacity maps t ∈ [0, 1] (clamped) to the fill opacity of a cell.
func opacity(t float64) float64 { return 0.04 + 0.96*max(0, min(1, t)) }

// drawHeat writes the cells and returns how many it drew.
func (l *layout) drawHeat(w *buf) int {
	h := l.p.Heat
	if h == nil {
		return 0
	}
	lo, hi := h.scale()
	n := 0
	w.raw(`<g class="accent">`)
	for r, row := range h.Z {
		for c, v := range row {
			if r+1 >= len(h.Y) || c+1 >= len(h.X) || !finite(v) || !l.x.valid(h.X[c]) || !l.x.valid(h.X[c+1]) || !l.y.valid(h.Y[r]) || !l.y.valid(h.Y[r+1]) {
				continue
			}
			n++
			xa, xb, ya, yb := l.x.px(h.X[c]), l.x.px(h.X[c+1]), l.y.px(h.Y[r]), l.y.px(h.Y[r+1])
			w.raw(`<rect class="cell"`)
			w.attr("x", min(xa, xb))
			w.attr("y", min(ya, yb))
			w.attr("width", abs64(xb-xa))
			w.attr("height", abs64(yb-ya))
			w.attr("fill-opacity", opacity((v-lo)/(hi-lo)))
			w.raw("><title>", strconv.FormatFloat(v, 'g', 4, 64), "</title></rect>")
		}
	}
	w.raw("</g>")
	return n
}

// placeHeatLegend reserves a legend row for the colour scale.
func (l *layout) placeHeatLegend(top float64) float64 {
	if l.p.Heat == nil {
		return top
	}
	l.heatY = top + legendFont
	return top + legendRow
}

// drawHeatLegend writes the colour legend: the label, the low end, a strip
// of swatches from low to high, and the high end.
func (l *layout) drawHeatLegend(w *buf) {
	h := l.p.Heat
	if h == nil {
		return
	}
	lo, hi := h.scale()
	x := l.x0
	if h.Label != "" {
		l.text(w, x, l.heatY, h.Label+":")
		x += textWidth(h.Label+":", legendFont) + 6
	}
	los := strconv.FormatFloat(lo, 'g', 3, 64)
	l.text(w, x, l.heatY, los)
	x += textWidth(los, legendFont) + 4
	w.raw(`<g class="accent">`)
	for i := range heatSteps {
		w.raw(`<rect class="cell key"`)
		w.attr("x", x+float64(i*12))
		w.attr("y", l.heatY-9)
		w.attr("width", 12)
		w.attr("height", 10)
		w.attr("fill-opacity", opacity(float64(i)/(heatSteps-1)))
		w.raw("/>")
	}
	w.raw("</g>")
	l.text(w, x+float64(heatSteps*12)+4, l.heatY, strconv.FormatFloat(hi, 'g', 3, 64))
}
