package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// slqQuery is a 4-probe spectrum whose Lanczos part dominates: 100 epochs
// of training cost about 100 gradients, while 4 probes × 150 Lanczos steps
// cost 600 Hessian-vector products, each a few gradients' work.
const slqQuery = "v=1&probes=4&epochs=100&steps=150"

// BenchmarkSLQPool times a run from the click on Run to the rendered
// result, with a pool of 1 and of 2 compute workers. app/pool sizes the
// pool from navigator.hardwareConcurrency (pool.DefaultSize caps it to
// [1, 4]), which a script overrides before the page loads. It reports
// s/run (click to done) and lanczos-s/run (from the first Lanczos progress
// to done: the probes, which run in parallel, and the assembly).
func BenchmarkSLQPool(b *testing.B) { benchmarkPool(b, slqQuery) }

// shardQuery1 is a single-probe spectrum whose Hessian-vector products are
// heavy (4000 samples, 256 hidden units, ≈20 ms each in the browser): on 2
// workers the app splits each product over both (app.shardsFor), so
// lanczos-s/run measures the speed-up of the data-parallel products. On the
// default network a product takes ≈1.7 ms, about what the two messages
// between the workers cost, and sharding gains nothing there.
const shardQuery1 = "v=1&probes=1&samples=4000&hidden=256&epochs=5&steps=100"

// BenchmarkSLQSharded times a one-probe run on 1 and 2 workers, as
// BenchmarkSLQPool does; on 2 workers the probe is sharded.
func BenchmarkSLQSharded(b *testing.B) { benchmarkPool(b, shardQuery1) }

// BenchmarkDefaultPreset times the spectrum page's default preset, click to
// histogram, on 1 and 2 workers.
func BenchmarkDefaultPreset(b *testing.B) { benchmarkPool(b, "v=1") }

func benchmarkPool(b *testing.B, query string) {
	for _, workers := range []int{1, 2} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			tt := newTab(b, script(fmt.Sprintf(
				`Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => %d});`, workers)))
			tt.open("/spectrum?" + query)
			if got := eval[int](tt, `navigator.hardwareConcurrency`); got != workers {
				b.Fatalf("navigator.hardwareConcurrency is %d, want the override %d", got, workers)
			}
			tt.waitStatus("done", runTimeout) // warm-up: the run that opening starts, which starts the workers

			var total, lanczos time.Duration
			b.ResetTimer()
			for range b.N {
				t, l := tt.timeRun()
				total += t
				lanczos += l
			}
			b.StopTimer()
			if n := len(tt.targets(b, "worker")); n != workers {
				b.Errorf("the tab runs %d compute workers, want %d", n, workers)
			}
			b.ReportMetric(total.Seconds()/float64(b.N), "s/run")
			b.ReportMetric(lanczos.Seconds()/float64(b.N), "lanczos-s/run")
		})
	}
}

// timeRun clicks Run and waits until the run is done. A MutationObserver
// in the page times the run as the page renders it: it returns the time
// from the click to done, and from the first Lanczos progress to done.
func (tt *tab) timeRun() (total, lanczos time.Duration) {
	tt.tb.Helper()
	eval[bool](tt, runTimer)
	tt.click("#run")
	ctx, cancel := context.WithTimeout(tt.ctx, runTimeout) // a guard against a hang only
	defer cancel()
	r, err := chromedp.Run(ctx, chromedp.Evaluate[timedRun](`window.__timed`, chromedp.EvalAwaitPromise))
	if err != nil {
		tt.tb.Fatalf("waiting for the run to end: %v (status %q)", err, tt.status())
	}
	if r.Status != "done" {
		tt.tb.Fatalf("the run ended %s: %q", r.Status, r.Message)
	}
	ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
	return ms(r.TotalMs), ms(r.Lanczos)
}

// timedRun is what runTimer's promise resolves to.
type timedRun struct {
	Status  string  `json:"status"`
	Message string  `json:"message"`
	TotalMs float64 `json:"totalMs"`
	Lanczos float64 `json:"lanczos"`
}

// runTimer sets window.__timed to a promise of the next run's end: its
// status, failure message, milliseconds from now to the end, and from the
// first status line that mentions Lanczos to the end.
const runTimer = `(() => {
	const before = document.querySelector('#run-status')?.dataset.run ?? '';
	const t0 = performance.now();
	let lanczosAt = 0;
	window.__timed = new Promise(done => {
		const obs = new MutationObserver(() => {
			const s = document.querySelector('#run-status');
			if (!s || s.dataset.run === before) return;
			if (!lanczosAt && (s.querySelector('.status-line')?.textContent ?? '').includes('Lanczos')) lanczosAt = performance.now();
			if (!['done', 'failed', 'canceled'].includes(s.dataset.status)) return;
			obs.disconnect();
			const end = performance.now();
			done({status: s.dataset.status, message: s.querySelector('.error')?.textContent ?? '',
				totalMs: end - t0, lanczos: end - (lanczosAt || end)});
		});
		obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
	});
	return true })()`
