package app

import (
	"fmt"
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// stat is one labelled number of the summary.
func stat(id, key, value string, highlight bool) app.UI {
	c := "stat"
	if highlight {
		c += " hl"
	}
	return app.Div().Class(c).ID("stat-"+id).Body(app.Div().Class("k").Text(key), app.Div().Class("v").Text(value))
}

// spectrumSummary shows the result's headline numbers.
func spectrumSummary(res *spectrum.Result) app.UI {
	if res == nil {
		return app.Div().Class("summary")
	}
	expect := ""
	if c := res.Spec.OutputDim(); res.Spec.Loss == "ce" && c > 1 {
		expect = fmt.Sprintf(" (C − 1 = %d)", c-1)
	}
	acc := fmt.Sprintf("%.1f%% / %.1f%%", 100*res.Final.TrainAcc, 100*res.Final.TestAcc)
	if res.Spec.Data == "teacher" {
		acc = "regression"
	}
	return app.Div().Class("summary").Body(
		outlierStat(res, expect),
		stat("lmax", "largest λ", fmt.Sprintf("%.4g", res.Top[0]), false),
		stat("edge", "bulk edge", fmt.Sprintf("%.3g", res.BulkEdge), false),
		stat("gap", "gap ratio", gapText(res), false),
		stat("lmin", "smallest λ", fmt.Sprintf("%.3g", res.Bottom[0]), false),
		stat("trace", "trace ± s.e.", fmt.Sprintf("%.4g ± %.2g", res.Trace, res.TraceStdErr), false),
		stat("params", "parameters", fmt.Sprint(res.Params), false),
		stat("loss", "train / test loss", fmt.Sprintf("%.3g / %.3g", res.Final.TrainLoss, res.Final.TestLoss), false),
		stat("acc", "train / test accuracy", acc, false),
		outlierRule(),
	)
}

// outlierStat is the headline count, with the rule that produced it as its
// tooltip and a "weak gap" marker when the count is uncertain.
func outlierStat(res *spectrum.Result, expect string) app.UI {
	return app.Div().Class("stat hl").ID("stat-outliers").Title(spectrum.OutlierRule).Body(
		app.Div().Class("k").Text("outliers"+expect),
		app.Div().Class("v").Text(res.Outliers),
		app.If(res.WeakGap, func() app.UI {
			return app.Div().Class("weak").ID("outliers-weak").Text("weak gap: a second look is worth it")
		}),
	)
}

// outlierRule states the outlier rule under the summary, where the count is.
func outlierRule() app.UI {
	return app.P().Class("rule").ID("outlier-rule").Text(spectrum.OutlierRule)
}

// gapText is the gap ratio b/a at the bulk edge, marked when weak.
func gapText(res *spectrum.Result) string {
	if res.GapRatio == 0 {
		return "no gap"
	}
	t := fmt.Sprintf("%.3g", res.GapRatio)
	if res.WeakGap {
		t += " (weak)"
	}
	return t
}

// seedsTable compares the repeats of a run over seeds: the outlier count
// varies by seed, which is why the papers' claims are averages.
func seedsTable(res *spectrum.Result) app.UI {
	if res == nil || len(res.Seeds) == 0 {
		return app.Div()
	}
	all := append([]*spectrum.Result{res}, res.Seeds...)
	counts := make([]int, len(all))
	for i, r := range all {
		counts[i] = r.Outliers
	}
	slices.Sort(counts)
	median := counts[len(counts)/2]
	if len(counts)%2 == 0 {
		median = (counts[len(counts)/2-1] + counts[len(counts)/2]) / 2
	}
	return app.Section().Class("panel").ID("seeds").Body(
		app.H2().Text(fmt.Sprintf("Over %d seeds: median %d outliers", len(all), median)),
		app.Table().ID("seeds-table").Body(
			app.THead().Body(app.Tr().Body(app.Th().Text("seed"), app.Th().Text("outliers"), app.Th().Text("largest λ"), app.Th().Text("bulk edge"), app.Th().Text("gap ratio"), app.Th().Text("test accuracy"))),
			app.TBody().Body(app.Range(all).Slice(func(i int) app.UI {
				r := all[i]
				return app.Tr().Body(app.Td().Text(r.Spec.Seed), app.Td().Text(r.Outliers), app.Td().Text(fmt.Sprintf("%.4g", r.Top[0])),
					app.Td().Text(fmt.Sprintf("%.3g", r.BulkEdge)), app.Td().Text(gapText(r)), app.Td().Text(fmt.Sprintf("%.1f%%", 100*r.Final.TestAcc)))
			})),
		),
	)
}

// eigenTables lists the extreme Ritz values with their residuals.
func eigenTables(res *spectrum.Result) app.UI {
	if res == nil {
		return app.Div()
	}
	table := func(id, caption string, values, residuals []float64, outliers int) app.UI {
		return app.Section().Class("panel").Body(
			app.H2().Text(caption),
			app.Table().ID(id).Body(
				app.THead().Body(app.Tr().Body(app.Th().Text("#"), app.Th().Text("λ"), app.Th().Title("Ritz residual |β_m s_m,i|: a bound on the distance to the nearest true eigenvalue").Text("residual"))),
				app.TBody().Body(app.Range(values).Slice(func(i int) app.UI {
					tr := app.Tr()
					if i < outliers {
						tr = tr.Class("outlier").Title("outlier")
					}
					return tr.Body(app.Td().Text(i+1), app.Td().Text(fmt.Sprintf("%.6g", values[i])), app.Td().Text(fmt.Sprintf("%.1e", residuals[i])))
				})),
			),
		)
	}
	return app.Div().Class("tables").Body(
		table("top-table", fmt.Sprintf("Largest %d eigenvalues (outliers highlighted)", len(res.Top)), res.Top, res.Residuals, res.Outliers),
		table("bottom-table", fmt.Sprintf("Smallest %d eigenvalues", len(res.Bottom)), res.Bottom, res.BottomResiduals, 0),
	)
}

// specLabel names a spec by the keys where it differs from the defaults.
func specLabel(s *spectrum.Spec) string {
	d := spectrum.Default()
	var parts []string
	for _, p := range experiment.Params(s) {
		if v := p.Get(s); v != p.Get(&d) {
			parts = append(parts, p.Key+"="+v)
		}
	}
	if len(parts) == 0 {
		return "default"
	}
	label := strings.Join(parts, " ")
	if r := []rune(label); len(r) > 48 {
		label = string(r[:47]) + "…"
	}
	return label
}

// renderPins shows the pinned runs side by side, each with its own small
// density chart; the main chart overlays them too.
func (p *spectrumPage) renderPins() app.UI {
	if len(p.pins) == 0 {
		return app.Div()
	}
	return app.Section().Class("panel").ID("pins").Body(
		app.H2().Text("Pinned runs"),
		app.Div().Class("pins").Body(app.Range(p.pins).Slice(func(i int) app.UI {
			o := p.pins[i]
			mini := densityPlot(o.Result, densityView{LogY: true}, nil)
			mini.Title, mini.Legend, mini.Height, mini.Width = "", false, 240, 360
			return app.Div().Class("pin").Body(
				app.H3().Body(app.Span().Text(o.Label), app.Button().Class("small").Aria("label", "remove pin "+o.Label).Text("×").
					OnClick(func(ctx app.Context, e app.Event) { p.unpin(i) })),
				app.Div().Class("chart").Body(app.Raw(mini.SVG())),
				app.Div().Class("meta").Text(fmt.Sprintf("%d parameters · %d outliers · bulk edge %.3g · λmax %.4g", o.Result.Params, o.Result.Outliers, o.Result.BulkEdge, o.Result.Top[0])),
			)
		})),
	)
}
