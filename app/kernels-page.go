package app

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment/kernels"
)

// PathKernels is the kernels page.
const PathKernels = "/kernels"

// kernelsDef describes the kernels page.
var kernelsDef = &experimentPage[kernels.Spec]{
	path: PathKernels, name: "kernels", worker: "worker-kernels.wasm",
	defaults: kernels.Default,
	presets:  kernels.Presets(),
	fields:   kernelsFields,
	groups:   kernelsGroups,
	relevant: func(s *kernels.Spec, key string) bool { return s.Uses(key) },
	start: func(jobs Jobs, id int, spec kernels.Spec, emit func(Event), now func() time.Time) startedRun {
		return startSweep(jobs, id, "kernels", spec, spec.Points(), decodeKernels, emit, now)
	},
	csv: func(r any) string { res, _ := r.(*kernels.Result); return kernelsCSV(res) },
}

var kernelsFields = map[string]fieldInfo{
	"model":     {Label: "Model"},
	"dim":       {Label: "Input dimension d"},
	"samples":   {Label: "Samples N", Unit: "pure-noise labels"},
	"ntk":       {Label: "NTK activations", Unit: "comma-separated: square, cos, tanh, softplus; or none"},
	"ntkwidths": {Label: "NTK widths k", Unit: "comma-separated, increasing; p = dk"},
	"rf":        {Label: "Random-feature activations", Unit: "comma-separated, or none"},
	"rfwidths":  {Label: "Random features k", Unit: "comma-separated, increasing, N ≤ k < d²/2; p = k"},
	"seeds":     {Label: "Seeds per point"},
	"tests":     {Label: "Test points per seed"},
	"qubits":    {Label: "Qubits n"},
	"depths":    {Label: "Depths L", Unit: "comma-separated, increasing; 2nL parameters"},
	"gammas":    {Label: "Measurement scales γ", Unit: "comma-separated, ≥ 1: output ⟨γZ₀⟩"},
	"qsamples":  {Label: "Training samples", Unit: "1: random angles; more: orthogonal basis states"},
	"steps":     {Label: "Gradient steps"},
	"lr":        {Label: "Learning rate η", Unit: "step η/L per layer"},
	"seed":      {Label: "Seed"},
}

var kernelsGroups = []fieldGroup{
	{"Model", []string{"model"}},
	{"Noise interpolators", []string{"dim", "samples", "ntk", "ntkwidths", "rf", "rfwidths", "seeds", "tests"}},
	{"Quantum network", []string{"qubits", "depths", "gammas", "qsamples", "steps", "lr"}},
	{"Randomness", []string{"seed"}},
}

func init() {
	enumText["model=robustness"] = "Robustness: random features vs NTK"
	enumText["model=qnn"] = "Quantum network vs NTK"
	registerPage("kernels", kernelsDef, func() app.Composer { return newKernelsPage() })
	registerThumbnails("kernels", kernelsDef, func(_ preset, s kernels.Spec, res *kernels.Result) string {
		c := robustPlot(s, robustPoints(res, nil))
		if s.Model == "qnn" {
			c = qnnResidualPlot(qnnRuns(res, nil), true, true)
		}
		return thumbnailSVG(c)
	})
}

func decodeKernels(body string) (any, error) {
	var r kernels.Result
	err := json.Unmarshal([]byte(body), &r)
	return &r, err
}

// kernelsPage shows the sensitivity of noise interpolators against their
// parameters (robustness), or a quantum network's training (qnn).
type kernelsPage struct {
	app.Compo
	pageCore[kernels.Spec]
	cache partCache[kernels.Point]
}

func newKernelsPage() *kernelsPage { return &kernelsPage{pageCore: newPageCore(kernelsDef)} }

// OnNav reads the link into the controls and runs it when it is valid.
func (p *kernelsPage) OnNav(ctx app.Context) { p.nav(ctx) }

// OnDismount cancels the run when the person leaves the page.
func (p *kernelsPage) OnDismount() { p.stop() }

func (p *kernelsPage) result() *kernels.Result {
	r, _ := p.state.Result.(*kernels.Result)
	return r
}

// shown is the spec whose results are drawn: the run's, or the controls'
// before any run.
func (p *kernelsPage) shown() kernels.Spec {
	if p.ran.Model == "" {
		return p.spec
	}
	return p.ran
}

func (p *kernelsPage) Render() app.UI {
	res, s := p.result(), p.shown()
	parts := p.cache.of(p.state)
	var results []app.UI
	if s.Model == "qnn" {
		runs := qnnRuns(res, parts)
		results = append(results,
			newChartPanel("kernels-rate").Title("Sublinear convergence at γ = 1").Plot(qnnResidualPlot(runs, true, false)).CSV(func() string { return kernelsCSV(res) }),
			newChartPanel("kernels-linear").Title("Linear convergence at γ > 1").Plot(qnnResidualPlot(runs, false, false)),
			newChartPanel("kernels-ntk").Title("Tangent kernel against γ² − ŷ²").Plot(qnnKernelPlot(runs)),
			app.P().Class("note").Text("With one sample the input is RY-encoded random angles; with several, the inputs are distinct computational-basis states, which are orthogonal: labels ±1 of a Pauli output on non-orthogonal inputs are in general not realizable, and training would stall on the unreachable part."),
			qnnTable(res),
		)
	} else {
		pts := robustPoints(res, parts)
		results = append(results,
			newChartPanel("kernels-robust").Title("Sensitivity against parameters").Plot(robustPlot(s, pts)).CSV(func() string { return kernelsCSV(res) }),
			app.P().Class("note").Text(fmt.Sprintf("Random-feature widths stay below d²/2 = %d: past d(d+1)/2 features, square features span every quadratic form of the input, so random features turn into the NTK of the square activation and the comparison loses its meaning.", s.Dim*s.Dim/2)),
			robustTable(res),
		)
	}
	results = append(results, p.exportPanel())
	return shell(PathKernels,
		p.header("Kernels: random features, the NTK and quantum networks",
			"Interpolate pure noise with random features or with the neural tangent kernel, and measure how sharp the interpolator is as the parameters grow: only the NTK with an even activation becomes smooth. Then train a small simulated quantum network, whose unitarity keeps it out of the kernel regime."),
		p.layout(results...),
	)
}

// robustPoints are the points to draw: the result's, or the parts so far
// in index order.
func robustPoints(res *kernels.Result, parts map[int]*kernels.Point) []kernels.RobustPoint {
	var pts []kernels.RobustPoint
	if res != nil {
		for _, c := range res.Curves {
			pts = append(pts, c.Points...)
		}
		return pts
	}
	for _, i := range sortedKeys(parts) {
		if r := parts[i].Robust; r != nil {
			pts = append(pts, *r)
		}
	}
	return pts
}

// qnnRuns are the training runs to draw, as robustPoints.
func qnnRuns(res *kernels.Result, parts map[int]*kernels.Point) []kernels.QNNRun {
	if res != nil {
		return res.Runs
	}
	var runs []kernels.QNNRun
	for _, i := range sortedKeys(parts) {
		if r := parts[i].QNN; r != nil {
			runs = append(runs, *r)
		}
	}
	return runs
}

func sortedKeys(m map[int]*kernels.Point) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
