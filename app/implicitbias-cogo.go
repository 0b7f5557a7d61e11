package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// ibCogoRuns returns the points of a finished CoGO result, or those
// finished so far, in the spec's order.
func ibCogoRuns(res *implicitbias.Result, parts map[int]*implicitbias.Point, spec implicitbias.Spec) []implicitbias.CogoRun {
	if res != nil && res.Cogo != nil {
		return res.Cogo.Runs
	}
	var out []implicitbias.CogoRun
	for i := range spec.Points() {
		if pt, ok := parts[i]; ok && pt.Cogo != nil {
			out = append(out, *pt.Cogo)
		}
	}
	return out
}

// ibCogoAnalysed is the first repeat of the largest width finished, the
// network whose weights the page draws.
func ibCogoAnalysed(runs []implicitbias.CogoRun) *implicitbias.CogoRun {
	var best *implicitbias.CogoRun
	for i := range runs {
		if best == nil || runs[i].Width > best.Width {
			best = &runs[i]
		}
	}
	return best
}

// ibCogoPanels are CoGO's charts: the Fourier magnitudes by node, the
// nodes per frequency, the potentials r_kkk·2d, and loss against width.
func ibCogoPanels(res *implicitbias.Result, runs []implicitbias.CogoRun, spec implicitbias.Spec, status Status) []app.UI {
	a := ibCogoAnalysed(runs)
	return []app.UI{
		ibCogoSummary(res, a),
		newChartPanel("ib-cogo-fourier").Title("First-layer weights in the Fourier basis: each node lives on one frequency").
			Plot(ibCogoFourierPlot(a, status)),
		newChartPanel("ib-cogo-orders").Title("Nodes per frequency (the order of the solution)").
			Plot(ibCogoOrdersPlot(runs)),
		newChartPanel("ib-cogo-r").Title("The potentials r_kkk·2d, exactly 1 at zero loss").
			Plot(ibCogoRPlot(runs)),
		newChartPanel("ib-cogo-width").Title("Loss and test accuracy against width: over-parameterization helps").
			Plot(ibCogoWidthPlot(runs, spec)).
			CSV(func() string { return ibCogoCSV(runs) }),
	}
}

// ibCogoFourierPlot is the heatmap of |Â_jk|: frequency k = 0 … (d−1)/2
// up, hidden node j across, nodes sorted by dominant frequency.
func ibCogoFourierPlot(a *implicitbias.CogoRun, status Status) *chart.Plot {
	c := &chart.Plot{Title: "|Â_{jk}| by node j (sorted by dominant frequency) and frequency k", X: chart.Axis{Label: "hidden node j (sorted by dominant frequency)"},
		Y: chart.Axis{Label: "frequency k"}, Height: 300, Note: "press Run"}
	if status == Running {
		c.Note = "the widths stream in as they finish…"
	}
	if a == nil || len(a.Magnitude) == 0 {
		return c
	}
	c.Title = fmt.Sprintf("h = %d, repeat %d: |Â_{jk}| by node j (sorted by dominant frequency) and frequency k", a.Width, a.Repeat+1)
	nodes, freqs := len(a.Magnitude), len(a.Magnitude[0])
	h := &chart.Heatmap{X: make([]float64, nodes+1), Y: make([]float64, freqs+1), Z: make([][]float64, freqs), Label: "|Â_{jk}|"}
	for j := range h.X {
		h.X[j] = float64(j) + 0.5
	}
	for k := range h.Y {
		h.Y[k] = float64(k) - 0.5
	}
	for k := range h.Z {
		h.Z[k] = make([]float64, nodes)
		for j, row := range a.Magnitude {
			h.Z[k][j] = row[k]
			h.Max = max(h.Max, row[k]) // the scale starts at 0, a node without weight
		}
	}
	c.Heat, c.X.Min, c.X.Max, c.Y.Min, c.Y.Max = h, 0.5, float64(nodes)+0.5, -0.5, float64(freqs)-0.5
	return c
}

func ibCogoOrdersPlot(runs []implicitbias.CogoRun) *chart.Plot {
	c := &chart.Plot{Title: "nodes per frequency, largest width", X: chart.Axis{Label: "frequency k"}, Y: chart.Axis{Label: "nodes (order)", Min: 0},
		Legend: true, Height: 260, Note: "computed with the run"}
	a := ibCogoAnalysed(runs)
	if a == nil {
		return c
	}
	for i := range runs {
		r := &runs[i]
		if r.Width != a.Width {
			continue
		}
		x, y := make([]float64, len(r.Orders)), make([]float64, len(r.Orders))
		for k, o := range r.Orders {
			x[k], y[k] = float64(k+1)+0.1*float64(r.Repeat), float64(o)
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("repeat %d", r.Repeat+1), X: x, Y: y, Style: chart.Points, Class: fmt.Sprintf("c%d", r.Repeat%8), Width: 8})
	}
	return c
}

func ibCogoRPlot(runs []implicitbias.CogoRun) *chart.Plot {
	c := &chart.Plot{Title: "|r_kkk|·2d by frequency and width, beside the potentials that must vanish", X: chart.Axis{Label: "frequency k"}, Y: chart.Axis{Label: "potential ·2d", Min: 0},
		Legend: true, Height: 260, Note: "computed with the run"}
	widths := map[int]int{}
	for i := range runs {
		r := &runs[i]
		if _, ok := widths[r.Width]; !ok {
			widths[r.Width] = len(widths)
		}
		x := make([]float64, len(r.Rkkk))
		for k := range x {
			x[k] = float64(k + 1)
		}
		name := ""
		if r.Repeat == 0 {
			name = fmt.Sprintf("h = %d", r.Width)
		}
		c.Series = append(c.Series, chart.Series{Name: name, X: x, Y: r.Rkkk, Style: chart.Points, Class: fmt.Sprintf("c%d", widths[r.Width]%8), Width: 7})
		if r.Width == runs[len(runs)-1].Width && len(r.RaacK) == len(x) {
			vn := ""
			if r.Repeat == 0 {
				vn = fmt.Sprintf("a·a·c, b·b·c ·2d (must vanish), h = %d", r.Width)
			}
			c.Series = append(c.Series, chart.Series{Name: vn, X: x, Y: r.RaacK, Style: chart.Points, Class: "accent", Width: 5})
		}
	}
	if len(runs) > 0 {
		k := len(runs[0].Rkkk)
		c.Series = append(c.Series, chart.Series{Name: "exact value at zero loss", X: []float64{1, float64(k)}, Y: []float64{1, 1}, Class: "muted", Dashed: true})
	}
	return c
}

func ibCogoWidthPlot(runs []implicitbias.CogoRun, spec implicitbias.Spec) *chart.Plot {
	c := &chart.Plot{Title: "final training loss (left) and test accuracy (right)", X: chart.Axis{Label: "hidden width h", Log: true}, Y: chart.Axis{Label: "loss", Log: true},
		Y2: chart.Axis{Label: "test accuracy", Min: 0, Max: 1}, Legend: true, Height: 280, Note: "computed with the run"}
	var x, loss, acc []float64
	for _, r := range runs {
		x, loss, acc = append(x, float64(r.Width)), append(loss, r.FinalLoss), append(acc, r.TestAcc)
	}
	if len(x) > 0 {
		c.Series = []chart.Series{
			{Name: "loss (each repeat)", X: x, Y: loss, Style: chart.Points, Class: "c0", Width: 8},
			{Name: "test accuracy", X: x, Y: acc, Style: chart.Points, Class: "c1", Width: 6, Right: true},
		}
		k := (spec.Modulus - 1) / 2
		c.VLines = []chart.VLine{{X: float64(4 * k), Label: "4K", Dashed: true}, {X: float64(8 * k), Label: "8K", Dashed: true}}
	}
	return c
}

func ibCogoSummary(res *implicitbias.Result, a *implicitbias.CogoRun) app.UI {
	if res == nil || res.Cogo == nil || a == nil {
		return app.Div().Class("summary")
	}
	lo, hi := 1e300, -1e300
	for _, v := range a.Rkkk {
		lo, hi = min(lo, v), max(hi, v)
	}
	return app.Div().Class("summary").Body(
		stat("orders", fmt.Sprintf("frequencies with 4 or 6 nodes at h = %d", a.Width), fmt.Sprintf("%.0f%%", 100*res.Cogo.OrderShare), true),
		stat("rkkk", "r_kkk·2d (exactly 1 at zero loss)", fmt.Sprintf("%.3f–%.3f", lo, hi), true),
		stat("raac", "largest a·a·c, b·b·c potential ·2d (must vanish)", fmt.Sprintf("%.2g", a.Raac), false),
		stat("raac-all", "largest A², B² coefficient ·2d (all frequencies)", fmt.Sprintf("%.2g", a.RaacAll), false),
		stat("cogo-loss", "loss, test accuracy", fmt.Sprintf("%.2g, %.3f", a.FinalLoss, a.TestAcc), false),
	)
}

// ibCogoCSV is the CoGO points as a table: a row per width and repeat.
func ibCogoCSV(runs []implicitbias.CogoRun) string {
	var b strings.Builder
	b.WriteString("width,repeat,final_loss,train_acc,test_acc,active,raac,raac_all,energy,orders,rkkk\n")
	for _, r := range runs {
		ord, rk := make([]string, len(r.Orders)), make([]string, len(r.Rkkk))
		for k := range r.Orders {
			ord[k] = strconv.Itoa(r.Orders[k])
		}
		for k := range r.Rkkk {
			rk[k] = csvNum(r.Rkkk[k])
		}
		b.WriteString(strings.Join([]string{strconv.Itoa(r.Width), strconv.Itoa(r.Repeat + 1), csvNum(r.FinalLoss), csvNum(r.TrainAcc), csvNum(r.TestAcc),
			strconv.Itoa(r.Active), csvNum(r.Raac), csvNum(r.RaacAll), csvNum(r.Energy), csvText(strings.Join(ord, " ")), csvText(strings.Join(rk, " "))}, ",") + "\n")
	}
	return b.String()
}
