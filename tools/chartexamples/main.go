// Command chartexamples writes example charts of app/chart as standalone
// .svg files, for a visual check of the chart style after a change:
//
//	go run ./tools/chartexamples -out /tmp/chart-examples
//
// It checks nothing; app/chart's tests and examples do.
package main

import (
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"

	"github.com/overparam/overparam/app/chart"
)

func main() {
	out := flag.String("out", "chart-examples", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "chartexamples:", err)
		os.Exit(1)
	}
	empty := chart.Plot{Title: "Spectrum", Note: "no data yet", X: chart.Axis{Label: "eigenvalue λ"}, Y: chart.Axis{Label: "density"}}
	for name, p := range map[string]chart.Plot{"density": density(), "training": training(), "histogram": histogram(), "empty": empty} {
		path := filepath.Join(*out, name+".svg")
		if err := os.WriteFile(path, []byte(p.SVG()), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "chartexamples:", err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}

// density is a spectral-density-like chart: a semicircle bulk with a
// log-scaled density, the bulk edges marked, and outlier eigenvalues as
// accent points.
func density() chart.Plot {
	const r = 2.0 // semicircle radius: bulk on [−r, r]
	x := make([]float64, 400)
	y := make([]float64, len(x))
	for i := range x {
		x[i] = -3 + 38*float64(i)/float64(len(x)-1)
		// Semicircle density plus a Gaussian smoothing floor.
		y[i] = 1e-5 * math.Exp(-x[i]*x[i]/50)
		if math.Abs(x[i]) < r {
			y[i] += math.Sqrt(r*r-x[i]*x[i]) / (math.Pi * r * r / 2)
		}
	}
	out := []float64{9.3, 17.8, 31.2}
	hover := make([]string, len(out))
	for i, v := range out {
		hover[i] = fmt.Sprintf("outlier λ = %.1f", v)
	}
	return chart.Plot{
		Title: "Hessian spectrum at step 1000",
		X:     chart.Axis{Label: "eigenvalue λ (loss/param²)"},
		Y:     chart.Axis{Label: "density", Log: true, Min: 1e-6, Max: 2},
		Series: []chart.Series{
			{Name: "SLQ density", X: x, Y: y, Style: chart.Area},
			{Name: "outliers", X: out, Y: []float64{1e-3, 1e-3, 1e-3}, Style: chart.Points, Class: "accent", Hover: hover},
		},
		VLines: []chart.VLine{{X: -r, Label: "bulk edge −2", Dashed: true}, {X: r, Label: "bulk edge 2", Dashed: true}},
		Legend: true,
	}
}

// training is a two-series chart on twin axes: a loss on a log scale on the
// left and an accuracy on the right.
func training() chart.Plot {
	steps := make([]float64, 300)
	loss := make([]float64, len(steps))
	acc := make([]float64, len(steps))
	for i := range steps {
		s := float64(i * 10)
		steps[i] = s
		loss[i] = 2.3*math.Exp(-s/400) + 0.02 + 0.01*math.Sin(s/7)
		acc[i] = 100 * (1 - 0.9*math.Exp(-s/300))
	}
	loss[120] = math.NaN() // a missing measurement breaks the line
	return chart.Plot{
		Title:  "Training",
		X:      chart.Axis{Label: "step"},
		Y:      chart.Axis{Label: "training loss (nats)", Log: true},
		Y2:     chart.Axis{Label: "test accuracy (%)", Min: 0, Max: 100},
		Series: []chart.Series{{Name: "loss", X: steps, Y: loss}, {Name: "accuracy", X: steps, Y: acc, Right: true, Dashed: true}},
		Legend: true,
	}
}

// histogram is a histogram of Gaussian samples with a band and the mean
// marked.
func histogram() chart.Plot {
	r := rand.New(rand.NewPCG(1, 1))
	edges := make([]float64, 31)
	for i := range edges {
		edges[i] = -0.03 + 0.002*float64(i)
	}
	counts := make([]float64, len(edges)-1)
	for range 5000 {
		v := 0.006*r.NormFloat64() - 0.002
		if k := int(math.Floor((v - edges[0]) / 0.002)); k >= 0 && k < len(counts) {
			counts[k]++
		}
	}
	hover := make([]string, len(counts))
	for i, c := range counts {
		hover[i] = fmt.Sprintf("%g in [%g, %g)", c, edges[i], edges[i+1])
	}
	return chart.Plot{
		Title:  "Weight changes after training",
		X:      chart.Axis{Label: "Δw"},
		Y:      chart.Axis{Label: "count"},
		Series: []chart.Series{{Name: "5000 weights", X: edges, Y: counts, Style: chart.Bars, Hover: hover}},
		VLines: []chart.VLine{{X: -0.002, Label: "mean", Class: "accent"}},
		Bands:  []chart.Band{{X0: -0.008, X1: 0.004, Label: "±1σ"}},
	}
}
