package e2e

import (
	"regexp"
	"strconv"
	"testing"
)

// BenchmarkEstimateRate measures the rate behind experiment.OpsPerSecond
// in the browser: for a few links it clicks Run a second time (warm
// workers), reads the page's "finished in" time and its estimate's
// multiply-adds, and reports estimate / time as ops/s. Run it on a quiet
// machine:
//
//	make build && OVERPARAM_E2E=1 go test -count=1 -run '^$' -bench EstimateRate -benchtime 1x ./e2e
func BenchmarkEstimateRate(b *testing.B) {
	ops := regexp.MustCompile(`([0-9.e+]+) multiply-adds`)
	took := regexp.MustCompile(`finished in ([0-9.]+) s`)
	for _, link := range []string{
		"/spectrum?v=1", "/spectrum?v=1&hidden=256&epochs=100", "/spectrum?v=1&probes=2&hidden=64,64&epochs=100&steps=150",
		"/paths?v=1", "/doubledescent?v=1&model=mlp", "/doubledescent?v=1&model=features",
	} {
		b.Run(link, func(b *testing.B) {
			tt := newTab(b)
			tt.open(link)
			tt.waitFor("the page", `document.getElementById('estimate') !== null || document.querySelector('#run-status').dataset.status !== 'idle'`, pageLoadTimeout)
			tt.waitFor("the run to end or wait", `['done','failed','idle'].includes(document.querySelector('#run-status').dataset.status)`, runTimeout)
			var rate float64
			for range b.N {
				tt.clickRun("#run")
				est := eval[string](tt, `document.getElementById('estimate')?.textContent ?? ''`)
				line := eval[string](tt, `document.querySelector('#run-status .status-line').textContent`)
				m, d := ops.FindStringSubmatch(est), took.FindStringSubmatch(line)
				if m == nil || d == nil {
					b.Fatalf("estimate %q, status %q", est, line)
				}
				o, _ := strconv.ParseFloat(m[1], 64)
				s, _ := strconv.ParseFloat(d[1], 64)
				rate += o / s / float64(b.N)
			}
			b.ReportMetric(rate, "ops/s")
		})
	}
}
