package chart_test

import (
	"fmt"
	"strings"

	"github.com/overparam/overparam/app/chart"
)

func ExamplePlot_SVG() {
	p := chart.Plot{
		Title:  "Loss",
		X:      chart.Axis{Label: "step"},
		Y:      chart.Axis{Label: "loss (nats)", Log: true},
		Series: []chart.Series{{Name: "train", X: []float64{0, 100, 200}, Y: []float64{2.3, 0.4, 0.05}}},
	}
	svg := p.SVG()
	fmt.Println(strings.HasPrefix(svg, `<svg xmlns="http://www.w3.org/2000/svg"`), len(svg) < 10_000)
	// Output: true true
}

func ExamplePlot_XAt() {
	p := chart.Plot{X: chart.Axis{Min: 0, Max: 10}}
	x, ok := p.XAt(0.5)
	fmt.Printf("%.2f %v\n", x, ok)
	_, ok = p.XAt(0.01)
	fmt.Println(ok)
	// Output:
	// 4.86 true
	// false
}

func ExampleNiceTicks() {
	fmt.Println(chart.NiceTicks(0, 1, 5))
	fmt.Println(chart.NiceTicks(-0.05, 0.05, 5))
	// Output:
	// [0 0.2 0.4 0.6 0.8 1]
	// [-0.04 -0.02 0 0.02 0.04]
}

func ExampleLogTicks() {
	fmt.Println(chart.LogTicks(1e-3, 1e3, 6))
	fmt.Println(chart.LogTicks(1e-12, 1e12, 6))
	// Output:
	// [0.001 0.01 0.1 1 10 100 1000]
	// [1e-12 1e-08 0.0001 1 10000 1e+08 1e+12]
}

func ExampleFormatTick() {
	for _, v := range []float64{0, 0.5, 1.25e-3, -0.02, 1e4, 1e5, 1.25e-4} {
		fmt.Print(chart.FormatTick(v), " ")
	}
	fmt.Println()
	// Output: 0 0.5 0.00125 −0.02 10000 1e5 1.25e−4
}
