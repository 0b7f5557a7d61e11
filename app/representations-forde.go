package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// renderFoRDE is the page of model forde: the two ensembles' input-
// gradient cosines and accuracies, and maps of the plane.
func (p *representationsPage) renderFoRDE(f *representations.FoRDEResult) app.UI {
	return shell(PathRepresentations,
		p.header("Representations: ensembles that differ in input-gradient space (FoRDE)",
			"Train an ensemble twice from the same starts and batches: as a plain deep ensemble, and with FoRDE's repulsion between the members' normalised input gradients (Trinh et al. 2024). "+
				"At the same accuracy the members' gradients turn apart, and the ensemble disagrees more away from the data."),
		p.layout(
			fordeSummary(f),
			newChartPanel("cosine").Title("How alike the members' input gradients are").
				Plot(cosinePlot(f)).CSV(func() string { return fordeCSV(&representations.Result{Spec: p.ran, FoRDE: f}) }),
			fordeMaps(f),
			app.Section().Class("panel").Body(app.P().Class("note").Text(
				"Each member i descends its mean batch cross-entropy plus ρ·R_i, R_i = log Σ_{j,b} exp(−‖ŝ_i(x_b) − ŝ_j(x_b)‖²/h_b) − log B, where ŝ_j(x) is member j's input gradient of the true class's logit, normalised to unit length, "+
					"h_jb the median over members of the squared distances to ŝ_j(x_b) over log M (train_forde.py's bandwidth; its weight is ρ = 1/B, the default), and the other members held fixed; the gradient through ŝ_i is exact (double backpropagation). "+
					"Mutual information H[p̄] − mean H[p_m] is the members' disagreement, in nats.")),
			p.exportPanel(),
		),
	)
}

// fordeSummary shows the two ensembles side by side.
func fordeSummary(f *representations.FoRDEResult) app.UI {
	if f == nil {
		return app.Div().Class("summary")
	}
	return app.Div().Class("summary").Body(
		stat("cosine", "input-gradient cosine, ensemble → FoRDE", fmt.Sprintf("%.3f → %.3f", f.DE.Cosine, f.FoRDE.Cosine), true),
		stat("reduction", "lower by", fmt.Sprintf("%.0f%%", 100*f.Reduction), false),
		stat("accuracy", "test accuracy", fmt.Sprintf("%.1f%% → %.1f%%", 100*f.DE.Accuracy, 100*f.FoRDE.Accuracy), false),
		stat("ood", "mutual information off the data (nats)", fmt.Sprintf("%.4f → %.4f", f.DE.OOD, f.FoRDE.OOD), false),
	)
}

// cosinePlot draws each seed's mean input-gradient cosine for both
// ensembles as bars.
func cosinePlot(f *representations.FoRDEResult) *chart.Plot {
	c := &chart.Plot{Title: "Mean pairwise cosine of members' input gradients on the training points", X: chart.Axis{Label: "seed (left bar: deep ensemble, right: FoRDE)", Format: wholeTicks},
		Y: chart.Axis{Label: "cosine"}, Legend: true, Height: 260, Note: "press Run"}
	if f == nil {
		return c
	}
	for k, name := range []string{"deep ensemble", "FoRDE"} {
		vals := f.DE.Cosines
		if k == 1 {
			vals = f.FoRDE.Cosines
		}
		// Bars fill contiguous bins: a missing (NaN) bin between seeds.
		var x, y []float64
		for i, v := range vals {
			left := float64(i+1) - 0.4 + 0.4*float64(k)
			x = append(x, left, left+0.4)
			y = append(y, v, math.NaN())
		}
		c.Series = append(c.Series, chart.Series{Name: name, X: append(x, x[len(x)-1]+0.2), Y: y, Style: chart.Bars, Class: fmt.Sprintf("c%d", k)})
	}
	return c
}

// fordeMaps draws the first seed's ensembles over the plane: entropy and
// mutual information, and each member's decisions.
func fordeMaps(f *representations.FoRDEResult) app.UI {
	if f == nil || len(f.MapDE.Entropy) == 0 {
		return app.Div()
	}
	row := func(title string, m *representations.EnsembleMap) app.UI {
		maps := []app.UI{
			app.Raw(heatmapSVG(m.Entropy, m.Extent, f.Points, "predictive entropy")),
			app.Raw(heatmapSVG(m.Mutual, m.Extent, f.Points, "mutual information")),
		}
		for j, d := range m.Decisions {
			maps = append(maps, app.Raw(decisionSVG(d, m.Extent, fmt.Sprintf("member %d", j+1))))
		}
		return app.Div().Body(app.H3().Text(title), app.Div().Class("maps").Style("display", "flex").Style("flex-wrap", "wrap").Style("gap", "0.5rem").Body(maps...))
	}
	return app.Section().Class("panel").ID("maps").Body(
		app.H2().Text("Over the plane (first seed): uncertainty and each member's decisions"),
		row("Deep ensemble", &f.MapDE),
		row("FoRDE", &f.MapFoRDE),
		app.P().Class("note").Text("Darker is larger (each map scaled to its own maximum, in nats); dots are the training points. The members' maps colour each point by the class it predicts."),
	)
}

// mapPixels is the drawn size of a map.
const mapPixels = 160

// gridSVG opens a map's SVG and draws each cell with fill(i).
func gridSVG(b *strings.Builder, n int, title string, fill func(i int) string) {
	cell := float64(mapPixels) / float64(n)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="map" width="%d" height="%d" viewBox="0 0 %d %d" role="img" aria-label="%s"><title>%s</title>`,
		mapPixels, mapPixels+18, mapPixels, mapPixels+18, title, title)
	for r := range n {
		for q := range n {
			fmt.Fprintf(b, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" %s/>`, float64(q)*cell, float64(n-1-r)*cell, cell+0.05, cell+0.05, fill(r*n+q))
		}
	}
	fmt.Fprintf(b, `<text x="%d" y="%d" text-anchor="middle" fill="currentColor" font-size="12">%s</text>`, mapPixels/2, mapPixels+14, title)
}

// heatmapSVG draws values on the grid, darker for larger, with the
// training points (x, y, label triples) as dots.
func heatmapSVG(v []float64, extent float64, points []float64, title string) string {
	var b strings.Builder
	top := 0.0
	for _, x := range v {
		top = max(top, x)
	}
	if top == 0 {
		top = 1
	}
	gridSVG(&b, representations.GridSize, title, func(i int) string {
		return fmt.Sprintf(`fill="var(--chart-c0, #2563eb)" fill-opacity="%.3f"`, 0.9*v[i]/top)
	})
	for i := 0; i+2 < len(points); i += 3 {
		x := (points[i] + extent) / (2 * extent) * mapPixels
		y := (extent - points[i+1]) / (2 * extent) * mapPixels
		fmt.Fprintf(&b, `<circle cx="%.1f" cy="%.1f" r="1.3" fill="currentColor" fill-opacity="0.6"/>`, x, y)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// okabeIto are the chart colours c0…c7 in light mode (app/chart's
// documentation), the fallback where the page defines no --chart-c….
var okabeIto = [8]string{"#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#000000", "#f0e442"}

// decisionSVG colours each grid cell by the class a member predicts.
func decisionSVG(d []int, extent float64, title string) string {
	var b strings.Builder
	gridSVG(&b, representations.GridSize, title, func(i int) string {
		return fmt.Sprintf(`fill="var(--chart-c%d, %s)" fill-opacity="0.55"`, d[i]%8, okabeIto[d[i]%8])
	})
	b.WriteString(`</svg>`)
	return b.String()
}

// fordeCSV writes both ensembles' statistics per seed.
func fordeCSV(r *representations.Result) string {
	var b strings.Builder
	b.WriteString("method,seed,accuracy,cosine\n")
	f := r.FoRDE
	if f == nil {
		return b.String()
	}
	for _, m := range []struct {
		name string
		st   representations.EnsembleStats
	}{{"de", f.DE}, {"forde", f.FoRDE}} {
		for k := range m.st.Cosines {
			fmt.Fprintf(&b, "%s,%d,%s,%s\n", m.name, r.Spec.Seed+uint64(k), csvNum(m.st.Accuracies[k]), csvNum(m.st.Cosines[k]))
		}
		fmt.Fprintf(&b, "%s,mean,%s,%s\n", m.name, csvNum(m.st.Accuracy), csvNum(m.st.Cosine))
	}
	return b.String()
}
