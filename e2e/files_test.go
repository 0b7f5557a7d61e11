package e2e

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// Helpers that read the files a page downloads and the charts it draws.

// waitFile waits until dir/name has been written completely: Chrome
// writes into name.crdownload and renames it when done, so the final name
// appears with the whole content.
func waitFile(tb testing.TB, dir, name string) []byte {
	tb.Helper()
	if b, ok := pollFile(dir, name, downloadTimeout); ok {
		return b
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	tb.Fatalf("no complete %s was downloaded within %v; the directory holds %v", name, downloadTimeout, names)
	return nil
}

// readCSV parses a downloaded CSV file into its header and rows.
func readCSV(tb testing.TB, name string, b []byte) (header []string, rows [][]string) {
	tb.Helper()
	all, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		tb.Fatalf("%s is not CSV: %v", name, err)
	}
	if len(all) == 0 {
		tb.Fatalf("%s is empty", name)
	}
	return all[0], all[1:]
}

// column returns the index of a CSV column, failing the test if absent.
func column(tb testing.TB, name string, header []string, col string) int {
	tb.Helper()
	for i, h := range header {
		if h == col {
			return i
		}
	}
	tb.Fatalf("%s has no column %q (header %q)", name, col, header)
	return -1
}

// cellFloat parses a CSV cell; an empty cell is NaN (how the exports write
// missing values).
func cellFloat(tb testing.TB, s string) float64 {
	tb.Helper()
	if s == "" {
		return nan
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		tb.Fatalf("CSV cell %q is not a number: %v", s, err)
	}
	return v
}

var nan = func() float64 { var z float64; return z / z }()

// sameFloat reports whether a number read back from a CSV cell is the
// float64 the JSON holds: both are written in shortest round-trip form,
// so they must be equal bits (NaN and ±Inf are empty cells).
func sameFloat(cell, want float64) bool {
	if want != want || want > 1.7976931348623157e308 || want < -1.7976931348623157e308 {
		return cell != cell
	}
	return cell == want
}

// svgSize reads the width and height attributes of a chart's root <svg>.
var svgSizeRE = regexp.MustCompile(`^<svg [^>]*?width="([0-9.]+)" height="([0-9.]+)"`)

func svgSize(tb testing.TB, name, svg string) (w, h float64) {
	tb.Helper()
	m := svgSizeRE.FindStringSubmatch(svg)
	if m == nil {
		tb.Fatalf("%s does not start with an <svg> with width and height: %.120q", name, svg)
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h
}

// seriesPaths returns the point lists of the stroked line paths drawn in
// colour class class, in drawing order: each is the number of points of
// one <path class="s…" d="M x y x y …"> inside <g class="class">.
func seriesPaths(svg, class string) []int {
	var out []int
	for _, g := range strings.Split(svg, `<g class="`+class+`">`)[1:] {
		g, _, _ = strings.Cut(g, "</g>")
		for _, m := range linePathRE.FindAllStringSubmatch(g, -1) {
			out = append(out, len(strings.Fields(m[1]))/2)
		}
	}
	return out
}

var linePathRE = regexp.MustCompile(`<path class="s[^"]*"[^>]* d="M([^"]*)"`)

// dotCount is the number of dots of the first series drawn as Points
// without hover text in colour class class: zero-length subpaths
// "M x yh0" in one path. (The legend's swatch, drawn later, is not
// counted.)
func dotCount(svg, class string) int {
	for _, g := range strings.Split(svg, `<g class="`+class+`">`)[1:] {
		if strings.HasPrefix(g, `<path class="pt"`) {
			d, _, _ := strings.Cut(g, `"/>`)
			return strings.Count(d, "h0")
		}
	}
	return 0
}

// checkPNG decodes a downloaded PNG and checks that it is the SVG drawn at
// twice its size, and that it shows data: at least minPixels pixels in
// the colours of the first series classes c0, c1 and c2 (#0072b2,
// #e69f00, #009e73 in a downloaded file), which an empty chart (grey
// text and axes only) never has.
func checkPNG(t *testing.T, name string, b []byte, svg string, minPixels int) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Errorf("%s is not a PNG: %v", name, err)
		return
	}
	w, h := svgSize(t, name, svg)
	if got := img.Bounds().Size(); got != (image.Point{int(2 * w), int(2 * h)}) {
		t.Errorf("%s is %v px, want twice the SVG's %gx%g", name, got, w, h)
	}
	if n := colourPixels(img, 0x00, 0x72, 0xb2, 40) + colourPixels(img, 0xe6, 0x9f, 0x00, 40) + colourPixels(img, 0x00, 0x9e, 0x73, 40); n < minPixels {
		t.Errorf("%s has %d pixels of the first series' colours, want at least %d: it does not show the result", name, n, minPixels)
	}
}

// colourPixels counts the pixels within tol (per channel, 0–255) of a
// colour.
func colourPixels(img image.Image, r0, g0, b0 int, tol int) int {
	n := 0
	bb := img.Bounds()
	for y := bb.Min.Y; y < bb.Max.Y; y++ {
		for x := bb.Min.X; x < bb.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			if absInt(int(r>>8)-r0) <= tol && absInt(int(g>>8)-g0) <= tol && absInt(int(b>>8)-b0) <= tol {
				n++
			}
		}
	}
	return n
}

func absInt(i int) int {
	if i < 0 {
		return -i
	}
	return i
}

// hover moves the mouse over the middle of chart id's drawing, as a
// person pointing at it does, and returns the panel's readout once it
// shows text.
func (tt *tab) hover(id string) string {
	tt.tb.Helper()
	sel := "#chart-" + id
	tt.do("scrolling "+sel+" into view", chromedp.ScrollIntoView(chromedp.CSS(sel)))
	box := eval[[]float64](tt, `(() => { const r = document.querySelector('`+sel+`').getBoundingClientRect(); return [r.left, r.top, r.width, r.height] })()`)
	for _, f := range []float64{0.45, 0.5, 0.55} {
		tt.do("moving the mouse over "+sel, chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, box[0]+f*box[2], box[1]+box[3]/2))
	}
	readout := fmt.Sprintf(`document.querySelector('#panel-%s .readout')?.textContent ?? ''`, id)
	if err := tt.poll(readout+` !== ''`, 5*time.Second); err != nil {
		return ""
	}
	return eval[string](tt, readout)
}

// pollFile polls for dir/name, complete (no name.crdownload beside it), for
// up to timeout, and reports whether it arrived.
func pollFile(dir, name string, timeout time.Duration) ([]byte, bool) {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if b, err := os.ReadFile(filepath.Join(dir, name)); err == nil {
			if _, err := os.Stat(filepath.Join(dir, name+".crdownload")); os.IsNotExist(err) {
				return b, true
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return nil, false
}
