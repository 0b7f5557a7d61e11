package e2e

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	kernelsrun "github.com/overparam/overparam/compute/experiment/kernels/run"
)

// Small links of the kernels page's two models, a second or two each.
const (
	kernelsRobustQuery = "v=1&dim=50&samples=20&ntk=square,tanh&ntkwidths=2,4,8,16&rf=tanh&rfwidths=50,100,200&seeds=1&tests=2"
	kernelsQNNQuery    = "v=1&model=qnn&depths=2,4&steps=500"
)

// TestKernelsPageRunsEachModelAndMatchesTheCLI: the kernels page runs a
// link of each model, draws its charts, exports the same JSON as the
// native run, and a preset of each model runs and its link restores the
// controls. Truth: the native run in this process with the calls of
// cmd/overparam/kernels.go, the charts app/kernels-page.go documents, and
// experiment.Query/ParseQuery (a link is the spec).
func TestKernelsPageRunsEachModelAndMatchesTheCLI(t *testing.T) {
	for _, c := range []struct {
		model, query, preset string
		charts               []string
	}{
		{"robustness", kernelsRobustQuery, "kernels-even", []string{"kernels-robust"}},
		{"qnn", kernelsQNNQuery, "kernels-qnn-depth", []string{"kernels-rate", "kernels-linear", "kernels-ntk"}},
	} {
		t.Run(c.model, func(t *testing.T) {
			tt := newTab(t)
			defer tt.checkClean(t)
			dir := tt.allowDownloads(t)
			want := nativeJSON(t, func() (any, error) {
				s := kernels.Default()
				experiment.ParseQuery(c.query, &s)
				return kernelsrun.Run(s, experiment.Assets{}, nil)
			})
			tt.open("/kernels?" + c.query)
			tt.waitStatus("done", runTimeout)
			tt.checkCharts(t, "", chartsOf("path", c.charts...))
			if n := eval[int](tt, `document.querySelectorAll('#kernels-table tbody tr').length`); n == 0 {
				t.Error("the result table is empty")
			}
			tt.exportMatchesNative(t, dir, "overparam-kernels.json", want)

			tt.clickRun("#preset-" + c.preset)
			tt.checkCharts(t, "preset "+c.preset+": ", chartsOf("path", c.charts...))
			tt.linkRestoresControls(t, c.preset)
		})
	}
}

// BenchmarkKernelsDefaultPresets times the kernels page's two default
// presets in the browser, from the click on Run to done, on the pool the
// machine gives (after a warm-up run that starts the workers).
func BenchmarkKernelsDefaultPresets(b *testing.B) {
	for _, q := range []string{"v=1", "v=1&model=qnn"} {
		b.Run(q, func(b *testing.B) {
			tt := newTab(b)
			tt.open("/kernels?" + q)
			tt.waitStatus("done", runTimeout)
			var total float64
			b.ResetTimer()
			for range b.N {
				t, _ := tt.timeRun()
				total += t.Seconds()
			}
			b.ReportMetric(total/float64(b.N), "s/run")
		})
	}
}
