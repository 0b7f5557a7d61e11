package app

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// renderMHE is the page of model mhe: the λ sweep's energy and angles,
// and the units on the sphere.
func (p *representationsPage) renderMHE(m *representations.MHEResult) app.UI {
	return shell(PathRepresentations,
		p.header("Representations: neurons spread out (minimum hyperspherical energy)",
			"Train a network with a penalty λ·E_s on the hyperspherical energy of its first layer's normalised units (weights and bias), and sweep λ. "+
				"The energy falls, the units spread apart, and in the plane (units on the sphere S²) twelve of them approach the Thomson configuration (Liu et al. 2018)."),
		p.layout(
			mheSummary(m),
			newChartPanel("energy").Title("Hyperspherical energy of the trained units against λ").
				Plot(energyPlot(m)).CSV(func() string { return mheCSV(&representations.Result{Spec: p.ran, MHE: m}) }),
			newChartPanel("angle").Title("Smallest angle between two units against λ").
				Plot(anglePlot(m)),
			p.spherePanel(m),
			app.Section().Class("panel").Body(app.P().Class("note").Text(
				"E_s = Σ_{i<j} f_s(‖ŵᵢ − ŵⱼ‖) over the first layer's units ŵᵢ = (wᵢ, bᵢ)/‖(wᵢ, bᵢ)‖, each unordered pair once (Thomson's convention), with f₀(r) = −log r, f₁(r) = 1/r and f₂(r) = 1/r². "+
					"Half-space MHE takes the energy of the 2N points ±ŵᵢ. The penalty's gradient is exact; every curve is a mean over seeds.")),
			p.exportPanel(),
		),
	)
}

// mheSummary shows the energy at both ends of the sweep and the known
// minimum.
func mheSummary(m *representations.MHEResult) app.UI {
	if m == nil {
		return app.Div().Class("summary")
	}
	last := len(m.Lambdas) - 1
	minimum := "unknown"
	if m.Minimum != 0 {
		minimum = fmt.Sprintf("%.4f", m.Minimum)
	}
	mono := "yes"
	if !m.Monotone {
		mono = "no"
	}
	return app.Div().Class("summary").Body(
		stat("energy", fmt.Sprintf("energy, λ = 0 → %g", m.Lambdas[last]), fmt.Sprintf("%.4g → %.4g", m.Energy[0], m.Energy[last]), true),
		stat("minimum", "least possible energy", minimum, false),
		stat("monotone", "falls at every larger λ", mono, false),
		stat("angle", "smallest angle", fmt.Sprintf("%.1f° → %.1f°", m.MinAngle[0], m.MinAngle[last]), false),
		stat("accuracy", "training accuracy", fmt.Sprintf("%.1f%% → %.1f%%", 100*m.Accuracy[0], 100*m.Accuracy[last]), false),
	)
}

// energyPlot draws the mean trained energy against λ > 0 on a log axis,
// with the energy at λ = 0, at initialisation and the known minimum as
// horizontal lines.
func energyPlot(m *representations.MHEResult) *chart.Plot {
	c := &chart.Plot{Title: "E_{s} after training, mean over seeds", X: chart.Axis{Label: "penalty weight λ", Log: true},
		Y: chart.Axis{Label: "hyperspherical energy E_{s}"}, Legend: true, Height: 300, Note: "press Run"}
	if m == nil {
		return c
	}
	x, y := m.Lambdas[1:], m.Energy[1:]
	ends := []float64{x[0], x[len(x)-1]}
	flat := func(v float64) []float64 { return []float64{v, v} }
	c.Series = []chart.Series{
		{Name: "trained with λ", X: x, Y: y, Class: "c0", Width: 2},
		{X: x, Y: y, Style: chart.Points, Class: "c0", Width: 6},
		{Name: "λ = 0", X: ends, Y: flat(m.Energy[0]), Class: "c1", Dashed: true},
	}
	if m.Minimum != 0 {
		c.Series = append(c.Series, chart.Series{Name: "least possible (Thomson or simplex)", X: ends, Y: flat(m.Minimum), Class: "c2", Dashed: true})
	}
	return c
}

// anglePlot draws the smallest pairwise angle and the share of nearly
// parallel or antiparallel pairs against λ > 0.
func anglePlot(m *representations.MHEResult) *chart.Plot {
	c := &chart.Plot{Title: "Smallest angle (left) and pairs with |cos| > 0.9 (right)", X: chart.Axis{Label: "penalty weight λ", Log: true},
		Y: chart.Axis{Label: "smallest angle between units (°)"}, Y2: chart.Axis{Label: "pairs with |cos| > 0.9 (%)", Min: 0}, Legend: true, Height: 280, Note: "press Run"}
	if m == nil {
		return c
	}
	x := m.Lambdas[1:]
	ends := []float64{x[0], x[len(x)-1]}
	c.Series = []chart.Series{
		{Name: "smallest angle", X: x, Y: m.MinAngle[1:], Class: "c0", Width: 2},
		{Name: "smallest angle at λ = 0", X: ends, Y: []float64{m.MinAngle[0], m.MinAngle[0]}, Class: "c0", Dashed: true},
		{Name: "|cos| > 0.9", X: x, Y: percent(m.Duplicates[1:]), Class: "c3", Width: 2, Right: true},
	}
	return c
}

// spherePanel draws the first seed's units at λ = 0 and at the largest λ
// on the sphere S² (input dimension 2), turned by a slider.
func (p *representationsPage) spherePanel(m *representations.MHEResult) app.UI {
	if m == nil || m.Dim != 3 {
		return app.Div()
	}
	last := m.Lambdas[len(m.Lambdas)-1]
	return app.Section().Class("panel").ID("sphere").Body(
		app.H2().Text("The units on the sphere S² (first seed)"),
		app.Label().For("sphere-turn").Text("Turn the spheres "),
		app.Input().Type("range").ID("sphere-turn").Min(0).Max(360).Step(5).Value(strconv.Itoa(int(p.azimuth))).
			OnInput(func(ctx app.Context, e app.Event) {
				if v, err := strconv.ParseFloat(ctx.JSSrc().Get("value").String(), 64); err == nil {
					p.azimuth = v
				}
			}),
		app.Div().Class("spheres").Style("display", "flex").Style("flex-wrap", "wrap").Style("gap", "1rem").Body(
			app.Raw(sphereSVG(m.Units0, p.azimuth, "λ = 0")),
			app.Raw(sphereSVG(m.UnitsMax, p.azimuth, fmt.Sprintf("λ = %g", last))),
		),
		app.P().Class("note").Text("Each dot is a unit's (w₁, w₂, b) direction; faint dots are on the far side. Drag the slider to turn the spheres about their vertical axis."),
	)
}

// sphereSVG draws unit vectors (rows of 3) on a sphere in orthographic
// projection, turned by azimuth degrees about the vertical axis and tilted
// 20° towards the viewer, as one SVG element.
func sphereSVG(units []float64, azimuth float64, title string) string {
	const size, r = 220.0, 90.0
	az, el := azimuth*math.Pi/180, 20*math.Pi/180
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="sphere" width="%g" height="%g" viewBox="0 0 %g %g" role="img" aria-label="%s">`, size, size+20, size, size+20, title)
	fmt.Fprintf(&b, `<title>%s</title><circle cx="%g" cy="%g" r="%g" fill="none" stroke="currentColor" stroke-opacity="0.4"/>`, title, size/2, size/2, r)
	fmt.Fprintf(&b, `<text x="%g" y="%g" text-anchor="middle" fill="currentColor" font-size="13">%s</text>`, size/2, size+14, title)
	for i := 0; i+2 < len(units); i += 3 {
		x, y, z := units[i], units[i+1], units[i+2]
		x, y = x*math.Cos(az)-y*math.Sin(az), x*math.Sin(az)+y*math.Cos(az) // turn about z
		y, z = y*math.Cos(el)-z*math.Sin(el), y*math.Sin(el)+z*math.Cos(el) // tilt
		op := 1.0
		if y > 0 {
			op = 0.3 // behind
		}
		fmt.Fprintf(&b, `<circle class="unit" cx="%.1f" cy="%.1f" r="6" fill="var(--chart-c0, #2563eb)" fill-opacity="%g" stroke="currentColor" stroke-opacity="%g"/>`,
			size/2+r*x, size/2-r*z, op, op/2)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// mheCSV is an MHE result as one table: per λ and seed, the energy; per
// λ the means.
func mheCSV(r *representations.Result) string {
	var b strings.Builder
	b.WriteString("lambda,seed,energy,min_angle,duplicates,accuracy\n")
	m := r.MHE
	if m == nil {
		return b.String()
	}
	for k, l := range m.Lambdas {
		for j, e := range m.EnergySeeds[k] {
			b.WriteString(csvNum(l) + "," + strconv.FormatUint(r.Spec.Seed+uint64(j), 10) + "," + csvNum(e) + ",,,\n")
		}
		b.WriteString(csvNum(l) + ",mean," + csvNum(m.Energy[k]) + "," + csvNum(m.MinAngle[k]) + "," + csvNum(m.Duplicates[k]) + "," + csvNum(m.Accuracy[k]) + "\n")
	}
	return b.String()
}
