package chart

import (
	"encoding/xml"
	"math"
	"strings"
	"testing"
)

// Truth: the Range contract — one filled polygon per unbroken run of
// points, each with both edges (2 × points vertices), no stroke, and the
// band's edges inside the y range.
func TestRangeFillsBetweenTheEdgesAndBreaksAtGaps(t *testing.T) {
	p := &Plot{Series: []Series{{Style: Range, X: []float64{1, 2, 3, 4, 5, 6}, Y: []float64{3, 4, 5, math.NaN(), 4, 3}, Low: []float64{1, 2, 2, 2, 1, 0.5}}}}
	svg := p.SVG()
	if err := xml.Unmarshal([]byte(svg), new(struct{})); err != nil {
		t.Fatalf("not XML: %v", err)
	}
	if n := strings.Count(svg, `<path class="f"`); n != 2 {
		t.Errorf("%d filled paths; want 2, split at the NaN", n)
	}
	if strings.Contains(svg, `class="s`) {
		t.Error("a range has a stroke")
	}
	start := strings.Index(svg, `<path class="f" d="M`) + len(`<path class="f" d="M`)
	first := svg[start : start+strings.Index(svg[start:], `Z"`)]
	if got := len(strings.Fields(first)) / 2; got != 6 { // x y pairs
		t.Errorf("the first run has %d vertices; want 3 upper + 3 lower: %s", got, first)
	}
}

// Truth: SVG's documented precondition — a Range without one Low per point
// is a caller's mistake and panics.
func TestRangeNeedsOneLowPerPoint(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a short Low")
		}
	}()
	(&Plot{Series: []Series{{Style: Range, X: []float64{1, 2}, Y: []float64{1, 2}, Low: []float64{0}}}}).SVG()
}
