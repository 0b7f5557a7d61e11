package app

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// repDef describes the representations page.
var repDef = &experimentPage[representations.Spec]{
	path: PathRepresentations, name: representations.Name, worker: "worker-representations.wasm",
	defaults:    representations.Default,
	defaultsFor: representations.DefaultForQuery,
	presets:     repPresets,
	fields:      repFields,
	groups:      repGroups,
	relevant:    func(s *representations.Spec, key string) bool { return s.Uses(key) },
	// Switching the study loads its defaults: the networks differ.
	change: func(s *representations.Spec, key, value string) bool {
		if key != "model" || value == s.Model {
			return false
		}
		seed := s.Seed
		*s = representations.DefaultFor(value)
		s.Seed = seed
		return true
	},
	start: func(jobs Jobs, id int, spec representations.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, representations.Name, spec, spec.Points(), decodeRep, emit, now)
	},
	csv: func(r any) string { res, _ := r.(*representations.Result); return repCSV(res) },
}

func decodeRep(body string) (any, error) {
	var r representations.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage(representations.Name, repDef, func() app.Composer { return newRepresentationsPage() })
	registerThumbnails(representations.Name, repDef,
		func(_ preset, _ representations.Spec, res *representations.Result) string {
			var c *chart.Plot
			switch {
			case res.MHE != nil:
				c = energyPlot(res.MHE)
			case res.FoRDE != nil:
				c = cosinePlot(res.FoRDE)
			default:
				c = convergencePlot(res.SVCCA.Steps, res.SVCCA.Mean, Done)
			}
			return thumbnailSVG(c)
		})
}

// representationsPage looks inside networks as they train: each hidden
// layer's SVCCA similarity to its final representation (Raghu et al.
// 2017).
type representationsPage struct {
	app.Compo
	pageCore[representations.Spec]
	cache   partCache[representations.Point]
	azimuth float64 // the sphere's rotation about its vertical axis, degrees
}

func newRepresentationsPage() *representationsPage {
	return &representationsPage{pageCore: newPageCore(repDef)}
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *representationsPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *representationsPage) OnDismount() { p.stop() }

func (p *representationsPage) Render() app.UI {
	res, _ := p.state.Result.(*representations.Result)
	switch p.spec.Model { // the controls' study; a result of another is not drawn
	case "mhe":
		var m *representations.MHEResult
		if res != nil {
			m = res.MHE
		}
		return p.renderMHE(m)
	case "forde":
		var f *representations.FoRDEResult
		if res != nil {
			f = res.FoRDE
		}
		return p.renderFoRDE(f)
	}
	var sv *representations.SVCCAResult
	if res != nil {
		sv = res.SVCCA
	}
	// While the seeds run, the first finished network's curves show.
	var first *representations.SVCCAPoint
	steps, mean := []int(nil), [][]float64(nil)
	switch {
	case sv != nil:
		first, steps, mean = &sv.First, sv.Steps, sv.Mean
	default:
		for _, pt := range p.cache.of(p.state) {
			if pt.SVCCA != nil && (first == nil || pt.SVCCA.Seed < first.Seed) {
				first = pt.SVCCA
			}
		}
		if first != nil {
			steps = first.Steps
			for _, tr := range first.Layers {
				mean = append(mean, tr.Similarity)
			}
		}
	}
	return shell(PathRepresentations,
		p.header("Representations: networks converge bottom up",
			"Snapshot the hidden layers of a deep ReLU network on a fixed set of probe inputs while it trains, and compare each snapshot with the layer's final representation by SVCCA. "+
				"The first layer settles early; each deeper layer later (Raghu et al. 2017)."),
		p.layout(
			svccaSummary(sv),
			newChartPanel("convergence").Title("SVCCA similarity of each layer to its final self").
				Plot(convergencePlot(steps, mean, p.state.Status)).
				CSV(func() string { return convergenceCSV(steps, mean) }),
			newChartPanel("distance").Title("Distance travelled, by depth").
				Plot(distancePlot(sv)),
			svccaGrids(first),
			newChartPanel("rho").Title("Canonical correlations, initialisation vs final").
				Plot(rhoPlot(first)),
			newChartPanel("directions").Title("Directions that keep the variance").
				Plot(directionsPlot(first, p.ran.Variance)),
			app.Section().Class("panel").Body(app.P().Class("note").Text(
				"How SVCCA is computed here: each layer's activations on the probe points are centered, truncated to the fewest SVD directions that keep the chosen fraction of the variance, "+
					"and compared by CCA (orthonormal bases by Gram–Schmidt; the canonical correlations are the singular values of Q_xᵀQ_y). The similarity is the plain mean of all min(k_x, k_y) canonical correlations — "+
					"google/svcca's default instead drops the trailing ones that make up the last 2% of their sum.")),
			p.exportPanel(),
		),
	)
}

// svccaSummary shows how many seeds converge bottom up and the rank
// correlation of depth with convergence time.
func svccaSummary(r *representations.SVCCAResult) app.UI {
	if r == nil {
		return app.Div().Class("summary")
	}
	a := make([]string, len(r.MeanDistance))
	for i, d := range r.MeanDistance {
		a[i] = fmt.Sprintf("%.3f", d)
	}
	return app.Div().Class("summary").Body(
		stat("bottom-up", "networks converging bottom up", fmt.Sprintf("%d of %d", r.BottomUp, len(r.Distance)), true),
		stat("distance", "mean distance 1 − SVCCA, layer 1 → L", strings.Join(a, ", "), false),
		stat("spearman", "Spearman(depth, t₉₀)", fmt.Sprintf("%.2f", r.Spearman), false),
		stat("accuracy", "final batch accuracy (first network)", fmt.Sprintf("%.1f%%", 100*r.First.Accuracy[len(r.First.Accuracy)-1]), false),
	)
}

// convergencePlot draws each layer's similarity to its final self against
// the SGD step.
func convergencePlot(steps []int, mean [][]float64, status Status) *chart.Plot {
	c := &chart.Plot{Title: "SVCCA(h_{l}(t), h_{l}(T)), mean over networks", X: chart.Axis{Label: "SGD step t"},
		Y: chart.Axis{Label: "SVCCA similarity (mean canonical correlation)", Max: 1}, Legend: true, Height: 320, Note: "press Run"}
	if status == Running {
		c.Note = "training…"
	}
	x := make([]float64, len(steps))
	for i, s := range steps {
		x[i] = float64(s)
	}
	for l, y := range mean {
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("layer %d", l+1), X: x, Y: y, Class: fmt.Sprintf("c%d", l%8), Width: 2})
	}
	return c
}

// distancePlot draws A_l, the mean of 1 − SVCCA over training, against
// depth: one dot per network and the mean.
func distancePlot(r *representations.SVCCAResult) *chart.Plot {
	c := &chart.Plot{Title: "A_{l} = mean over snapshots of 1 − SVCCA", X: chart.Axis{Label: "hidden layer l (1 = nearest the input)", Format: wholeTicks},
		Y: chart.Axis{Label: "distance from the final representation"}, Legend: true, Height: 260, Note: "computed when every network is done"}
	if r == nil {
		return c
	}
	depth := make([]float64, len(r.MeanDistance))
	for i := range depth {
		depth[i] = float64(i + 1)
	}
	for k, d := range r.Distance {
		name := ""
		if k == 0 {
			name = "each network"
		}
		c.Series = append(c.Series, chart.Series{Name: name, X: depth, Y: d, Style: chart.Points, Class: "muted", Width: 6})
	}
	c.Series = append(c.Series, chart.Series{Name: "mean", X: depth, Y: r.MeanDistance, Class: "c0", Width: 2})
	return c
}

// rhoPlot draws each layer's canonical correlations between its
// representation at initialisation and its final one, against their rank,
// with the level of independent representations.
func rhoPlot(p *representations.SVCCAPoint) *chart.Plot {
	c := &chart.Plot{Title: "Sorted canonical correlations ρ_{i}, step 0 vs final (first network)", X: chart.Axis{Label: "index i"},
		Y: chart.Axis{Label: "canonical correlation ρ_{i}", Min: 0, Max: 1}, Legend: true, Height: 280, Note: "computed when a network is done"}
	if p == nil {
		return c
	}
	for l, tr := range p.Layers {
		x := make([]float64, len(tr.Rho))
		for i := range x {
			x[i] = float64(i + 1)
		}
		c.Series = append(c.Series, chart.Series{Name: fmt.Sprintf("layer %d", l+1), X: x, Y: tr.Rho, Class: fmt.Sprintf("c%d", l%8)})
		if l == 0 && len(x) > 0 {
			null := []float64{tr.Null, tr.Null}
			c.Series = append(c.Series, chart.Series{Name: "independent: √(max(p, q)/(N−1))", X: []float64{1, x[len(x)-1]}, Y: null, Class: "muted", Dashed: true})
		}
	}
	return c
}

// directionsPlot draws how many SVD directions keep the variance fraction,
// against the layer's width.
func directionsPlot(p *representations.SVCCAPoint, variance float64) *chart.Plot {
	c := &chart.Plot{Title: fmt.Sprintf("SVD directions keeping %.3g%% of the final variance (first network)", 100*variance),
		X: chart.Axis{Label: "hidden layer l", Format: wholeTicks}, Y: chart.Axis{Label: "directions (neurons)", Min: 0}, Legend: true, Height: 240, Note: "computed when a network is done"}
	if p == nil {
		return c
	}
	var edges, k, w []float64
	for l, tr := range p.Layers {
		edges = append(edges, float64(l)+0.55)
		k, w = append(k, float64(tr.Directions)), append(w, float64(tr.Neurons))
	}
	edges = append(edges, float64(len(p.Layers))+0.55)
	c.Series = []chart.Series{{Name: "directions kept", X: edges, Y: k, Style: chart.Bars, Class: "c1"}}
	mid := make([]float64, len(w))
	for i := range mid {
		mid[i] = float64(i) + 1.05
	}
	c.Series = append(c.Series, chart.Series{Name: "neurons", X: mid, Y: w, Style: chart.Points, Class: "muted", Width: 7})
	return c
}

// wholeTicks labels the whole-numbered ticks of a layer axis only.
func wholeTicks(x float64) string {
	if x != float64(int(x)) {
		return ""
	}
	return strconv.Itoa(int(x))
}

// svccaGrids shows the layer × layer similarity at a few times as tables
// shaded by value: row i at step t against column j at the end (one HTML
// string: fewer go-app nodes to build for a table of numbers).
func svccaGrids(p *representations.SVCCAPoint) app.UI {
	if p == nil {
		return app.Div()
	}
	var b strings.Builder
	b.WriteString(`<div class="table-scroll">`)
	for _, grid := range p.Grids {
		fmt.Fprintf(&b, `<table class="grid"><thead><tr><th>t = %d</th>`, grid.Step)
		for j := range grid.Sim {
			fmt.Fprintf(&b, `<th>final %d</th>`, j+1)
		}
		b.WriteString(`</tr></thead><tbody>`)
		for i, row := range grid.Sim {
			fmt.Fprintf(&b, `<tr><th>layer %d</th>`, i+1)
			for _, v := range row {
				fmt.Fprintf(&b, `<td style="background:rgba(37,99,235,%.2f)">%.2f</td>`, v*v*0.8, v)
			}
			b.WriteString(`</tr>`)
		}
		b.WriteString(`</tbody></table>`)
	}
	b.WriteString(`</div>`)
	return app.Section().Class("panel").ID("grids").Body(
		app.H2().Text("Layer × layer: SVCCA(h_i(t), h_j(T)), first network"),
		app.Raw(b.String()),
	)
}

// convergenceCSV writes the similarity curves.
func convergenceCSV(steps []int, mean [][]float64) string {
	var b strings.Builder
	b.WriteString("layer,step,similarity\n")
	for l, y := range mean {
		for t, v := range y {
			b.WriteString(strconv.Itoa(l+1) + "," + strconv.Itoa(steps[t]) + "," + csvNum(v) + "\n")
		}
	}
	return b.String()
}

// repCSV is a result as one long table: the mean similarity curves, then
// each network's distance and t90 per layer.
func repCSV(r *representations.Result) string {
	var b strings.Builder
	if r != nil && r.MHE != nil {
		return mheCSV(r)
	}
	if r != nil && r.FoRDE != nil {
		return fordeCSV(r)
	}
	b.WriteString("quantity,network,layer,step,value\n")
	if r == nil || r.SVCCA == nil {
		return b.String()
	}
	sv := r.SVCCA
	for l, y := range sv.Mean {
		for t, v := range y {
			b.WriteString("similarity,mean," + strconv.Itoa(l+1) + "," + strconv.Itoa(sv.Steps[t]) + "," + csvNum(v) + "\n")
		}
	}
	for k, d := range sv.Distance {
		seed := strconv.FormatUint(r.Spec.Seed+uint64(k), 10)
		for l := range d {
			b.WriteString("distance," + seed + "," + strconv.Itoa(l+1) + ",," + csvNum(d[l]) + "\n")
			b.WriteString("t90," + seed + "," + strconv.Itoa(l+1) + ",," + strconv.Itoa(sv.T90[k][l]) + "\n")
		}
	}
	return b.String()
}
