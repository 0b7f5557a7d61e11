package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
)

// chartPanel shows one chart with its title, tools, download buttons and a
// hover readout.
type chartPanel struct {
	app.Compo

	// Exported fields are the panel's inputs: go-app copies them from the
	// parent's render into the mounted component (unexported fields keep
	// their state, like hover).
	Name        string
	Heading     string
	Chart       *chart.Plot
	Extra       []app.UI
	ReadoutFunc func(x float64) string
	CSVFunc     func() string

	hover string
	width int // the chart area's width in CSS px, once mounted
}

// newChartPanel returns a panel named id (used in file names and element ids).
func newChartPanel(id string) *chartPanel { return &chartPanel{Name: id} }

// Title sets the heading.
func (c *chartPanel) Title(t string) *chartPanel { c.Heading = t; return c }

// Plot sets the chart.
func (c *chartPanel) Plot(p *chart.Plot) *chartPanel { c.Chart = p; return c }

// Tools adds controls shown beside the heading.
func (c *chartPanel) Tools(t ...app.UI) *chartPanel { c.Extra = t; return c }

// Readout sets the text shown for the data x under the pointer.
func (c *chartPanel) Readout(f func(x float64) string) *chartPanel { c.ReadoutFunc = f; return c }

// CSV sets the chart's data as CSV, for the CSV download.
func (c *chartPanel) CSV(f func() string) *chartPanel { c.CSVFunc = f; return c }

// OnMount sizes the chart to its container.
func (c *chartPanel) OnMount(ctx app.Context) { c.measure(ctx) }

// OnResize re-sizes the chart when the window changes.
func (c *chartPanel) OnResize(ctx app.Context) { c.measure(ctx) }

// measure reads the panel's inner width, so the chart is drawn at one SVG
// unit per CSS pixel: its text stays readable on a phone instead of being
// scaled down with a fixed 640-unit drawing.
func (c *chartPanel) measure(ctx app.Context) {
	if w := ctx.JSSrc().Get("clientWidth").Int() - 34; w > 0 && w != c.width {
		c.width = w
	}
}

// sized returns the chart at the measured width, keeping its height in
// proportion but no less than three quarters of the design height.
func (c *chartPanel) sized() *chart.Plot {
	if c.width <= 0 || c.Chart == nil {
		return c.Chart
	}
	p := *c.Chart
	w0, h0 := p.Width, p.Height
	if w0 == 0 {
		w0 = 640
	}
	if h0 == 0 {
		h0 = 360
	}
	p.Width = min(max(c.width, 300), 1400)
	p.Height = int(float64(h0) * max(0.75, min(1, float64(p.Width)/float64(w0))))
	return &p
}

func (c *chartPanel) Render() app.UI {
	id := "export-" + c.Name
	return app.Section().Class("panel").ID("panel-"+c.Name).Aria("label", c.Heading).Body(
		app.Div().Class("chart-head").Body(
			app.H2().Text(c.Heading),
			app.Div().Class("chart-tools").Body(
				app.Range(c.Extra).Slice(func(i int) app.UI { return c.Extra[i] }),
				app.Button().ID(id+"-svg").Class("small").Title("download the chart as SVG").Text("SVG").OnClick(c.saveSVG),
				app.Button().ID(id+"-png").Class("small").Title("download the chart as PNG").Text("PNG").OnClick(c.savePNG),
				app.If(c.CSVFunc != nil, func() app.UI {
					return app.Button().ID(id + "-csv").Class("small").Title("download the chart's data as CSV").Text("CSV").OnClick(c.saveCSV)
				}),
			),
		),
		app.Div().Class("chart").ID("chart-"+c.Name).
			OnMouseMove(c.onMove).
			OnMouseLeave(c.onLeave).
			Body(app.Raw(c.svg())),
		app.Div().Class("readout").Aria("live", "polite").Text(c.hover),
	)
}

// The handlers below are methods that read the panel's fields when the
// event happens. go-app keeps an element's first handler for as long as
// the new one is the same function (it compares code pointers, and every
// closure of one func literal shares its code), so a closure built in
// Render would keep the values of the first render: the chart from before
// the run. The mounted component is the one go-app updates in place, so
// its fields are always the current ones.

// svg is the chart as drawn now, at the panel's width.
func (c *chartPanel) svg() string { return c.sized().SVG() }

// fileName is the download's name without its extension.
func (c *chartPanel) fileName() string { return "overparam-" + c.Name }

func (c *chartPanel) saveSVG(ctx app.Context, e app.Event) {
	download(c.fileName()+".svg", "image/svg+xml", c.svg())
}

func (c *chartPanel) savePNG(ctx app.Context, e app.Event) { downloadPNG(c.fileName()+".png", c.svg()) }

func (c *chartPanel) saveCSV(ctx app.Context, e app.Event) {
	if c.CSVFunc != nil {
		download(c.fileName()+".csv", "text/csv", c.CSVFunc())
	}
}

func (c *chartPanel) onLeave(ctx app.Context, e app.Event) { c.hover = "" }

// onMove maps the pointer to the chart's x and shows the readout there.
func (c *chartPanel) onMove(ctx app.Context, e app.Event) {
	if c.ReadoutFunc == nil {
		ctx.PreventUpdate()
		return
	}
	rect := ctx.JSSrc().Call("getBoundingClientRect")
	w := rect.Get("width").Float()
	if w <= 0 {
		return
	}
	x, ok := c.sized().XAt((e.Get("clientX").Float() - rect.Get("left").Float()) / w)
	text := ""
	if ok {
		text = c.ReadoutFunc(x)
	}
	if text == c.hover {
		ctx.PreventUpdate()
		return
	}
	c.hover = text
}
