package app

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/compression"
)

// compressionDef describes the compression page.
var compressionDef = &experimentPage[compression.Compression]{
	path: PathCompression, name: "compression", worker: "worker-compression.wasm",
	defaults:    compression.DefaultCompression,
	defaultsFor: compression.DefaultForQuery,
	presets:     compressionPresets,
	fields:      compressionFields,
	groups:      compressionGroups,
	relevant:    func(s *compression.Compression, key string) bool { return s.Uses(key) },
	// Switching the model loads that model's defaults (samples and the
	// learning rate differ).
	change: func(s *compression.Compression, key, value string) bool {
		if key != "model" || value == s.Model {
			return false
		}
		seed := s.Seed
		*s = compression.DefaultFor(value)
		s.Seed = seed
		return true
	},
	start: func(jobs Jobs, id int, spec compression.Compression, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "compression", spec, spec.Points(), decodeCompression, emit, now)
	},
	csv: func(r any) string {
		res, _ := r.(*compression.Result)
		if res != nil && res.Spec.Model == "sparse" {
			return sparseCSV(res.Sparse)
		}
		return compressionCSV(res)
	},
}

func decodeCompression(body string) (any, error) {
	var r compression.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage("compression", compressionDef, func() app.Composer { return newCompressionPage() })
	registerThumbnails("compression", compressionDef,
		func(p preset, _ compression.Compression, res *compression.Result) string {
			c := lawPlot(res.Law)
			switch {
			case p.ID == "compression-bits":
				c = accuracyPlot(res, nil)
			case res.Spec.Model == "sparse":
				c = sparseCurvePlot(res.Sparse, true)
			}
			return thumbnailSVG(c)
		})
}

// compressionPage shows how over-parameterized networks compress: GPFQ's
// quantization error against a layer's width, and the accuracy of
// quantized MLPs on digits against their width.
type compressionPage struct {
	app.Compo
	pageCore[compression.Compression]
	cache partCache[compression.Point]
}

func newCompressionPage() *compressionPage {
	return &compressionPage{pageCore: newPageCore(compressionDef)}
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *compressionPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *compressionPage) OnDismount() { p.stop() }

func (p *compressionPage) result() *compression.Result {
	r, _ := p.state.Result.(*compression.Result)
	return r
}

func (p *compressionPage) Render() app.UI {
	res := p.result()
	parts := p.cache.of(p.state)
	var law []compression.LawCurve
	if res != nil {
		law = res.Law
	} else if pt := parts[0]; pt != nil {
		law = pt.Law // the law streams in before the networks finish
	}
	var hist *compression.Histogram
	if res != nil {
		hist = res.Histogram
	}
	spec := p.ran
	if spec.Model == "" { // nothing ran yet: the controls' model
		spec = p.spec
	}
	var panels []app.UI
	if spec.Model == "sparse" {
		panels = sparsePanels(res, parts, spec)
	} else {
		panels = []app.UI{
			compressionSummary(res),
			newChartPanel("law").Title("One layer, Gaussian data: relative error ‖Xw − Xq‖²/‖Xw‖² against N₀").
				Plot(lawPlot(law)).
				CSV(func() string { return lawCSV(law) }),
			newChartPanel("accuracy").Title("MLPs on digits: test accuracy against hidden width").
				Plot(accuracyPlot(res, parts)).
				CSV(func() string { return compressionCSV(res) }),
			newChartPanel("histogram").Title("First-layer weights of the widest network, with the alphabet's levels").
				Plot(histogramPlot(hist)).
				CSV(func() string { return histogramCSV(hist) }),
		}
	}
	return shell(PathCompression,
		p.header("Compression: wide networks quantize better, sparse ones train by exploring",
			"Replace every weight by one of a few levels: rounding each weight on its own leaves an error that does not shrink as a layer widens, while GPFQ, which picks each weight's level to keep the layer's output on the data close to the float one, makes an error that falls like m·log N₀/N₀. "+
				"Or keep only a few percent of the weights nonzero and move them during training: regrowing by gradient plus an exploration bonus tries more of the network."),
		p.layout(append(panels, p.exportPanel())...),
	)
}

// lawPlot draws GPFQ's and rounding's mean relative errors against N₀ on
// log–log axes, one colour per bit-width, with the fitted c·m·ln N₀/N₀.
func lawPlot(law []compression.LawCurve) *chart.Plot {
	c := &chart.Plot{Title: "Relative error against N₀", X: chart.Axis{Label: "inputs per neuron N₀", Log: true},
		Y: chart.Axis{Label: "relative error ‖Xw − Xq‖²/‖Xw‖²", Log: true}, Legend: true, Height: 340, Note: "press Run"}
	for k, cv := range law {
		cls := "c" + strconv.Itoa(k%8)
		x := make([]float64, len(cv.N0))
		lo, hi := make([]float64, len(cv.N0)), make([]float64, len(cv.N0))
		for i, n := range cv.N0 {
			x[i] = float64(n)
			lo[i], hi[i] = cv.GPFQ[i]-cv.GPFQSE[i], cv.GPFQ[i]+cv.GPFQSE[i]
		}
		name := bitsName(cv.Bits)
		c.Series = append(c.Series,
			chart.Series{X: x, Y: hi, Low: lo, Style: chart.Range, Class: cls},
			chart.Series{Name: fmt.Sprintf("GPFQ, %s (slope %.2f)", name, cv.GPFQSlope), X: x, Y: cv.GPFQ, Class: cls, Width: 2},
			chart.Series{X: x, Y: cv.GPFQ, Style: chart.Points, Class: cls, Width: 6},
			chart.Series{Name: fmt.Sprintf("rounding, %s (slope %.2f)", name, cv.MSQSlope), X: x, Y: cv.MSQ, Class: cls, Dashed: true, Width: 1.5})
		if k == 0 {
			c.Series = append(c.Series, chart.Series{Name: "c·m·ln N₀/N₀ (fitted)", X: x, Y: cv.Reference, Class: "muted", Dashed: true})
		}
	}
	return c
}

// accuracyPlot draws the float, GPFQ and rounded networks' test accuracy
// against width; while the sweep runs, each finished network appears.
func accuracyPlot(res *compression.Result, parts map[int]*compression.Point) *chart.Plot {
	c := &chart.Plot{Title: "Test accuracy against width", X: chart.Axis{Label: "hidden width (neurons)", Log: true},
		Y: chart.Axis{Label: "test accuracy (%)"}, Legend: true, Height: 340, Note: "the widths stream in as they finish"}
	var widths []compression.WidthStat
	if res != nil {
		widths = res.Widths
	} else {
		last := 0
		for i := range parts {
			last = max(last, i)
		}
		for i := last; i >= 1; i-- { // the widest is point 1 (compression.Compression.PointAt)
			if pt := parts[i]; pt != nil {
				widths = append(widths, compression.WidthStat{Width: pt.Width, Float: pt.Float, Quant: pt.Quant})
			}
		}
	}
	if len(widths) == 0 {
		return c
	}
	x, float := make([]float64, len(widths)), make([]float64, len(widths))
	for i, w := range widths {
		x[i], float[i] = float64(w.Width), 100*w.Float
	}
	style := chart.Line
	if res == nil {
		style = chart.Points
	}
	c.Series = append(c.Series, chart.Series{Name: "float network", X: x, Y: float, Class: "muted", Width: 3, Style: style})
	for k := range widths[0].Quant {
		g, m := make([]float64, len(widths)), make([]float64, len(widths))
		for i, w := range widths {
			g[i], m[i] = 100*w.Quant[k].GPFQ, 100*w.Quant[k].MSQ
		}
		cls := "c" + strconv.Itoa(k%8)
		b := widths[0].Quant[k].Bits
		c.Series = append(c.Series,
			chart.Series{Name: "GPFQ, " + bitsName(b), X: x, Y: g, Class: cls, Width: 2, Style: style},
			chart.Series{Name: "rounding, " + bitsName(b), X: x, Y: m, Class: cls, Dashed: true, Style: style})
	}
	return c
}

// bitsName names the alphabet of b bits: "ternary" for b = 1, else "b bit".
func bitsName(b int) string {
	if b == 1 {
		return "ternary"
	}
	return strconv.Itoa(b) + " bit"
}

// histogramPlot draws the weights' histogram with the alphabet's levels.
func histogramPlot(h *compression.Histogram) *chart.Plot {
	c := &chart.Plot{Title: "Weights and levels", X: chart.Axis{Label: "weight value"}, Y: chart.Axis{Label: "weights per bin"},
		Height: 260, Note: "computed with the widest network"}
	if h == nil {
		return c
	}
	c.Title = fmt.Sprintf("%s levels, δ = %.3g (width %d)", bitsName(h.Bits), h.Delta, h.Width)
	c.Series = []chart.Series{{Name: "weights", X: h.Edges, Y: h.Counts, Style: chart.Bars, Class: "c0"}}
	for _, l := range h.Levels {
		c.VLines = append(c.VLines, chart.VLine{X: l, Class: "c1", Dashed: true})
	}
	return c
}

// compressionSummary shows the law's slopes and the widest network's
// accuracies at the first bit-width.
func compressionSummary(res *compression.Result) app.UI {
	if res == nil || len(res.Law) == 0 {
		return app.Div().Class("summary")
	}
	l := res.Law[0]
	items := []app.UI{
		stat("gpfq-slope", "GPFQ error slope against N₀ ("+bitsName(l.Bits)+")", fmt.Sprintf("%.2f", l.GPFQSlope), true),
		stat("msq-slope", "rounding error slope", fmt.Sprintf("%.2f", l.MSQSlope), false),
	}
	if n := len(res.Widths); n > 0 && len(res.Widths[n-1].Quant) > 0 {
		w := res.Widths[n-1]
		q := w.Quant[0]
		items = append(items, stat("widest", fmt.Sprintf("width %d: float / GPFQ / rounding (%s)", w.Width, bitsName(q.Bits)),
			fmt.Sprintf("%.1f / %.1f / %.1f %%", 100*w.Float, 100*q.GPFQ, 100*q.MSQ), true))
	}
	return app.Div().Class("summary").Body(items...)
}

func lawCSV(law []compression.LawCurve) string {
	var b strings.Builder
	b.WriteString("bits,n0,gpfq,gpfq_se,msq,msq_se,reference\n")
	for _, c := range law {
		for i, n := range c.N0 {
			b.WriteString(strings.Join([]string{strconv.Itoa(c.Bits), strconv.Itoa(n), csvNum(c.GPFQ[i]), csvNum(c.GPFQSE[i]), csvNum(c.MSQ[i]), csvNum(c.MSQSE[i]), csvNum(c.Reference[i])}, ",") + "\n")
		}
	}
	return b.String()
}

// compressionCSV is the long-format table of the result: the law's rows,
// then one row per width and bit-width.
func compressionCSV(res *compression.Result) string {
	var b strings.Builder
	b.WriteString("panel,bits,n0_or_width,gpfq,msq,float,gpfq_se,msq_se\n")
	if res == nil {
		return b.String()
	}
	for _, c := range res.Law {
		for i, n := range c.N0 {
			b.WriteString(strings.Join([]string{"law", strconv.Itoa(c.Bits), strconv.Itoa(n), csvNum(c.GPFQ[i]), csvNum(c.MSQ[i]), "", csvNum(c.GPFQSE[i]), csvNum(c.MSQSE[i])}, ",") + "\n")
		}
	}
	for _, w := range res.Widths {
		for _, q := range w.Quant {
			b.WriteString(strings.Join([]string{"network", strconv.Itoa(q.Bits), strconv.Itoa(w.Width), csvNum(q.GPFQ), csvNum(q.MSQ), csvNum(w.Float), "", ""}, ",") + "\n")
		}
	}
	return b.String()
}

func histogramCSV(h *compression.Histogram) string {
	var b strings.Builder
	b.WriteString("bin_low,bin_high,count\n")
	if h != nil {
		for i, c := range h.Counts {
			b.WriteString(csvNum(h.Edges[i]) + "," + csvNum(h.Edges[i+1]) + "," + csvNum(c) + "\n")
		}
	}
	return b.String()
}
