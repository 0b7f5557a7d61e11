package chart

import (
	"math"
	"strings"
	"testing"
)

// Truth: the Heatmap documentation. A 2×3 grid draws one rect per finite
// cell (a NaN is skipped), each covering exactly its edges' pixel span,
// with an opacity that rises with the value from 0.04 at the scale's low
// end to 1 at its high end, and a <title> with the value; the colour legend
// draws heatSteps swatches of rising opacity and the scale's two ends.
func TestAHeatmapDrawsOneCellPerValueOnARisingScale(t *testing.T) {
	p := Plot{X: Axis{Label: "frequency k"}, Y: Axis{Label: "node"}, Heat: &Heatmap{
		X: []float64{0, 1, 2, 3}, Y: []float64{0, 1, 2},
		Z:     [][]float64{{0, 1, 2}, {3, nan, 4}},
		Label: "|Â|",
	}}
	es := parseSVG(t, p.SVG())
	var cells, keys []*elem
	for _, e := range find(es, "rect", "") {
		switch e.class() {
		case "cell":
			cells = append(cells, e)
		case "cell key":
			keys = append(keys, e)
		}
	}
	if len(cells) != 5 {
		t.Fatalf("%d cells, want 5 (six values, one NaN)", len(cells))
	}
	l := p.layout()
	want := []struct{ r, c int }{{0, 0}, {0, 1}, {0, 2}, {1, 0}, {1, 2}}
	for i, e := range cells {
		r, c := want[i].r, want[i].c
		v := p.Heat.Z[r][c]
		if x := e.num(t, "x"); math.Abs(x-l.x.px(float64(c))) > coordTol {
			t.Errorf("cell (%d, %d): x = %g, want %g", r, c, x, l.x.px(float64(c)))
		}
		if wd := e.num(t, "width"); math.Abs(wd-(l.x.px(1)-l.x.px(0))) > 2*coordTol {
			t.Errorf("cell (%d, %d): width %g, want %g", r, c, wd, l.x.px(1)-l.x.px(0))
		}
		if y := e.num(t, "y"); math.Abs(y-l.y.px(float64(r+1))) > coordTol {
			t.Errorf("cell (%d, %d): y = %g, want %g", r, c, y, l.y.px(float64(r+1)))
		}
		if op, w := e.num(t, "fill-opacity"), 0.04+0.96*v/4; math.Abs(op-w) > coordTol {
			t.Errorf("cell (%d, %d) of value %g: opacity %g, want %g", r, c, v, op, w)
		}
	}
	if len(keys) != heatSteps {
		t.Fatalf("the colour legend has %d swatches, want %d", len(keys), heatSteps)
	}
	for i := 1; i < len(keys); i++ {
		if keys[i].num(t, "fill-opacity") <= keys[i-1].num(t, "fill-opacity") {
			t.Errorf("legend swatch %d is not darker than swatch %d", i, i-1)
		}
	}
	svg := p.SVG()
	for _, s := range []string{">|Â|:</text>", ">0</text>", ">4</text>", "<title>3</title>"} {
		if !strings.Contains(svg, s) {
			t.Errorf("the SVG lacks %q", s)
		}
	}
}

// Truth: Heatmap.Min and Max fix the scale: values beyond it clamp to the
// ends, and the axes cover the cell edges.
func TestAHeatmapsFixedScaleClampsAndItsEdgesSetTheAxes(t *testing.T) {
	p := Plot{Heat: &Heatmap{X: []float64{-2, 5}, Y: []float64{10, 20}, Z: [][]float64{{9}}, Min: 0, Max: 1}}
	es := parseSVG(t, p.SVG())
	var cells []*elem
	for _, e := range find(es, "rect", "cell") {
		if e.class() == "cell" {
			cells = append(cells, e)
		}
	}
	if len(cells) != 1 || cells[0].num(t, "fill-opacity") != 1 {
		t.Fatalf("one cell of opacity 1 expected, got %d cells", len(cells))
	}
	l := p.layout()
	if l.x.lo > -2 || l.x.hi < 5 || l.y.lo > 10 || l.y.hi < 20 {
		t.Errorf("axes [%g, %g] × [%g, %g] do not cover the cells [-2, 5] × [10, 20]", l.x.lo, l.x.hi, l.y.lo, l.y.hi)
	}
}
