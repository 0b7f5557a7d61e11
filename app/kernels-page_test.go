package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/kernels"
)

// Truth: kernels.Spec.Uses — each model shows its own controls and hides
// the other's, and the activation lists are text fields (a number input
// would show "square,tanh" as empty).
func TestKernelsControlsFollowTheModel(t *testing.T) {
	for _, c := range []struct {
		query      string
		show, hide []string
	}{
		{"", []string{"f-dim", "f-ntk", "f-rfwidths", "f-seed"}, []string{"f-qubits", "f-gammas", "f-steps"}},
		{"model=qnn", []string{"f-qubits", "f-depths", "f-gammas", "f-seed"}, []string{"f-dim", "f-ntk", "f-rf"}},
	} {
		p := newKernelsPage()
		p.load(c.query)
		h := html(p.Render())
		checkControlsShown(t, c.query, h, c.show, c.hide)
		for _, id := range []string{"f-ntk", "f-gammas"} {
			// The whole tag: go-app writes attributes in no fixed order.
			if i := strings.Index(h, `id="`+id+`"`); i >= 0 {
				start := strings.LastIndex(h[:i], "<")
				end := i + strings.Index(h[i:], ">")
				if tag := h[start:end]; !strings.HasPrefix(tag, "<input") || !strings.Contains(tag, `type="text"`) {
					t.Errorf("%q: %s is not a text input: %s>", c.query, id, tag)
				}
			}
		}
	}
}

// Truth: the result the charts are given — the robustness chart draws each
// curve, the bound and the line p = Nd; the qnn charts split the runs by γ;
// the CSV has a row per point or recorded step.
func TestKernelsChartsAndCSVShowTheResult(t *testing.T) {
	s := kernels.Default()
	s.NTK, s.RF, s.NTKWidth, s.RFWidth = "square", "tanh", []int{5, 50}, []int{100, 400}
	slope := -0.5
	res := &kernels.Result{Spec: s, ND: 10000, SqrtN: 7.07, Curves: []kernels.RobustCurve{
		{Name: "NTK, square", Model: "ntk", Act: "square", Slope: &slope, Points: []kernels.RobustPoint{{Model: "ntk", Act: "square", Width: 5, Params: 1000, S: 5}, {Model: "ntk", Act: "square", Width: 50, Params: 10000, S: 1.6}}},
		{Name: "random features, tanh", Model: "rf", Act: "tanh", Points: []kernels.RobustPoint{{Model: "rf", Act: "tanh", Width: 100, Params: 100, S: 9}, {Model: "rf", Act: "tanh", Width: 400, Params: 400, S: 8}}},
	}}
	svg := robustPlot(s, robustPoints(res, nil)).SVG()
	for _, want := range []string{"NTK, square", "random features, tanh", "universal bound", "p = Nd"} {
		if !strings.Contains(svg, want) {
			t.Errorf("the robustness chart lacks %q", want)
		}
	}
	if rows := strings.Count(kernelsCSV(res), "\n"); rows != 5 {
		t.Errorf("the CSV has %d lines; want a header and 4 points", rows)
	}
	runs := []kernels.QNNRun{
		{Gamma: 1, Depth: 4, Steps: []int{0, 10, 100}, Residual: []float64{1, 0.5, 0.05}, Output: []float64{0, 0.5, 0.95}, Final: 0.05, Kernel: []float64{1, 1, 1}, Reference: []float64{1, 1, 1}},
		{Gamma: 1.5, Depth: 4, Steps: []int{0, 10, 100}, Residual: []float64{1, 0.1, 1e-6}, Output: []float64{0, 0.9, 1}, Final: 1e-6, Kernel: []float64{1, 1, 1}, Reference: []float64{1, 1, 1}},
	}
	sub, lin := qnnResidualPlot(runs, true, false), qnnResidualPlot(runs, false, false)
	if !sub.X.Log || lin.X.Log || len(sub.Series) != 2 || len(lin.Series) != 1 || sub.Series[0].Name != "γ = 1, L = 4" || lin.Series[0].Name != "γ = 1.5, L = 4" {
		t.Errorf("the γ = 1 chart (log t) has %d series, the γ > 1 chart (linear t) %d; want the γ = 1 run with its slope line, and the γ = 1.5 run", len(sub.Series), len(lin.Series))
	}
	q := &kernels.Result{Spec: kernels.DefaultQNN(), Runs: runs}
	if rows := strings.Count(kernelsCSV(q), "\n"); rows != 7 {
		t.Errorf("the qnn CSV has %d lines; want a header and 6 steps", rows)
	}
}
