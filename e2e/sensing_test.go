package e2e

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
	sensingrun "github.com/overparam/overparam/compute/experiment/sensing/run"
)

// robustQuery is a small robust-recovery link: ℓ1 against ℓ2 at two
// outlier fractions, a second or two in the browser.
const robustQuery = "v=1&loss=l1&n=10&r=2&rankover=6&measurements=200&init=0.001&lr=0.1&decay=0.995&steps=600&outliers=0,0.3"

// TestSensingPresetRunsAndMatchesTheCLI: the sensing page runs a preset
// (each curve a job on the pool), draws its chart, exports the CLI's JSON
// bit for bit, and its link, opened again, restores the controls; a robust
// link draws the chart of the final error against the outlier fraction.
// Truth: the native run in this process with the calls of
// cmd/overparam/sensing.go, experiment.Query/ParseQuery (a link is the
// spec) and the charts app/sensing-page.go documents.
func TestSensingPresetRunsAndMatchesTheCLI(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	dir := tt.allowDownloads(t)
	tt.open("/sensing?v=1") // the default preset runs on opening
	tt.waitStatus("done", runTimeout)
	tt.clickRun("#preset-sensing-rebalance")
	if n := tt.drawn("error", "path"); n < 3 {
		t.Errorf("the error chart draws %d paths, want a curve per α", n)
	}
	if n := eval[int](tt, `document.querySelectorAll('#sensing-table tbody tr').length`); n != 3 {
		t.Errorf("the table lists %d curves, want 3", n)
	}
	query := eval[string](tt, `location.search.slice(1)`)
	want := nativeJSON(t, func() (any, error) {
		s := sensing.Default()
		experiment.ParseQuery(query, &s)
		return sensingrun.Run(s, experiment.Assets{}, nil)
	})
	tt.exportMatchesNative(t, dir, "overparam-sensing.json", want)

	tt.linkRestoresControls(t, "sensing-rebalance")

	tt.open("/sensing?" + robustQuery)
	tt.waitStatus("done", runTimeout)
	if n := tt.drawn("outliers", "circle"); n < 4 {
		t.Errorf("the outlier chart draws %d dots, want 2 methods × 2 fractions", n)
	}
}

// BenchmarkSensingDefault times the sensing page's default preset on the
// page's pool: from the click on Run to the first curve in the table
// (first-s/run) and to done (s/run).
func BenchmarkSensingDefault(b *testing.B) {
	tt := newTab(b)
	tt.open("/sensing?v=1")
	tt.waitStatus("done", runTimeout) // warm-up: the run that opening starts, which starts the workers
	var first, total time.Duration
	b.ResetTimer()
	for range b.N {
		eval[bool](tt, sensingTimer)
		tt.click("#run")
		ctx, cancel := context.WithTimeout(tt.ctx, runTimeout) // a guard against a hang only
		r, err := chromedp.Run(ctx, chromedp.Evaluate[sensingTimed](`window.__sensingTimed`, chromedp.EvalAwaitPromise))
		cancel()
		if err != nil || r.Status != "done" {
			b.Fatalf("the run ended %q: %v", r.Status, err)
		}
		first += time.Duration(r.FirstMs * float64(time.Millisecond))
		total += time.Duration(r.TotalMs * float64(time.Millisecond))
	}
	b.StopTimer()
	b.ReportMetric(first.Seconds()/float64(b.N), "first-s/run")
	b.ReportMetric(total.Seconds()/float64(b.N), "s/run")
}

// sensingTimed is what sensingTimer's promise resolves to.
type sensingTimed struct {
	Status  string  `json:"status"`
	FirstMs float64 `json:"firstMs"`
	TotalMs float64 `json:"totalMs"`
}

// sensingTimer sets window.__sensingTimed to a promise of the next run's
// end, with the milliseconds from now to the first curve in the table of
// the new run, and to the end.
const sensingTimer = `(() => {
	const before = document.querySelector('#run-status')?.dataset.run ?? '';
	const t0 = performance.now();
	let first = 0;
	window.__sensingTimed = new Promise(done => {
		const obs = new MutationObserver(() => {
			const s = document.querySelector('#run-status');
			if (!s || s.dataset.run === before) return;
			if (!first && document.querySelectorAll('#sensing-table tbody tr').length > 0) first = performance.now();
			if (!['done', 'failed', 'canceled'].includes(s.dataset.status)) return;
			obs.disconnect();
			const end = performance.now();
			done({status: s.dataset.status, firstMs: (first || end) - t0, totalMs: end - t0});
		});
		obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
	});
	return true })()`
