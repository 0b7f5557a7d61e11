package chart_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/overparam/overparam/app/chart"
)

// chartStyle returns an SVG chart's <style> element with its id replaced
// by "ID", or "" when it has none.
func chartStyle(svg string) string {
	m := regexp.MustCompile(`id="(chart-[0-9a-z]+)"`).FindStringSubmatch(svg)
	style := regexp.MustCompile(`<style>.*?</style>`).FindString(svg)
	if m == nil || style == "" {
		return ""
	}
	return regexp.MustCompile(regexp.QuoteMeta(m[1])).ReplaceAllString(style, "ID")
}

// Truth: the files in web/thumbs, which tools/mkthumbs renders with this
// package. Each gallery thumbnail embeds the chart style it was drawn
// with; when the style changes (a new mark's rule, a colour), every
// thumbnail must be re-rendered (`make thumbs`), or the gallery shows
// pictures the current code would not draw.
func TestThumbnailsCarryTheCurrentChartStyle(t *testing.T) {
	p := chart.Plot{Series: []chart.Series{{Name: "s", X: []float64{0, 1}, Y: []float64{0, 1}}}}
	want := chartStyle(p.SVG())
	if want == "" {
		t.Fatal("a chart's SVG has no <style> or id")
	}
	files, err := filepath.Glob(filepath.Join("..", "..", "web", "thumbs", "*.svg"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no thumbnails in web/thumbs (%v)", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if got := chartStyle(string(b)); got != want {
			t.Errorf("%s was drawn with another chart style: run make thumbs", filepath.Base(f))
		}
	}
}
