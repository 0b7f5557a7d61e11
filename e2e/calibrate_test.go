package e2e

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestCalibrateBrowserOpsPerSecond measures the rate behind
// experiment.OpsPerSecond in the browser: for a few links it clicks Run,
// reads the page's "finished in" time and its estimate's multiply-adds,
// and logs estimate / time. It only measures (run by hand, on a quiet
// machine), so it runs only with OVERPARAM_CALIBRATE=1:
//
//	make build && OVERPARAM_CALIBRATE=1 OVERPARAM_E2E=1 go test -count=1 -run TestCalibrateBrowserOpsPerSecond -v ./e2e
func TestCalibrateBrowserOpsPerSecond(t *testing.T) {
	if os.Getenv("OVERPARAM_CALIBRATE") == "" {
		t.Skip("set OVERPARAM_CALIBRATE=1 to measure the rate")
	}
	ops := regexp.MustCompile(`([0-9.e+]+) multiply-adds`)
	took := regexp.MustCompile(`finished in ([0-9.]+) s`)
	for _, link := range []string{
		"/spectrum?v=1", "/spectrum?v=1&hidden=256&epochs=100", "/spectrum?v=1&probes=2&hidden=64,64&epochs=100&steps=150",
		"/paths?v=1", "/doubledescent?v=1&model=mlp", "/doubledescent?v=1&model=features",
	} {
		tt := newTab(t)
		tt.open(link)
		tt.waitFor("the page", `document.getElementById('estimate') !== null || document.querySelector('#run-status').dataset.status !== 'idle'`, pageLoadTimeout)
		tt.waitFor("the run to end or wait", `['done','failed','idle'].includes(document.querySelector('#run-status').dataset.status)`, runTimeout)
		tt.clickRun("#run") // a second run: the workers are warm, the page loaded
		est := eval[string](tt, `document.getElementById('estimate')?.textContent ?? ''`)
		line := eval[string](tt, `document.querySelector('#run-status .status-line').textContent`)
		m, d := ops.FindStringSubmatch(est), took.FindStringSubmatch(line)
		if m == nil || d == nil {
			t.Errorf("%s: estimate %q, status %q", link, est, line)
			continue
		}
		o, _ := strconv.ParseFloat(m[1], 64)
		s, _ := strconv.ParseFloat(d[1], 64)
		t.Logf("%-60s %.3g ops in %.1f s: %.3g ops/s", link, o, s, o/s)
	}
}
