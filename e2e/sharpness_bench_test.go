package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// BenchmarkSharpnessDefault times the sharpness page's default preset (the
// edge of stability at two step sizes) from the click on Run: plateau-s/run
// until the first step size's plateau statistic (t* and λ₁/edge) is shown,
// s/run until the whole run is done (every plateau drawn), on the pool the
// page sizes from navigator.hardwareConcurrency (workers=2 here, this
// machine's two cores). BENCHMARKS.md records it.
func BenchmarkSharpnessDefault(b *testing.B) {
	const workers = 2
	b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
		tt := newTab(b, script(fmt.Sprintf(
			`Object.defineProperty(navigator, 'hardwareConcurrency', {get: () => %d});`, workers)))
		tt.open("/sharpness?v=1")
		tt.waitStatus("done", runTimeout) // warm-up: the run that opening starts
		var total, plateau time.Duration
		b.ResetTimer()
		for range b.N {
			eval[bool](tt, plateauTimer)
			tt.click("#run")
			ctx, cancel := context.WithTimeout(tt.ctx, runTimeout) // a guard against a hang only
			r, err := chromedp.Run(ctx, chromedp.Evaluate[plateauRun](`window.__timedPlateau`, chromedp.EvalAwaitPromise))
			cancel()
			if err != nil {
				b.Fatalf("waiting for the run to end: %v (status %q)", err, tt.status())
			}
			if r.Status != "done" || r.PlateauMs == 0 {
				b.Fatalf("the run ended %s (plateau after %.0f ms)", r.Status, r.PlateauMs)
			}
			ms := func(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }
			total += ms(r.TotalMs)
			plateau += ms(r.PlateauMs)
		}
		b.StopTimer()
		b.ReportMetric(total.Seconds()/float64(b.N), "s/run")
		b.ReportMetric(plateau.Seconds()/float64(b.N), "plateau-s/run")
	})
}

// plateauRun is what plateauTimer's promise resolves to.
type plateauRun struct {
	Status    string  `json:"status"`
	TotalMs   float64 `json:"totalMs"`
	PlateauMs float64 `json:"plateauMs"`
}

// plateauTimer sets window.__timedPlateau to a promise of the next run's
// end: its status, the milliseconds from now to the end, and to the first
// moment the first step size's plateau statistic ("t* = …") is shown.
const plateauTimer = `(() => {
	const before = document.querySelector('#run-status')?.dataset.run ?? '';
	const t0 = performance.now();
	let plateauAt = 0;
	window.__timedPlateau = new Promise(done => {
		const obs = new MutationObserver(() => {
			const s = document.querySelector('#run-status');
			if (!s || s.dataset.run === before) return;
			if (!plateauAt && (document.querySelector('#stat-plateau-0')?.textContent ?? '').includes('t* =')) plateauAt = performance.now();
			if (!['done', 'failed', 'canceled'].includes(s.dataset.status)) return;
			obs.disconnect();
			const end = performance.now();
			done({status: s.dataset.status, totalMs: end - t0, plateauMs: (plateauAt || end) - t0});
		});
		obs.observe(document.body, {subtree: true, childList: true, characterData: true, attributes: true});
	});
	return true })()`
