package chart

// write writes the whole <svg> element, with idMark standing for its id.
// Drawing order, bottom to top: background, grid, bands, series, markers
// (clipped to the plot area), then axes, labels, title, legend and note.
func (l *layout) write(w *buf) {
	p := l.p
	w.raw(`<svg xmlns="http://www.w3.org/2000/svg" id="`, idMark, `" class="chart"`)
	w.attr("width", l.w)
	w.attr("height", l.h)
	w.raw(` viewBox="0 0 `)
	w.pt(l.w, l.h)
	w.raw(`" role="img" aria-label="`)
	w.esc(plain(p.ariaLabel()))
	w.raw(`"><title>`)
	w.esc(plain(p.ariaLabel()))
	w.raw("</title>")
	w.writeStyle()
	w.raw(`<defs><clipPath id="`, idMark, `-plot"><rect`)
	w.attr("x", l.x0)
	w.attr("y", l.y0)
	w.attr("width", l.x1-l.x0)
	w.attr("height", l.y1-l.y0)
	w.raw(`/></clipPath></defs><rect class="bg"`)
	w.attr("width", l.w)
	w.attr("height", l.h)
	w.raw("/>")

	l.drawGrid(w)
	w.raw(`<g clip-path="url(#`, idMark, `-plot)">`)
	l.drawBands(w)
	drawn := l.drawHeat(w)
	for i := range p.Series {
		drawn += l.drawSeries(w, i)
	}
	l.drawVLines(w)
	w.raw("</g>")

	l.drawAxes(w)
	l.drawMarkLabels(w)
	l.drawTitles(w)
	l.drawLegend(w)
	l.drawHeatLegend(w)
	if drawn == 0 && p.Note != "" {
		w.raw(`<text class="note" text-anchor="middle"`)
		w.attr("x", (l.x0+l.x1)/2)
		w.attr("y", (l.y0+l.y1)/2+4)
		w.raw(">")
		w.esc(p.Note)
		w.raw("</text>")
	}
	w.raw("</svg>")
}

// drawGrid draws grid lines at the major ticks of x and of the left y axis,
// as one path.
func (l *layout) drawGrid(w *buf) {
	w.raw(`<path class="grid" d="`)
	for _, v := range l.xt.at {
		if l.x.inside(v) {
			w.raw("M")
			w.pt(crisp(l.x.px(v)), l.y0)
			w.raw("V")
			w.num(l.y1)
		}
	}
	for _, v := range l.yt.at {
		if l.y.inside(v) {
			w.raw("M")
			w.pt(l.x0, crisp(l.y.px(v)))
			w.raw("H")
			w.num(l.x1)
		}
	}
	w.raw(`"/>`)
}

// drawAxes draws the axis lines, tick marks and tick labels: x at the
// bottom, y on the left and, for twin axes, y2 on the right.
func (l *layout) drawAxes(w *buf) {
	w.raw(`<path class="ax" d="M`)
	w.pt(crisp(l.x0), l.y0)
	w.raw("V")
	w.num(crisp(l.y1))
	w.raw("H")
	w.num(l.x1)
	if l.twin {
		w.raw("M")
		w.pt(crisp(l.x1), l.y0)
		w.raw("V")
		w.num(crisp(l.y1))
	}
	// Major ticks, then minor ticks at half length.
	tick := func(s *scale, ts []float64, n float64, horizontal bool, side float64) {
		for _, v := range ts {
			if !s.inside(v) {
				continue
			}
			p := crisp(s.px(v))
			w.raw("M")
			if horizontal {
				w.pt(p, crisp(l.y1))
				w.raw("v")
			} else {
				w.pt(side, p)
				w.raw("h")
			}
			w.num(n)
		}
	}
	tick(&l.x, l.xt.at, tickLen, true, 0)
	tick(&l.x, l.xt.minor, tickLen/2, true, 0)
	tick(&l.y, l.yt.at, -tickLen, false, crisp(l.x0))
	tick(&l.y, l.yt.minor, -tickLen/2, false, crisp(l.x0))
	if l.twin {
		tick(&l.y2, l.y2t.at, tickLen, false, crisp(l.x1))
		tick(&l.y2, l.y2t.minor, tickLen/2, false, crisp(l.x1))
	}
	w.raw(`"/>`)

	// Tick labels. An x label is kept inside the SVG even when its tick is
	// at the very edge.
	w.raw(`<g text-anchor="middle">`)
	for i, v := range l.xt.at {
		if !l.x.inside(v) {
			continue
		}
		half := textWidth(l.xt.labels[i], tickFont) / 2
		x := max(half+2, min(l.w-half-2, l.x.px(v)))
		l.text(w, x, l.y1+tickLen+tickGap+tickFont-1, l.xt.labels[i])
	}
	w.raw(`</g><g text-anchor="end">`)
	for i, v := range l.yt.at {
		if l.y.inside(v) {
			l.text(w, l.x0-tickLen-tickGap, l.y.px(v)+4, l.yt.labels[i])
		}
	}
	w.raw("</g>")
	if l.twin {
		w.raw(`<g text-anchor="start">`)
		for i, v := range l.y2t.at {
			if l.y2.inside(v) {
				l.text(w, l.x1+tickLen+tickGap, l.y2.px(v)+4, l.y2t.labels[i])
			}
		}
		w.raw("</g>")
	}
}

// text writes a <text> element at (x, y) with escaped content, its
// subscripts set as such (see rich).
func (l *layout) text(w *buf, x, y float64, s string) {
	w.raw("<text")
	w.attr("x", x)
	w.attr("y", y)
	w.raw(">")
	w.rich(s)
	w.raw("</text>")
}

// drawTitles writes the axis labels, centred on their axes (the y labels
// rotated to read upwards on the left and downwards on the right), and the
// title, centred over the plot area.
func (l *layout) drawTitles(w *buf) {
	p := l.p
	if p.X.Label != "" {
		w.raw(`<text class="axl" text-anchor="middle"`)
		w.attr("x", l.centre(p.X.Label, labelFont))
		w.attr("y", l.h-pad+1)
		w.raw(">")
		w.rich(p.X.Label)
		w.raw("</text>")
	}
	rotated := func(label string, x, angle float64) {
		y := (l.y0 + l.y1) / 2
		w.raw(`<text class="axl" text-anchor="middle" transform="rotate(`)
		w.num(angle)
		w.raw(" ")
		w.pt(x, y)
		w.raw(`)"`)
		w.attr("x", x)
		w.attr("y", y)
		w.raw(">")
		w.rich(label)
		w.raw("</text>")
	}
	if p.Y.Label != "" {
		// Rotated by −90°, glyphs extend left of the baseline.
		rotated(p.Y.Label, pad+labelFont-1, -90)
	}
	if l.twin && p.Y2.Label != "" {
		// Rotated by +90°, glyphs extend right of the baseline.
		rotated(p.Y2.Label, l.w-pad-labelFont+1, 90)
	}
	if p.Title != "" {
		w.raw(`<text class="title" text-anchor="middle"`)
		w.attr("x", l.centre(p.Title, titleFont))
		w.attr("y", l.titleY)
		w.raw(">")
		w.rich(p.Title)
		w.raw("</text>")
	}
}

// centre is where to centre a horizontal text: over the plot area, but
// moved inwards if it would stick out of the SVG.
func (l *layout) centre(s string, size float64) float64 {
	half := textWidth(s, size) / 2
	return max(pad+half, min(l.w-pad-half, (l.x0+l.x1)/2))
}

// drawLegend writes the legend entries placed by placeLegend: a swatch in
// the series' style and colour followed by its name.
func (l *layout) drawLegend(w *buf) {
	for _, e := range l.legend {
		s, mid := e.s, e.y-4
		w.raw(`<g class="`, e.class, `">`)
		switch s.Style {
		case Bars, Area:
			w.raw(`<rect class="bar"`)
			w.attr("x", e.x)
			w.attr("y", mid-5)
			w.attr("width", swatchLen)
			w.attr("height", 10)
			w.raw("/>")
		case Points:
			w.raw(`<path class="pt" d="M`)
			w.pt(e.x+swatchLen/2, mid)
			w.raw(`h0"/>`)
		default:
			w.raw(`<path class="s`)
			if s.Dashed {
				w.raw(" d")
			}
			w.raw(`"`, strokeStyle(s), ` d="M`)
			w.pt(e.x, mid)
			w.raw("h")
			w.num(swatchLen)
			w.raw(`"/>`)
		}
		w.raw("</g>")
		l.text(w, e.x+swatchLen+5, e.y, e.text)
	}
}
