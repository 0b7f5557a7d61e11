package app

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/app/chart"
	"github.com/overparam/overparam/compute/curve"
)

// densityView says how the spectrum page draws the eigenvalue density.
type densityView struct {
	Histogram bool // bars over bins, or the smooth curve
	LogY      bool
	Initial   bool // overlay the spectrum at initialisation
}

// histogramBins is the number of bars of the density histogram.
const histogramBins = 80

// overlay is a pinned run drawn over the current one.
type overlay struct {
	Label  string
	Result *spectrum.Result
}

// trainingPlot draws the loss (log scale, left) and accuracy (right) of a
// training curve against the optimizer step.
func trainingPlot(points []curve.Point, classification bool) *chart.Plot {
	p := &chart.Plot{
		Title:  "Training",
		X:      chart.Axis{Label: "optimizer step"},
		Y:      chart.Axis{Label: "loss (nats per sample)", Log: true},
		Legend: true, Height: 240,
		Note: "training starts…",
	}
	if !classification {
		p.Y.Label = "loss (½ squared error per sample)"
	}
	n := len(points)
	step := make([]float64, n)
	cols := make([][]float64, 4)
	for i := range cols {
		cols[i] = make([]float64, n)
	}
	for i, pt := range points {
		step[i] = float64(pt.Step)
		cols[0][i], cols[1][i] = pt.TrainLoss, pt.TestLoss
		cols[2][i], cols[3][i] = 100*pt.TrainAcc, 100*pt.TestAcc
	}
	p.Series = []chart.Series{
		{Name: "train loss", X: step, Y: cols[0], Class: "c0", Width: 2},
		{Name: "test loss", X: step, Y: cols[1], Class: "c1", Width: 2},
	}
	if classification {
		p.Y2 = chart.Axis{Label: "accuracy (%)", Min: 0, Max: 100}
		p.Series = append(p.Series,
			chart.Series{Name: "train accuracy", X: step, Y: cols[2], Class: "c2", Dashed: true, Right: true},
			chart.Series{Name: "test accuracy", X: step, Y: cols[3], Class: "c3", Dashed: true, Right: true})
	}
	return p
}

// densityPlot draws the SLQ eigenvalue density of res with its extreme
// Ritz values as a rug (outliers in the accent colour), the bulk edge, the
// negative region, the dense eigenvalues if computed, and the overlays.
func densityPlot(res *spectrum.Result, v densityView, pins []overlay) *chart.Plot {
	p := &chart.Plot{
		Title:  "Hessian eigenvalue density",
		X:      chart.Axis{Label: "eigenvalue λ (loss per parameter²)"},
		Y:      chart.Axis{Label: "density (per unit λ)", Log: v.LogY},
		Legend: true, Height: 380,
		Note: "no spectrum yet: press Run",
	}
	if res == nil {
		return p
	}
	if res.Spec.Curvature == "ggn" {
		p.Title = "Gauss-Newton eigenvalue density"
	}
	lo, hi, top := math.Inf(1), math.Inf(-1), 0.0
	span := func(r *spectrum.Result) {
		for _, x := range r.Density.Grid {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
		for _, y := range r.Density.Values {
			top = math.Max(top, y)
		}
	}
	span(res)
	var series []chart.Series
	if v.Initial && res.Initial != nil {
		span(res.Initial)
		series = append(series, chart.Series{Name: "at initialisation", X: res.Initial.Density.Grid, Y: res.Initial.Density.Values, Class: "muted", Dashed: true, Width: 1.5})
	}
	for i, sr := range res.Seeds {
		span(sr)
		name := ""
		if i == 0 {
			name = "other seeds"
		}
		series = append(series, chart.Series{Name: name, X: sr.Density.Grid, Y: sr.Density.Values, Class: "muted", Width: 1})
	}
	for i, o := range pins {
		if o.Result == res {
			continue // the current run is drawn already
		}
		span(o.Result)
		series = append(series, chart.Series{Name: o.Label, X: o.Result.Density.Grid, Y: o.Result.Density.Values, Class: fmt.Sprintf("c%d", 2+i%6), Width: 1.5})
	}
	name := "after training"
	if res.Spec.Epochs == 0 {
		name = "at initialisation"
	}
	if v.Histogram {
		edges, heights := binDensity(res.Density.Grid, res.Density.Values, histogramBins)
		series = append(series, chart.Series{Name: name + " (SLQ)", X: edges, Y: heights, Style: chart.Bars, Class: "c0", Hover: binHover(edges, heights)})
	} else {
		series = append(series, chart.Series{Name: name + " (SLQ)", X: res.Density.Grid, Y: res.Density.Values, Style: chart.Area, Class: "c0", Width: 2})
	}
	if len(res.Dense) > 0 {
		edges, heights := histogram(res.Dense, lo, hi, histogramBins)
		series = append(series, chart.Series{Name: "exact (dense)", X: edges, Y: heights, Style: chart.Bars, Class: "c1"})
	}

	// The y range: the rug sits at the bottom of the plot.
	floor := 0.0
	if v.LogY {
		floor = top * 1e-7
		p.Y.Min, p.Y.Max = floor, top*3
	} else {
		p.Y.Min, p.Y.Max = 0, top*1.08
	}
	rug := floor
	if v.LogY {
		rug = floor * 2
	} else {
		rug = top * 0.01
	}
	outX, outY, outH := []float64{}, []float64{}, []string{}
	bulkX, bulkY, bulkH := []float64{}, []float64{}, []string{}
	for i, l := range res.Top {
		h := fmt.Sprintf("λ%d = %.6g (Ritz residual %.2g)", i+1, l, res.Residuals[i])
		if i < res.Outliers {
			outX, outY, outH = append(outX, l), append(outY, rug), append(outH, h+", outlier")
		} else {
			bulkX, bulkY, bulkH = append(bulkX, l), append(bulkY, rug), append(bulkH, h)
		}
	}
	for i, l := range res.Bottom {
		bulkX, bulkY = append(bulkX, l), append(bulkY, rug)
		bulkH = append(bulkH, fmt.Sprintf("smallest λ%d = %.6g (Ritz residual %.2g)", i+1, l, res.BottomResiduals[i]))
	}
	series = append(series,
		chart.Series{Name: "extreme Ritz values", X: bulkX, Y: bulkY, Style: chart.Points, Class: "c0", Width: 5, Hover: bulkH},
		chart.Series{Name: fmt.Sprintf("outliers (%d)", res.Outliers), X: outX, Y: outY, Style: chart.Points, Class: "accent", Width: 8, Hover: outH})
	p.Series = series
	if res.Outliers > 0 {
		p.VLines = append(p.VLines, chart.VLine{X: res.BulkEdge, Label: "bulk edge", Class: "accent", Dashed: true})
	}
	if len(res.Bottom) > 0 && res.Bottom[0] < 0 {
		p.Bands = append(p.Bands, chart.Band{X0: math.Min(lo, res.Bottom[0]), X1: 0, Label: "λ < 0", Class: "muted"})
	}
	return p
}

// binDensity averages a density sampled on an equispaced grid over bins
// of equal width, so each bar's area is the mass in its bin.
func binDensity(grid, values []float64, bins int) (edges, heights []float64) {
	if len(grid) < 2 {
		return nil, nil
	}
	lo, hi := grid[0], grid[len(grid)-1]
	edges = make([]float64, bins+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/float64(bins)
	}
	heights = make([]float64, bins)
	counts := make([]int, bins)
	for i, x := range grid {
		b := min(bins-1, int(float64(bins)*(x-lo)/(hi-lo)))
		heights[b] += values[i]
		counts[b]++
	}
	for b := range heights {
		if counts[b] > 0 {
			heights[b] /= float64(counts[b])
		}
	}
	return edges, heights
}

// histogram bins values over [lo, hi] and scales counts to a density that
// integrates to 1.
func histogram(values []float64, lo, hi float64, bins int) (edges, heights []float64) {
	for _, x := range values {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if !(hi > lo) {
		hi = lo + 1
	}
	edges = make([]float64, bins+1)
	for i := range edges {
		edges[i] = lo + (hi-lo)*float64(i)/float64(bins)
	}
	heights = make([]float64, bins)
	w := (hi - lo) / float64(bins)
	for _, x := range values {
		heights[min(bins-1, int((x-lo)/w))] += 1 / (float64(len(values)) * w)
	}
	return edges, heights
}

func binHover(edges, heights []float64) []string {
	h := make([]string, len(heights))
	for i := range heights {
		h[i] = fmt.Sprintf("λ in [%.4g, %.4g]: density %.4g", edges[i], edges[i+1], heights[i])
	}
	return h
}

// densityAt reads the density of res at λ by linear interpolation on its
// grid, for the hover readout.
func densityAt(d spectrum.DensityCurve, x float64) (float64, bool) {
	g := d.Grid
	if len(g) < 2 || x < g[0] || x > g[len(g)-1] {
		return 0, false
	}
	i := min(len(g)-2, int(float64(len(g)-1)*(x-g[0])/(g[len(g)-1]-g[0])))
	t := (x - g[i]) / (g[i+1] - g[i])
	return d.Values[i]*(1-t) + d.Values[i+1]*t, true
}

// nearestPoint returns the curve point whose step is closest to step.
func nearestPoint(points []curve.Point, step float64) (curve.Point, bool) {
	best, ok := curve.Point{}, false
	for _, p := range points {
		if !ok || math.Abs(float64(p.Step)-step) < math.Abs(float64(best.Step)-step) {
			best, ok = p, true
		}
	}
	return best, ok
}

// thumbnailWidth and thumbnailHeight are a gallery thumbnail's size, 16:9.
const thumbnailWidth, thumbnailHeight = 480, 270

// thumbnailSVG draws p as a gallery thumbnail: thumbnail-sized, without
// a title or legend.
func thumbnailSVG(p *chart.Plot) string {
	p.Title, p.Legend, p.Width, p.Height = "", false, thumbnailWidth, thumbnailHeight
	return p.SVG()
}

// spectrumThumbnail draws a spectrum result as a thumbnail: the density on
// a log scale with its outliers, without a legend.
func spectrumThumbnail(res *spectrum.Result) string {
	p := densityPlot(res, densityView{Histogram: true, LogY: true, Initial: true}, nil)
	p.Y.Label = "density"
	p.X.Label = "eigenvalue λ"
	return thumbnailSVG(p)
}
