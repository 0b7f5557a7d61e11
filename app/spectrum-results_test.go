package app

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// Truth: the contract of spectrumSummary in app/spectrum-results.go — the
// count sits in #stat-outliers .v, spectrum.OutlierRule is stated under the
// summary (#outlier-rule), the gap ratio has its own stat, and a weak count
// carries #outliers-weak; a strong one does not.
func TestSummaryStatesTheOutlierRuleAndFlagsAWeakGap(t *testing.T) {
	for _, weak := range []bool{false, true} {
		res := &spectrum.Result{Spec: spectrum.Default(), Outliers: 7, BulkEdge: 0.3, GapRatio: 1.25, WeakGap: weak,
			Extremes: spectrum.Extremes{Top: []float64{1}, Bottom: []float64{-0.1}}}
		sum := spectrumSummary(res)
		if err := app.Match(app.Div().Class("v").Text(7), sum, 0, 1); err != nil {
			t.Errorf("weak=%v: the count: %v", weak, err)
		}
		h := html(sum)
		if !strings.Contains(h, `id="outlier-rule"`) || !strings.Contains(h, spectrum.OutlierRule) {
			t.Errorf("weak=%v: the summary does not state the rule", weak)
		}
		if got := strings.Contains(h, `id="outliers-weak"`); got != weak {
			t.Errorf("weak=%v: #outliers-weak present = %v", weak, got)
		}
		gap := "1.25"
		if weak {
			gap += " (weak)"
		}
		if !strings.Contains(h, `id="stat-gap"`) || !strings.Contains(h, gap) {
			t.Errorf("weak=%v: the gap ratio stat does not read %q", weak, gap)
		}
	}
}
