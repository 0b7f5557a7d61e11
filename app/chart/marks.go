package chart

import "sort"

// box is an axis-aligned rectangle in px that a label occupies.
type box struct{ x0, x1, y0, y1 float64 }

func (b box) overlaps(c box) bool {
	return b.x0 < c.x1 && c.x0 < b.x1 && b.y0 < c.y1 && c.y0 < b.y1
}

// markLabel is a placed marker label: its text, colour class and the box
// it occupies; the text is centred on the box with its baseline at y. mx
// is the x of its marker (the line, or the band's middle), where a short
// connector joins the label to the plot area.
type markLabel struct {
	text, class string
	x, y, mx    float64
	box         box // the estimated extent
}

// Marker labels sit in rows of a strip above the plot area, never over the
// data.
const (
	markRow     = markFont + 5 // height of a row of marker labels
	maxMarkRows = 3            // rows before labels may overlap
)

// placeMarks places the labels of the markers inside the x range in the
// strip between top and the plot area: horizontal, centred over their line
// (or the visible part of their band) but kept inside the SVG, in the
// first row, from the bottom up, where they overlap no label placed
// before (left to right), moving right of the labels in the way when
// centring collides. When all maxMarkRows rows are full the label goes in
// the top row anyway. It returns the labels and the strip's
// height.
func (l *layout) placeMarks(top float64) ([]markLabel, float64) {
	type mark struct {
		text, class string
		x           float64
	}
	var ms []mark
	for _, v := range l.p.VLines {
		if v.Label != "" && l.x.inside(v.X) {
			ms = append(ms, mark{v.Label, markerClass(v.Class), l.x.px(v.X)})
		}
	}
	for _, bd := range l.p.Bands {
		if bd.Label == "" || !l.x.valid(bd.X0) || !l.x.valid(bd.X1) {
			continue
		}
		a, c := l.clampX(l.x.px(bd.X0)), l.clampX(l.x.px(bd.X1))
		if a == c {
			continue // entirely outside the range
		}
		ms = append(ms, mark{bd.Label, markerClass(bd.Class), (a + c) / 2})
	}
	if len(ms) == 0 {
		return nil, 0
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].x < ms[j].x })
	var out []markLabel
	rows := 1
	for _, m := range ms {
		tw := textWidth(m.text, markFont)
		x0 := max(2, min(l.w-2-tw, m.x-tw/2))
		var b box
		placed := false
		for r := 0; r < maxMarkRows && !placed; r++ {
			y0, y1 := float64(-(r+1)*markRow), float64(-r*markRow)
			// Centred over the marker, or else just right of the labels
			// it would overlap in this row.
			b = box{x0, x0 + tw, y0, y1}
			for _, t := range boxes(out) {
				if b.overlaps(t) {
					b = box{t.x1 + 6, t.x1 + 6 + tw, y0, y1}
				}
			}
			if b.x1 <= l.w-2 && !collides(b, boxes(out)) {
				rows, placed = max(rows, r+1), true
			}
		}
		if !placed { // crowded: the top row, centred, overlapping
			b = box{x0, x0 + tw, float64(-maxMarkRows * markRow), float64(-(maxMarkRows - 1) * markRow)}
			rows = maxMarkRows
		}
		out = append(out, markLabel{text: m.text, class: m.class, mx: m.x, box: b})
	}
	// The boxes were placed upwards from 0; move them into the strip.
	strip := float64(rows * markRow)
	for i := range out {
		b := &out[i].box
		b.y0, b.y1 = b.y0+top+strip, b.y1+top+strip
		out[i].x, out[i].y = (b.x0+b.x1)/2, b.y1-3
	}
	return out, strip + 2
}

func boxes(ms []markLabel) []box {
	bs := make([]box, len(ms))
	for i, m := range ms {
		bs[i] = m.box
	}
	return bs
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

// drawMarkLabels writes the labels placed by placeMarks, each joined to
// the top of the plot area by a short connector at its marker's x.
func (l *layout) drawMarkLabels(w *buf) {
	for _, m := range l.marks {
		w.raw(`<line class="cn `, m.class, `"`)
		w.attr("x1", max(m.box.x0, min(m.box.x1, m.mx)))
		w.attr("y1", m.box.y1-1)
		w.attr("x2", m.mx)
		w.attr("y2", l.y0)
		w.raw(`/><text class="lab `, m.class, `" text-anchor="middle"`)
		w.attr("x", m.x)
		w.attr("y", m.y)
		w.raw(">")
		w.rich(m.text)
		w.raw("</text>")
	}
}
