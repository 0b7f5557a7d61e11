package chart

import "sort"

// box is an axis-aligned rectangle in px that a label occupies.
type box struct{ x0, x1, y0, y1 float64 }

func (b box) overlaps(c box) bool {
	return b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1
}

// markLabel is a placed marker label: its text, colour class and anchor.
// Rotated labels read upwards and end at (x, y); the others are centred on
// x with their baseline at y.
type markLabel struct {
	text, class string
	x, y        float64
	rotated     bool
	box         box // the estimated extent
}

// placeMarks places the labels of the markers inside the x range. A VLine
// label is rotated to read upwards along its line and ends just below the
// top of the plot area, on the left of the line, or on the right when the
// left collides with a label already placed (or with the y axis), or
// further down when both sides do. A Band label is horizontal at the top of
// the band, centred, left- or right-aligned, whichever first avoids the
// VLine labels, and otherwise at the bottom of the band.
func (l *layout) placeMarks() []markLabel {
	var out []markLabel
	var taken []box
	vs := make([]VLine, 0, len(l.p.VLines))
	for _, v := range l.p.VLines {
		if v.Label != "" && l.x.inside(v.X) {
			vs = append(vs, v)
		}
	}
	sort.SliceStable(vs, func(i, j int) bool { return vs[i].X < vs[j].X })
	for _, v := range vs {
		x, length := l.x.px(v.X), textWidth(v.Label, markFont)
		// Rotated by −90°, the glyphs lie left of the baseline: about
		// 0.8 em of ascent, 0.2 em of descent.
		side := func(bx, top float64) box { return box{bx - 0.8*markFont, bx + 0.2*markFont, top, top + length} }
		top := l.y0 + 4
		left, right := side(x-3, top), side(x+markFont+1, top)
		b := left
		switch {
		case left.x0 >= l.x0 && !collides(left, taken):
		case right.x1 <= l.x1 && !collides(right, taken):
			b = right
		default:
			for collides(b, taken) { // each step moves b down
				for _, t := range taken {
					if b.overlaps(t) {
						b = side(x-3, t.y1+6)
					}
				}
			}
			if b.y1 > l.y1 { // no room below: overlap at the top
				b = left
			}
		}
		taken = append(taken, b)
		out = append(out, markLabel{text: v.Label, class: markerClass(v.Class),
			x: b.x1 - 0.2*markFont, y: b.y0, rotated: true, box: b})
	}
	for _, bd := range l.p.Bands {
		if bd.Label == "" || !l.x.valid(bd.X0) || !l.x.valid(bd.X1) {
			continue
		}
		a, c := l.clampX(l.x.px(bd.X0)), l.clampX(l.x.px(bd.X1))
		a, c = min(a, c), max(a, c)
		if a == c {
			continue // entirely outside the range
		}
		tw := textWidth(bd.Label, markFont)
		at := func(x0, y float64) box { return box{x0, x0 + tw, y - markFont, y + 2} }
		top := l.y0 + markFont + 3
		b := at((a+c-tw)/2, l.y1-4)
		for _, cand := range []box{at((a+c-tw)/2, top), at(a+3, top), at(c-3-tw, top)} {
			if !collides(cand, taken) {
				b = cand
				break
			}
		}
		taken = append(taken, b)
		out = append(out, markLabel{text: bd.Label, class: markerClass(bd.Class), x: (b.x0 + b.x1) / 2, y: b.y1 - 2, box: b})
	}
	return out
}

// collides reports whether b overlaps any of taken.
func collides(b box, taken []box) bool {
	for _, t := range taken {
		if b.overlaps(t) {
			return true
		}
	}
	return false
}

// drawBands shades each band's x range over the full height of the plot
// area.
func (l *layout) drawBands(w *buf) {
	for _, b := range l.p.Bands {
		if !l.x.valid(b.X0) || !l.x.valid(b.X1) {
			continue
		}
		a, c := l.clampX(l.x.px(b.X0)), l.clampX(l.x.px(b.X1))
		w.raw(`<rect class="band `, markerClass(b.Class), `"`)
		w.attr("x", min(a, c))
		w.attr("y", l.y0)
		w.attr("width", abs64(c-a))
		w.attr("height", l.y1-l.y0)
		w.raw("/>")
	}
}

// drawVLines draws each marker inside the x range as a line across the plot
// area.
func (l *layout) drawVLines(w *buf) {
	for _, v := range l.p.VLines {
		if !l.x.inside(v.X) {
			continue
		}
		x := l.x.px(v.X)
		w.raw(`<line class="vl `, markerClass(v.Class))
		if v.Dashed {
			w.raw(" d")
		}
		w.raw(`"`)
		w.attr("x1", x)
		w.attr("y1", l.y0)
		w.attr("x2", x)
		w.attr("y2", l.y1)
		w.raw("/>")
	}
}

// drawMarkLabels writes the labels placed by placeMarks.
func (l *layout) drawMarkLabels(w *buf) {
	for _, m := range l.placeMarks() {
		w.raw(`<text class="lab `, m.class, `"`)
		if m.rotated {
			w.raw(` text-anchor="end" transform="rotate(-90 `)
			w.pt(m.x, m.y)
			w.raw(`)"`)
		} else {
			w.raw(` text-anchor="middle"`)
		}
		w.attr("x", m.x)
		w.attr("y", m.y)
		w.raw(">")
		w.esc(m.text)
		w.raw("</text>")
	}
}
