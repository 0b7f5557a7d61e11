package chart

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// Truth: SVG 1.1 §10.5 (tspan dy shifts the glyphs that follow): a
// subscript is lowered and set smaller, and the text after it returns to
// the baseline; the accessible name keeps the plain text.
func TestSubscriptsAreTspans(t *testing.T) {
	p := Plot{Title: "θ(α) = (1−α)θ_{A} + αθ_{B}", Y: Axis{Label: "λ_{max}"}}
	svg := p.SVG()
	for _, want := range []string{
		`(1−α)θ<tspan dy=".3em" font-size="75%">A</tspan><tspan dy="-.3em"> + αθ</tspan><tspan dy=".3em" font-size="75%">B</tspan>`,
		`λ<tspan dy=".3em" font-size="75%">max</tspan>`,
		`aria-label="θ(α) = (1−α)θ_A + αθ_B"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
	if strings.Contains(svg, "_{") {
		t.Error("subscript markup reached the output")
	}
	if w, plain := textWidth("λ_{max}", 10), textWidth("λmax", 10); !(w < plain) {
		t.Errorf("a subscript is estimated %g px wide, not narrower than the plain text's %g", w, plain)
	}
}

// Truth: the 1-2-5 rule asked of log axes where room allows, worked by
// hand: 0.3…3 with room for 7 labels reads 0.5, 1, 2 (1…8 per decade
// would give 8 labels), with room for 9 it reads 0.3, 0.4, 0.5, 0.6, 0.8,
// 1, 2, 3; 0.08…4.2 reads 0.1, 0.2, 0.5, 1, 2; 0.1…1000 with room for 9
// keeps its powers of ten (1-2-5 would give 13).
func TestLogAxesLabel125WhereRoomAllows(t *testing.T) {
	if got, want := denseLogTicks(0.3, 3, 6), []float64{0.5, 1, 2}; !slices.Equal(got, want) {
		t.Errorf("0.3…3, 7 labels: %v, want %v", got, want)
	}
	if got, want := denseLogTicks(0.3, 3, 8), []float64{0.3, 0.4, 0.5, 0.6, 0.8, 1, 2, 3}; !slices.Equal(got, want) {
		t.Errorf("0.3…3, 9 labels: %v, want %v", got, want)
	}
	if got := axisTicks(Axis{Log: true}, 0.1, 1000, 8).at; !slices.Equal(got, []float64{0.1, 1, 10, 100, 1000}) {
		t.Errorf("0.1…1000, 9 labels: %v, want the powers of ten", got)
	}
	if got := axisTicks(Axis{Log: true}, 0.08, 4.2, 8).at; !slices.Equal(got, []float64{0.1, 0.2, 0.5, 1, 2}) {
		t.Errorf("0.08…4.2, 9 labels: %v, want 0.1, 0.2, 0.5, 1, 2", got)
	}
	if got := denseLogTicks(1e-7, 10, 20); got != nil {
		t.Errorf("an axis reaching 10⁻⁷ got decimal 1-2-5 ticks %v; it keeps powers of ten", got)
	}
}

// Truth: the requirement that a legend never takes the plot's room: a
// chart whose legend wraps onto more rows (narrow) grows taller by them,
// and its plot area keeps the height of the same chart without a legend.
func TestLegendRowsGrowTheChartNotShrinkThePlot(t *testing.T) {
	series := []Series{}
	for _, n := range []string{"train loss", "test loss", "train accuracy", "test accuracy", "Bézier curve"} {
		series = append(series, Series{Name: n, X: []float64{0, 1}, Y: []float64{1, 2}})
	}
	bare := Plot{Width: 340, Height: 300, Series: series}
	with := bare
	with.Legend = true
	a, b := bare.layout(), with.layout()
	if len(b.legend) == 0 || b.h <= a.h {
		t.Fatalf("a 5-entry legend at 340 px: SVG height %g vs %g without", b.h, a.h)
	}
	if math.Abs((b.y1-b.y0)-(a.y1-a.y0)) > 1e-9 {
		t.Errorf("the plot area is %g px high with the legend, %g without", b.y1-b.y0, a.y1-a.y0)
	}
}
