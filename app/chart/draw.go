package chart

// point is a data point in px.
type point struct{ x, y float64 }

// segments splits a Line or Area series at its missing points and returns
// the runs of consecutive placeable points in px, with the index of each
// run's first point in the series.
func (l *layout) segments(s *Series) (runs [][]point, first []int) {
	ys := l.yScale(s)
	var run []point
	for i := range s.X {
		if !l.x.valid(s.X[i]) || !ys.valid(s.Y[i]) {
			if len(run) > 0 {
				runs = append(runs, run)
			}
			run = nil
			continue
		}
		if run == nil {
			first = append(first, i)
		}
		run = append(run, point{l.x.px(s.X[i]), ys.px(s.Y[i])})
	}
	if len(run) > 0 {
		runs = append(runs, run)
	}
	return runs, first
}

// strokeStyle is the inline style attribute for a series' stroke width, or
// "" for the default. Inline style overrides the embedded style sheet, which
// a presentation attribute would not.
func strokeStyle(s *Series) string {
	if !(s.Width > 0) || !finite(s.Width) {
		return ""
	}
	var w buf
	w.raw(` style="stroke-width:`)
	w.num(s.Width)
	w.raw(`"`)
	return string(w.b)
}

// drawSeries writes the i-th series in a group carrying its colour class and
// returns how many of its points it placed.
func (l *layout) drawSeries(w *buf, i int) int {
	s := &l.p.Series[i]
	w.raw(`<g class="`, seriesClass(s, i), `">`)
	defer w.raw("</g>")
	switch s.Style {
	case Bars:
		return l.drawBars(w, s)
	case Points:
		return l.drawPoints(w, s)
	case Range:
		return l.drawRange(w, s)
	}
	runs, first := l.segments(s)
	dash, sw := "", strokeStyle(s)
	if s.Dashed {
		dash = " d"
	}
	n := 0
	for k, run := range runs {
		n += len(run)
		if len(run) == 1 { // an isolated point: a dot, or it would vanish
			w.raw(`<path class="pt" d="M`)
			w.pt(run[0].x, run[0].y)
			w.raw(`h0"/>`)
			continue
		}
		if s.Style == Area {
			b := l.yScale(s).px(l.yScale(s).baseline())
			w.raw(`<path class="f" d="M`)
			w.pt(run[0].x, b)
			for _, q := range run {
				w.raw(" ")
				w.pt(q.x, q.y)
			}
			w.raw(" ")
			w.pt(run[len(run)-1].x, b)
			w.raw(`Z"/>`)
		}
		w.raw(`<path class="s`, dash, `"`, sw, ` d="M`)
		for j, q := range run {
			if j > 0 {
				w.raw(" ")
			}
			w.pt(q.x, q.y)
		}
		w.raw(`"/>`)
		l.hoverTargets(w, s, run, first[k])
	}
	return n
}

// hoverTargets writes an invisible circle with a <title> at each point of a
// run that has hover text, so a browser shows the text as a tooltip.
func (l *layout) hoverTargets(w *buf, s *Series, run []point, first int) {
	r := 4.0
	if s.Width > 0 && finite(s.Width) {
		r = max(r, s.Width)
	}
	for j, q := range run {
		if k := first + j; k < len(s.Hover) && s.Hover[k] != "" {
			w.raw(`<circle class="hv"`)
			w.attr("cx", q.x)
			w.attr("cy", q.y)
			w.attr("r", r)
			w.raw("><title>")
			w.esc(s.Hover[k])
			w.raw("</title></circle>")
		}
	}
}

// drawPoints draws a dot per placeable point: one path of zero-length
// round-capped subpaths when there is no hover text (about 14 bytes a
// point), a circle with a <title> per point otherwise.
func (l *layout) drawPoints(w *buf, s *Series) int {
	ys := l.yScale(s)
	hover := false
	for _, h := range s.Hover {
		hover = hover || h != ""
	}
	d := 5.0
	if s.Width > 0 && finite(s.Width) {
		d = s.Width
	}
	n := 0
	if !hover {
		w.raw(`<path class="pt"`, strokeStyle(s), ` d="`)
	}
	for i := range s.X {
		if !l.x.valid(s.X[i]) || !ys.valid(s.Y[i]) {
			continue
		}
		n++
		x, y := l.x.px(s.X[i]), ys.px(s.Y[i])
		if !hover {
			w.raw("M")
			w.pt(x, y)
			w.raw("h0")
			continue
		}
		w.raw(`<circle class="hp"`)
		w.attr("cx", x)
		w.attr("cy", y)
		w.attr("r", d/2)
		w.endWithHover("circle", s, i)
	}
	if !hover {
		w.raw(`"/>`)
	}
	return n
}

// drawBars draws a rectangle per bin from the baseline to Y[i] between the
// edges X[i] and X[i+1]; bins with a missing edge or height are skipped.
func (l *layout) drawBars(w *buf, s *Series) int {
	ys := l.yScale(s)
	base := ys.px(ys.baseline())
	n := 0
	for i, v := range s.Y {
		a, b := s.X[i], s.X[i+1]
		if !l.x.valid(a) || !l.x.valid(b) || !ys.valid(v) {
			continue
		}
		n++
		pa, pb, py := l.x.px(a), l.x.px(b), ys.px(v)
		w.raw(`<rect class="bar"`, strokeStyle(s))
		w.attr("x", min(pa, pb))
		w.attr("y", min(py, base))
		w.attr("width", abs64(pb-pa))
		w.attr("height", abs64(py-base))
		w.endWithHover("rect", s, i)
	}
	return n
}

// clampX clamps a px position to the plot area's horizontal extent.
func (l *layout) clampX(p float64) float64 { return max(l.x0, min(l.x1, p)) }

func abs64(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// endWithHover closes the element tag opened for point i of s, with the
// point's tooltip as a <title> child when it has one.
func (w *buf) endWithHover(tag string, s *Series, i int) {
	if i < len(s.Hover) && s.Hover[i] != "" {
		w.raw("><title>")
		w.esc(s.Hover[i])
		w.raw("</title></", tag, ">")
		return
	}
	w.raw("/>")
}

// drawRange fills the band between Low and Y, breaking it where a point of
// either edge is missing.
func (l *layout) drawRange(w *buf, s *Series) int {
	ys := l.yScale(s)
	n := 0
	var hi, lo []point
	flush := func() {
		if len(hi) > 1 {
			w.raw(`<path class="f" d="M`)
			for j, q := range hi {
				if j > 0 {
					w.raw(" ")
				}
				w.pt(q.x, q.y)
			}
			for j := len(lo) - 1; j >= 0; j-- {
				w.raw(" ")
				w.pt(lo[j].x, lo[j].y)
			}
			w.raw(`Z"/>`)
		}
		hi, lo = hi[:0], lo[:0]
	}
	for i := range s.X {
		if !l.x.valid(s.X[i]) || !ys.valid(s.Y[i]) || !ys.valid(s.Low[i]) {
			flush()
			continue
		}
		n++
		x := l.x.px(s.X[i])
		hi, lo = append(hi, point{x, ys.px(s.Y[i])}), append(lo, point{x, ys.px(s.Low[i])})
	}
	flush()
	return n
}
