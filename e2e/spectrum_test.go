package e2e

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

// TestDefaultSpectrumRuns: /spectrum with no query runs the default preset
// to completion and shows its result consistently. Truth: the DOM contract
// of the spectrum page — #stat-outliers .v holds spectrum.Result.Outliers,
// the top table marks its first Outliers rows with class "outlier"
// (eigenTables in app/spectrum-results.go), and the density chart is a
// histogram of rect.bar elements with one circle in the "accent" series per
// outlier (densityPlot in app/spectrum-plots.go). The count must be exactly
// the one `overparam spectrum` prints for the default preset: the native
// spectrumrun.Run of spectrum.Default() in this process, the call
// cmd/overparam/spectrum.go makes; so must the weak-gap marker, and the
// page must state spectrum.OutlierRule under the count.
func TestDefaultSpectrumRuns(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	cli := make(chan *spectrum.Result, 1)
	go func() {
		res, err := spectrumrun.Run(spectrum.Default(), experiment.Assets{Digits: web.DigitsGz}, nil)
		if err != nil {
			t.Errorf("the native run of the default preset: %v", err)
		}
		cli <- res
	}()
	start := time.Now()
	tt.open("/spectrum")
	tt.waitStatus("done", runTimeout)
	t.Logf("open to done: %v", time.Since(start).Round(time.Millisecond))

	bars := eval[int](tt, `document.querySelectorAll('#chart-density svg rect.bar').length`)
	if bars < 2 {
		t.Errorf("the density chart has %d histogram rects (rect.bar), want a histogram", bars)
	}
	text := strings.TrimSpace(eval[string](tt, `document.querySelector('#stat-outliers .v')?.textContent ?? ''`))
	outliers, err := strconv.Atoi(text)
	if err != nil {
		t.Fatalf("#stat-outliers .v is %q, want an integer", text)
	}
	if want := <-cli; want != nil {
		if outliers != want.Outliers {
			t.Errorf("the page shows %d outliers, the CLI's run of the default preset %d", outliers, want.Outliers)
		}
		if weak := eval[bool](tt, `document.getElementById('outliers-weak') !== null`); weak != want.WeakGap {
			t.Errorf("the page's weak-gap marker is %v, the CLI's weak_gap %v", weak, want.WeakGap)
		}
	}
	if rule := eval[string](tt, `document.getElementById('outlier-rule')?.textContent ?? ''`); rule != spectrum.OutlierRule {
		t.Errorf("#outlier-rule reads %q, want experiment.OutlierRule", rule)
	}
	if rows := eval[int](tt, `document.querySelectorAll('#top-table tr.outlier').length`); rows != outliers {
		t.Errorf("#top-table has %d rows with class outlier, but #stat-outliers says %d", rows, outliers)
	}
	if rows := eval[int](tt, `document.querySelectorAll('#bottom-table tr.outlier').length`); rows != 0 {
		t.Errorf("#bottom-table has %d outlier rows, want 0: outliers are the largest eigenvalues", rows)
	}
	if dots := eval[int](tt, `document.querySelectorAll('#chart-density svg g.accent circle').length`); dots != outliers {
		t.Errorf("the density chart draws %d accent points, but #stat-outliers says %d outliers", dots, outliers)
	}
	if n := eval[int](tt, `document.querySelectorAll('#chart-training svg path').length`); n == 0 {
		t.Errorf("the training chart has no curves")
	}
	t.Logf("%d histogram bars, %d outliers", bars, outliers)
}

// TestCancelStopsRunAtOnce: Cancel ends a long run, the canceled run stays
// canceled, its worker stops computing, and the next run completes on a
// fresh worker. Truth: spectrumRun.Cancel in app/spectrum-run.go cancels
// every job and emits the canceled state at once; Job.Cancel in app/pool
// terminates the worker of a running job, and the pool spawns a new one for
// the next job. The test waits on events (a progress message, the status,
// the workers' targets being destroyed, the next run finishing); its
// timeouts only guard against a hang.
func TestCancelStopsRunAtOnce(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/spectrum?v=1&epochs=20000") // about 10¹¹ operations: minutes of training
	tt.click("#run")                      // a link estimated above experiment.AutoRunSeconds waits for Run
	tt.waitStatus("running", pageLoadTimeout)
	// The workers are deep in training once a worker has reported an epoch.
	tt.waitFor("the first training progress", `/training: [1-9]/.test(document.querySelector('#run-status .status-line')?.textContent ?? '')`, pageLoadTimeout)
	busy := targetIDs(tt.targets(t, "worker"))
	if len(busy) == 0 {
		t.Fatalf("a run is going but the tab has no compute worker")
	}
	eval[bool](tt, statusLog)
	run := eval[string](tt, `document.querySelector('#run-status').dataset.run`)

	// Subscribe before the click, so no destruction of a worker is missed.
	watch, stopWatch := context.WithTimeout(tt.ctx, runTimeout)
	defer stopWatch()
	destroyed := chromedp.BrowserEvents(watch, target.TargetDestroyed)

	clicked := time.Now()
	tt.click("#cancel")
	tt.waitStatus("canceled", pageLoadTimeout)
	t.Logf("canceled %v after the click", time.Since(clicked).Round(time.Millisecond))
	if eval[bool](tt, `document.getElementById('cancel').disabled`) == false {
		t.Errorf("#cancel is still enabled after the run was canceled")
	}

	// The computation itself stops: every worker of the canceled job ends.
	// Chromium lets a busy worker run on for up to 2 s after terminate()
	// before it forces it to stop (kForcibleTerminationDelay in Blink's
	// worker_thread.cc). Once they are gone, no message of the canceled
	// run can arrive any more.
	left := maps.Clone(busy)
	for id := range left {
		if !slices.ContainsFunc(tt.targets(t, "worker"), func(in *target.Info) bool { return in.TargetID == id }) {
			delete(left, id)
		}
	}
	if len(left) > 0 {
		for ev, err := range destroyed {
			if err != nil {
				break
			}
			if delete(left, ev.TargetID); len(left) == 0 {
				break
			}
		}
	}
	if len(left) > 0 {
		t.Fatalf("%d workers of the canceled job were never destroyed (waited %v)", len(left), runTimeout)
	}
	t.Logf("the canceled job's workers ended %v after the click", time.Since(clicked).Round(time.Millisecond))

	started := time.Now()
	tt.clickRun("#preset-classes3")
	t.Logf("the classes3 preset ran in %v after the cancel", time.Since(started).Round(time.Millisecond))
	// No late message of the canceled run revived it: from its canceled
	// state until the next run finished, the status never showed it again.
	log := eval[[]string](tt, `window.__statuses`)
	if i := slices.Index(log, "canceled "+run); i < 0 {
		t.Errorf("the status log %q never shows run %s canceled", log, run)
	} else {
		for _, e := range log[i+1:] {
			if strings.HasSuffix(e, " "+run) {
				t.Errorf("after its cancel, run %s came back as %q (status log %q)", run, e, log)
			}
		}
	}
	if got := eval[string](tt, `document.getElementById('f-classes').value`); got != "3" {
		t.Errorf("after the preset #f-classes is %q, want 3", got)
	}
	fresh := targetIDs(tt.targets(t, "worker"))
	if len(fresh) == 0 {
		t.Errorf("no compute worker is alive after the second run")
	}
	for id := range fresh {
		if busy[id] {
			t.Errorf("the next run used worker %s of the canceled run; want a fresh one", id)
		}
	}
}

// statusLog starts window.__statuses, the list of every distinct
// "<data-status> <data-run>" of #run-status from now on, recorded by a
// MutationObserver as the page renders it.
const statusLog = `(() => {
	window.__statuses = [];
	const note = () => {
		const s = document.querySelector('#run-status');
		const e = s ? s.dataset.status + ' ' + s.dataset.run : '';
		if (window.__statuses.at(-1) !== e) window.__statuses.push(e);
	};
	new MutationObserver(note).observe(document.body, {subtree: true, childList: true, attributes: true, attributeFilter: ['data-status', 'data-run']});
	note();
	return true })()`

// targetIDs is the set of the targets' ids.
func targetIDs(infos []*target.Info) map[target.ID]bool {
	ids := map[target.ID]bool{}
	for _, in := range infos {
		ids[in.TargetID] = true
	}
	return ids
}
