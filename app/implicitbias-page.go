package app

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// ibDef describes the implicit-bias page.
var ibDef = &experimentPage[implicitbias.Spec]{
	path: PathImplicitBias, name: "implicitbias", worker: "worker-implicitbias.wasm",
	defaults: implicitbias.Default,
	presets:  ibPresets,
	fields:   ibFields,
	groups:   ibGroups,
	relevant: func(s *implicitbias.Spec, key string) bool { return s.Uses(key) },
	start: func(jobs Jobs, id int, spec implicitbias.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "implicitbias", spec, spec.Points(), decodeIB, emit, now)
	},
	csv: func(r any) string {
		res, _ := r.(*implicitbias.Result)
		if res != nil && res.SSM != nil {
			return ibSSMCSV(res.SSM.Runs)
		}
		if res != nil && res.Cogo != nil {
			return ibCogoCSV(res.Cogo.Runs)
		}
		return ibCSV(ibSeeds(res, nil))
	},
}

func decodeIB(body string) (any, error) {
	var r implicitbias.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

func init() {
	registerPage("implicitbias", ibDef, func() app.Composer { return newImplicitBiasPage() })
	registerThumbnails("implicitbias", ibDef,
		func(_ preset, spec implicitbias.Spec, res *implicitbias.Result) string {
			c := ibCorrPlot(ibSeeds(res, nil), Done)
			if res.SSM != nil {
				c = ibSSMWPlot(res.SSM.Runs, spec, Done)
			}
			if res.Cogo != nil {
				c = ibCogoFourierPlot(ibCogoAnalysed(res.Cogo.Runs), Done)
			}
			return thumbnailSVG(c)
		})
}

// implicitBiasPage shows where gradient descent goes: one-layer attention
// turning towards the max-margin SVM of the tokens it selects
// (Tarzanagh et al. 2023).
type implicitBiasPage struct {
	app.Compo
	pageCore[implicitbias.Spec]
	cache partCache[implicitbias.Point]
}

func newImplicitBiasPage() *implicitBiasPage {
	return &implicitBiasPage{pageCore: newPageCore(ibDef)}
}

// OnNav reads the link into the controls and runs it when it is valid.
func (p *implicitBiasPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *implicitBiasPage) OnDismount() { p.stop() }

func (p *implicitBiasPage) Render() app.UI {
	res, _ := p.state.Result.(*implicitbias.Result)
	parts := p.cache.of(p.state)
	spec := p.ran
	if spec.Model == "" { // nothing ran yet: the controls' model
		spec = p.spec
	}
	var results []app.UI
	title, lede := "Where gradient descent goes: attention selects tokens by a max-margin SVM",
		"Train one-layer attention f(X) = vᵀXᵀsoftmax(XWz) by normalized gradient descent. Its weights grow without bound, but their direction converges to the max-margin SVM that separates the tokens it selects — "+
			"the Frobenius-norm SVM for W, and for the over-parameterized W = KQᵀ the nuclear-norm SVM, a solution of lower rank."
	if spec.Model == "ssm" {
		title, lede = "Where gradient descent goes: over-parameterized state-space models learn faster",
			"A linear SSM with N latent states learns a teacher's impulse response by gradient descent. In the frequency domain its loss depends on w = c·b alone, and its learning follows the logistic curve of a two-layer linear network: "+
				"more states, from the same per-state scale, escape the initial saddle sooner."
		results = ibSSMPanels(res, ibSSMRuns(res, parts, spec), spec, p.state.Status)
	} else if spec.Model == "cogo" {
		title, lede = "Where gradient descent goes: modular addition finds algebraic solutions",
			"A two-layer network with quadratic activation learns a + b mod d. In the Fourier basis its loss decouples by frequency, and Adam with weight decay finds the low-order global optima that Tian's algebra composes: "+
				"each hidden node lives on one frequency, 4 or 6 nodes per frequency, with the potential r_kkk at its exact value 1/(2d). Narrow networks fail; wide ones find them."
		results = ibCogoPanels(res, ibCogoRuns(res, parts, spec), spec, p.state.Status)
	} else {
		seeds := ibSeeds(res, parts)
		results = []app.UI{
			ibSummary(res),
			newChartPanel("ib-corr").Title("Direction of the weights against the SVM solutions").
				Plot(ibCorrPlot(seeds, p.state.Status)).
				CSV(func() string { return ibCSV(seeds) }),
			newChartPanel("ib-singular").Title("Singular values of the two SVM solutions (first seed)").
				Plot(ibSingularPlot(seeds)),
			newChartPanel("ib-prob").Title("Attention on the selected tokens").
				Plot(ibSeriesPlot(seeds, "mean largest softmax probability", false, func(a *implicitbias.AttentionSeed) ([]float64, []float64) { return a.ProbW, a.ProbKQ })),
			newChartPanel("ib-norm").Title("Norm of the weights: W grows linearly; KQᵀ levels off where the recipe's tiny ridge ε(‖K‖² + ‖Q‖²) matches the vanishing loss gradient").
				Plot(ibSeriesPlot(seeds, "‖W‖_{F}, ‖KQᵀ‖_{F}", true, func(a *implicitbias.AttentionSeed) ([]float64, []float64) { return a.NormW, a.NormKQ })),
			ibTable(seeds),
		}
	}
	return shell(PathImplicitBias, p.header(title, lede), p.layout(append(results, p.exportPanel())...))
}

// ibSeeds returns the seeds of a finished result, or those finished so far.
func ibSeeds(res *implicitbias.Result, parts map[int]*implicitbias.Point) []implicitbias.AttentionSeed {
	if res != nil && res.Attention != nil {
		return res.Attention.Seeds
	}
	var out []implicitbias.AttentionSeed
	for i := 0; i < len(parts)+64 && len(out) < len(parts); i++ {
		if pt, ok := parts[i]; ok && pt.Attention != nil {
			out = append(out, *pt.Attention)
		}
	}
	return out
}

// ibMean returns the step axis and the mean over seeds of the series get
// picks.
func ibMean(seeds []implicitbias.AttentionSeed, get func(*implicitbias.AttentionSeed) []float64) (x, y []float64) {
	if len(seeds) == 0 {
		return nil, nil
	}
	x, y = make([]float64, len(seeds[0].Iters)), make([]float64, len(seeds[0].Iters))
	for c, s := range seeds[0].Iters {
		x[c] = float64(s)
	}
	for i := range seeds {
		for c, v := range get(&seeds[i]) {
			if c < len(y) {
				y[c] += v / float64(len(seeds))
			}
		}
	}
	return x, y
}

// ibCorrPlot draws corr(W_t, W^mm_F) and corr((KQᵀ)_t, W^mm_*) against the
// step, means over seeds, with the crossed correlations dashed.
func ibCorrPlot(seeds []implicitbias.AttentionSeed, status Status) *chart.Plot {
	c := &chart.Plot{Title: "corr = ⟨A, B⟩/(‖A‖‖B‖), seed mean", X: chart.Axis{Label: "normalized-GD steps", Log: true},
		Y: chart.Axis{Label: "correlation", Min: 0, Max: 1}, Legend: true, Height: 340, Note: "press Run"}
	if status == Running {
		c.Note = "the seeds stream in as they finish…"
	}
	if len(seeds) == 0 {
		return c
	}
	for _, s := range []struct {
		name   string
		class  string
		dashed bool
		get    func(*implicitbias.AttentionSeed) []float64
	}{
		{"W → W^mm_{F} (Frobenius SVM)", "c0", false, func(a *implicitbias.AttentionSeed) []float64 { return a.CorrW }},
		{"KQᵀ → W^mm_{*} (nuclear-norm SVM)", "c1", false, func(a *implicitbias.AttentionSeed) []float64 { return a.CorrKQ }},
		{"W vs W^mm_{*} (crossed)", "c0", true, func(a *implicitbias.AttentionSeed) []float64 { return a.CrossW }},
		{"KQᵀ vs W^mm_{F} (crossed)", "c1", true, func(a *implicitbias.AttentionSeed) []float64 { return a.CrossKQ }},
	} {
		x, y := ibMean(seeds, s.get)
		c.Series = append(c.Series, chart.Series{Name: s.name, X: x, Y: y, Class: s.class, Dashed: s.dashed, Width: 2})
	}
	return c
}

// ibSeriesPlot draws one series of W (solid) and of KQᵀ (dashed) per seed
// against the step.
func ibSeriesPlot(seeds []implicitbias.AttentionSeed, label string, linear bool, get func(*implicitbias.AttentionSeed) ([]float64, []float64)) *chart.Plot {
	c := &chart.Plot{Title: "every seed", X: chart.Axis{Label: "normalized-GD steps", Log: !linear}, Y: chart.Axis{Label: label},
		Legend: true, Height: 260, Note: "computed with the run"}
	for i := range seeds {
		x := make([]float64, len(seeds[i].Iters))
		for c, s := range seeds[i].Iters {
			x[c] = float64(s)
		}
		w, kq := get(&seeds[i])
		nw, nk := "", ""
		if i == 0 {
			nw, nk = "W", "KQᵀ"
		}
		c.Series = append(c.Series, chart.Series{Name: nw, X: x, Y: w, Class: "c0", Width: 1}, chart.Series{Name: nk, X: x, Y: kq, Class: "c1", Dashed: true, Width: 1})
	}
	return c
}

// ibSingularPlot draws the singular values of the first seed's two SVM
// solutions, normalised by the largest: the nuclear-norm one has fewer.
func ibSingularPlot(seeds []implicitbias.AttentionSeed) *chart.Plot {
	c := &chart.Plot{Title: "σ_{j}/σ_{1}", X: chart.Axis{Label: "index j"}, Y: chart.Axis{Label: "singular value / largest", Min: 0, Max: 1},
		Legend: true, Height: 260, Note: "computed with the run"}
	if len(seeds) == 0 {
		return c
	}
	a := seeds[0]
	for _, s := range []struct {
		name, class string
		sol         implicitbias.SVMSolution
	}{{"W^mm_{F}", "c0", a.Fro}, {"W^mm_{*}", "c1", a.Nuc}} {
		x, y := make([]float64, len(s.sol.Singular)), make([]float64, len(s.sol.Singular))
		for j, v := range s.sol.Singular {
			x[j], y[j] = float64(j+1), v/s.sol.Singular[0]
		}
		name := fmt.Sprintf("%s (rank %d)", s.name, s.sol.Rank)
		c.Series = append(c.Series, chart.Series{X: x, Y: y, Class: s.class, Width: 1}, chart.Series{Name: name, X: x, Y: y, Style: chart.Points, Class: s.class, Width: 7})
	}
	return c
}

// ibSummary shows the final correlations and the seed counts the paper's
// claims are about.
func ibSummary(res *implicitbias.Result) app.UI {
	if res == nil || res.Attention == nil || len(res.Attention.Iters) == 0 {
		return app.Div().Class("summary")
	}
	a := res.Attention
	last := len(a.Iters) - 1
	n := len(a.Seeds)
	return app.Div().Class("summary").Body(
		stat("corr-w", fmt.Sprintf("corr(W, W^mm_F) after %d steps (mean, min)", a.Iters[last]), fmt.Sprintf("%.4f, %.4f", a.MeanCorrW[last], a.MinCorrW), true),
		stat("corr-kq", "corr(KQᵀ, W^mm_*) (mean, min)", fmt.Sprintf("%.4f, %.4f", a.MeanCorrKQ[last], a.MinCorrKQ), true),
		stat("separated", fmt.Sprintf("seeds whose matched corr beats the crossed by %g", implicitbias.SeparationMargin), fmt.Sprintf("%d of %d", a.Separated, n), false),
		stat("lower-rank", "seeds with rank(W^mm_*) < rank(W^mm_F)", fmt.Sprintf("%d of %d", a.LowerRank, n), false),
	)
}

// ibTable lists every seed's final state and certificates.
func ibTable(seeds []implicitbias.AttentionSeed) app.UI {
	if len(seeds) == 0 {
		return app.Div()
	}
	f := func(v float64) string { return strconv.FormatFloat(v, 'f', 4, 64) }
	return app.Section().Class("panel").Body(
		app.H2().Text("Per seed, after the last step"),
		app.Div().Class("table-scroll").Body(app.Table().ID("ib-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("seed"), app.Th().Text("corr(W, W^mm_F)"), app.Th().Text("corr(KQᵀ, W^mm_*)"), app.Th().Text("crossed (W, KQᵀ)"),
				app.Th().Text("rank F / *"), app.Th().Text("sequences selecting their optimal token (W, KQᵀ)"), app.Th().Text("KKT / duality gap"))),
			app.TBody().Body(app.Range(seeds).Slice(func(i int) app.UI {
				a := seeds[i]
				l := len(a.Iters) - 1
				return app.Tr().Body(app.Td().Text(a.Seed), app.Td().Text(f(a.CorrW[l])), app.Td().Text(f(a.CorrKQ[l])), app.Td().Text(f(a.CrossW[l])+", "+f(a.CrossKQ[l])),
					app.Td().Text(fmt.Sprintf("%d / %d", a.Fro.Rank, a.Nuc.Rank)), app.Td().Text(fmt.Sprintf("%d, %d", a.OptW, a.OptKQ)),
					app.Td().Text(fmt.Sprintf("%.1e / %.1e", a.Fro.Gap, a.Nuc.Gap)))
			})),
		)),
	)
}

// ibCSV is the seeds' series as one long table: a row per seed and step.
func ibCSV(seeds []implicitbias.AttentionSeed) string {
	var b strings.Builder
	b.WriteString("seed,step,corr_w,corr_kq,cross_w,cross_kq,prob_w,prob_kq,norm_w,norm_kq,loss_w,loss_kq\n")
	for _, a := range seeds {
		for c, s := range a.Iters {
			row := []string{strconv.FormatUint(a.Seed, 10), strconv.Itoa(s)}
			for _, v := range [][]float64{a.CorrW, a.CorrKQ, a.CrossW, a.CrossKQ, a.ProbW, a.ProbKQ, a.NormW, a.NormKQ, a.LossW, a.LossKQ} {
				row = append(row, csvNum(v[c]))
			}
			b.WriteString(strings.Join(row, ",") + "\n")
		}
	}
	return b.String()
}

// ibSSMCSV is the SSM runs as one long table: a row per state size and
// recorded step, with the closed form.
func ibSSMCSV(runs []implicitbias.SSMRun) string {
	var b strings.Builder
	b.WriteString("n,step,w,w_closed_form,half_time,half_time_closed_form\n")
	for _, r := range runs {
		for k, s := range r.Steps {
			b.WriteString(strings.Join([]string{strconv.Itoa(r.N), strconv.Itoa(s), csvNum(r.W[k]), csvNum(r.Predicted[k]), csvNum(r.HalfTime), csvNum(r.HalfPredicted)}, ",") + "\n")
		}
	}
	return b.String()
}
