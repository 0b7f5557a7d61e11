package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/compression"
)

// sparseRuns returns the sparse runs of the result, or while running those
// finished so far, in point order.
func sparseRuns(res *compression.Result, parts map[int]*compression.Point) []compression.SparseRun {
	if res != nil {
		return res.Sparse
	}
	last := -1
	for i := range parts {
		last = max(last, i)
	}
	var runs []compression.SparseRun
	for i := 0; i <= last; i++ {
		if pt := parts[i]; pt != nil && pt.Sparse != nil {
			runs = append(runs, *pt.Sparse)
		}
	}
	return runs
}

// sparseName labels a run: its method, and c for DST-EE.
func sparseName(r compression.SparseRun) string {
	if r.Method == "DST-EE" {
		return fmt.Sprintf("DST-EE, c = %g", r.C)
	}
	return r.Method
}

// sparseCurvePlot draws accuracy (or coverage) against step per method.
func sparseCurvePlot(runs []compression.SparseRun, coverage bool) *chart.Plot {
	c := &chart.Plot{Title: "Test accuracy during sparse training", X: chart.Axis{Label: "SGD step"},
		Y: chart.Axis{Label: "test accuracy (%)"}, Legend: true, Height: 320, Note: "the methods stream in as they finish"}
	if coverage {
		c.Title, c.Y.Label = "Coverage: weights ever active", "coverage (% of all weights)"
	}
	for k, r := range runs {
		x, y := make([]float64, len(r.Step)), make([]float64, len(r.Step))
		for i, s := range r.Step {
			x[i] = float64(s)
			if coverage {
				y[i] = 100 * r.Coverage[i]
			} else {
				y[i] = 100 * r.Accuracy[i]
			}
		}
		c.Series = append(c.Series, chart.Series{Name: sparseName(r), X: x, Y: y, Class: "c" + strconv.Itoa(k%8), Width: 2, Dashed: r.Method == "SET"})
	}
	return c
}

// tradeoffPlot draws final accuracy against final coverage, one dot per run.
func tradeoffPlot(runs []compression.SparseRun) *chart.Plot {
	c := &chart.Plot{Title: "Accuracy against coverage", X: chart.Axis{Label: "final coverage (% of all weights)"},
		Y: chart.Axis{Label: "final test accuracy (%)"}, Legend: true, Height: 300, Note: "the methods stream in as they finish"}
	for k, r := range runs {
		n := len(r.Step) - 1
		c.Series = append(c.Series, chart.Series{Name: sparseName(r), X: []float64{100 * r.Coverage[n]}, Y: []float64{100 * r.Accuracy[n]},
			Style: chart.Points, Class: "c" + strconv.Itoa(k%8), Width: 9,
			Hover: []string{fmt.Sprintf("%s: accuracy %.1f%%, coverage %.1f%%", sparseName(r), 100*r.Accuracy[n], 100*r.Coverage[n])}})
	}
	return c
}

// maskPlot draws the first layer's mask at the end of the last run: a dot
// for every active weight, input pixel against hidden unit.
func maskPlot(runs []compression.SparseRun, inputs int) *chart.Plot {
	c := &chart.Plot{Title: "First-layer mask", X: chart.Axis{Label: "input pixel (row-major)", Min: 0, Max: float64(inputs)},
		Y: chart.Axis{Label: "hidden unit"}, Height: 300, Note: "drawn when the last run finishes"}
	if len(runs) == 0 || inputs <= 0 {
		return c
	}
	r := runs[len(runs)-1]
	c.Title = "First-layer mask at the end: " + sparseName(r)
	x, y := make([]float64, len(r.Mask)), make([]float64, len(r.Mask))
	for i, v := range r.Mask {
		x[i], y[i] = float64(v%inputs), float64(v/inputs)
	}
	c.Series = []chart.Series{{X: x, Y: y, Style: chart.Points, Class: "c0", Width: 2.5}}
	return c
}

// sparsePanels are the sparse model's charts and the formula of its
// exploration bonus.
func sparsePanels(res *compression.Result, parts map[int]*compression.Point, spec compression.Compression) []app.UI {
	runs := sparseRuns(res, parts)
	bonus := "c·ln t/(N + 1)"
	if spec.Bonus == "ucb" {
		bonus = "c·√(ln t/(N + 1))"
	}
	return []app.UI{
		app.P().Class("preset-info").Text(fmt.Sprintf("DST-EE grows the inactive weights of largest |∂L/∂w| + %s, t the step and N the mask updates a weight was active in (this form of Huang et al.'s bonus is not checked against their paper); RigL is c = 0, SET grows at random. Every %d steps until step %d, each layer drops its round(α_t·nonzeros) smallest weights and grows as many, α_t = %g/2·(1 + cos(πt/T_end)).",
			bonus, spec.Every, int(0.75*float64(spec.Steps)), spec.Alpha)),
		newChartPanel("sparse-accuracy").Title("Test accuracy against step").Plot(sparseCurvePlot(runs, false)).CSV(func() string { return sparseCSV(runs) }),
		newChartPanel("sparse-coverage").Title("Coverage against step").Plot(sparseCurvePlot(runs, true)).CSV(func() string { return sparseCSV(runs) }),
		newChartPanel("sparse-tradeoff").Title("Exploration against exploitation: accuracy against coverage").Plot(tradeoffPlot(runs)).CSV(func() string { return sparseCSV(runs) }),
		newChartPanel("sparse-mask").Title("Which weights are active: the first layer's mask").Plot(maskPlot(runs, spec.Pixels*spec.Pixels)).CSV(func() string { return maskCSV(runs) }),
	}
}

// sparseCSV is the sparse runs' long-format table.
func sparseCSV(runs []compression.SparseRun) string {
	var b strings.Builder
	b.WriteString("method,c,step,accuracy,coverage\n")
	for _, r := range runs {
		for i, s := range r.Step {
			b.WriteString(strings.Join([]string{csvText(r.Method), csvNum(r.C), strconv.Itoa(s), csvNum(r.Accuracy[i]), csvNum(r.Coverage[i])}, ",") + "\n")
		}
	}
	return b.String()
}

// maskCSV lists every run's final first-layer mask.
func maskCSV(runs []compression.SparseRun) string {
	var b strings.Builder
	b.WriteString("method,c,index\n")
	for _, r := range runs {
		for _, i := range r.Mask {
			b.WriteString(csvText(r.Method) + "," + csvNum(r.C) + "," + strconv.Itoa(i) + "\n")
		}
	}
	return b.String()
}
