package pool

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestNewClampsSizeToOneThroughMaxWorkers(t *testing.T) {
	for _, tc := range []struct{ size, want int }{
		{-3, 1}, {0, 1}, {1, 1}, {4, 4}, {MaxWorkers, MaxWorkers}, {MaxWorkers + 1, MaxWorkers}, {100, MaxWorkers},
	} {
		if got := New(&fakeTransport{}, tc.size).Size(); got != tc.want {
			t.Errorf("size=%d: Size() = %d, want %d", tc.size, got, tc.want)
		}
	}
}

func TestDefaultSizeIsTwoNatively(t *testing.T) {
	// The native twin of navigator.hardwareConcurrency reports 2; under
	// js/wasm (node) the value depends on the machine but stays in [1, 4].
	got := DefaultSize()
	if got < 1 || got > 4 {
		t.Fatalf("DefaultSize() = %d, want a size in [1, 4]", got)
	}
	if platformConcurrency() == 2 && got != 2 {
		t.Fatalf("DefaultSize() = %d with 2 cores, want 2", got)
	}
}

func TestJobsRunInParallelUpToSizeOnLazilySpawnedWorkers(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 3)
	if ft.spawned() != 0 {
		t.Fatalf("New spawned %d workers, want none", ft.spawned())
	}
	var logs []*jobLog
	for i := range 5 {
		_, l := submit(p, fmt.Sprintf("job%d", i))
		logs = append(logs, l)
	}
	if ft.spawned() != 3 {
		t.Fatalf("5 jobs on 3 workers spawned %d, want 3", ft.spawned())
	}
	wantCounts(t, p, 3, 2)
	for i := range 3 {
		w := ft.worker(t, i)
		if w.index != i {
			t.Errorf("worker %d spawned with index %d", i, w.index)
		}
		if len(w.requests()) != 0 {
			t.Errorf("worker %d got %v before it was ready", i, w.requests())
		}
		w.send(MsgReady, "{}")
		if got, want := w.requests(), []string{fmt.Sprintf("job%d", i)}; !slices.Equal(got, want) {
			t.Errorf("worker %d after ready got %v, want %v", i, got, want)
		}
	}
	ft.worker(t, 1).send(MsgProgress, `{"step":1}`)
	ft.worker(t, 1).send(MsgResult, `{"ok":true}`)
	if got := logs[1].types(); got != "progress result" {
		t.Errorf("job1 received %q, want progress then result", got)
	}
	if got := ft.worker(t, 1).requests(); !slices.Equal(got, []string{"job1", "job3"}) {
		t.Errorf("the freed warm worker got %v, want job1 then job3", got)
	}
	if ft.spawned() != 3 {
		t.Errorf("a free warm worker was not reused: %d spawned", ft.spawned())
	}
	wantCounts(t, p, 3, 1)
}

func TestQueuedJobsStartInSubmissionOrder(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	var want []string
	for i := range 6 {
		want = append(want, fmt.Sprintf("job%d", i))
		submit(p, want[i])
	}
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	for i := range want {
		if got := w.requests(); len(got) != i+1 {
			t.Fatalf("after %d results the worker has %d requests, want %d", i, len(got), i+1)
		}
		w.send(MsgResult, "{}")
	}
	if got := w.requests(); !slices.Equal(got, want) {
		t.Errorf("requests arrived as %v, want %v", got, want)
	}
	if ft.spawned() != 1 {
		t.Errorf("spawned %d workers for sequential jobs, want 1", ft.spawned())
	}
}

func TestMessagesBeforeReadyOrWithoutARequestAreIgnored(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	_, l := submit(p, "a")
	w := ft.worker(t, 0)
	w.send(MsgProgress, "{}")
	w.send(MsgResult, "{}")
	if got := l.types(); got != "" {
		t.Fatalf("a job whose request was not posted received %q", got)
	}
	w.send(MsgReady, "{}")
	w.send(MsgReady, "{}") // a duplicate ready must not post twice
	w.send("unknown", "{}")
	w.send(MsgResult, `{"r":1}`)
	if got := l.last(); got != (event{MsgResult, `{"r":1}`}) {
		t.Errorf("last event %v, want the result", got)
	}
	w.send(MsgResult, `{"r":2}`) // nothing is running now
	if got := l.types(); got != "result" || len(w.requests()) != 1 {
		t.Errorf("received %q with %d requests, want one result for one request", got, len(w.requests()))
	}
}

func TestCancelingAQueuedJobRemovesItWithoutTouchingWorkers(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	_, la := submit(p, "a")
	b, lb := submit(p, "b")
	b.Cancel()
	b.Cancel()
	wantCounts(t, p, 1, 0)
	if got := lb.last(); got != (event{MsgCanceled, "{}"}) || lb.types() != "canceled" {
		t.Errorf("canceled queued job received %q, want one canceled {}", lb.types())
	}
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	w.send(MsgResult, "{}")
	if got := w.requests(); !slices.Equal(got, []string{"a"}) {
		t.Errorf("worker got %v, want only a", got)
	}
	if w.terminations() != 0 || la.types() != "result" {
		t.Errorf("terminations=%d, a received %q; want 0 and result", w.terminations(), la.types())
	}
}

func TestCancelingARunningJobTerminatesAndLaterReplacesItsWorker(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	a, la := submit(p, "a")
	old := ft.worker(t, 0)
	old.send(MsgReady, "{}")
	old.send(MsgProgress, "{}")
	a.Cancel()
	if old.terminations() != 1 {
		t.Fatalf("Cancel terminated the worker %d times, want 1", old.terminations())
	}
	if ft.spawned() != 1 {
		t.Errorf("Cancel respawned eagerly: %d spawned, want 1 until a job needs one", ft.spawned())
	}
	wantCounts(t, p, 0, 0)
	// Late messages from the terminated worker reach nobody.
	old.send(MsgProgress, "{}")
	old.send(MsgResult, "{}")
	old.send(MsgCrash, `{"error":"late"}`)
	old.fail("late")
	a.Cancel()
	if got := la.types(); got != "progress canceled" {
		t.Errorf("canceled job received %q, want progress then canceled", got)
	}
	_, lb := submit(p, "b")
	if ft.spawned() != 2 {
		t.Fatalf("the next job spawned %d workers in total, want 2", ft.spawned())
	}
	fresh := ft.worker(t, 1)
	old.send(MsgReady, "{}") // the old worker's ready must not post b to it
	if len(old.requests()) != 1 || len(fresh.requests()) != 0 {
		t.Fatalf("requests old=%v fresh=%v before the fresh worker is ready", old.requests(), fresh.requests())
	}
	fresh.send(MsgReady, "{}")
	fresh.send(MsgResult, "{}")
	if got := lb.types(); got != "result" || !slices.Equal(fresh.requests(), []string{"b"}) {
		t.Errorf("b received %q on requests %v, want result on [b]", got, fresh.requests())
	}
	if la.types() != "progress canceled" {
		t.Errorf("the canceled job received more events: %q", la.types())
	}
}

func TestCancelingAJobWhoseWorkerIsLoadingKeepsTheWorker(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	a, la := submit(p, "a")
	a.Cancel()
	w := ft.worker(t, 0)
	if w.terminations() != 0 || la.types() != "canceled" {
		t.Fatalf("terminations=%d, a received %q; want 0 and canceled", w.terminations(), la.types())
	}
	_, lb := submit(p, "b")
	w.send(MsgReady, "{}")
	w.send(MsgResult, "{}")
	if ft.spawned() != 1 || !slices.Equal(w.requests(), []string{"b"}) || lb.types() != "result" {
		t.Errorf("spawned=%d requests=%v b=%q; want 1, [b], result", ft.spawned(), w.requests(), lb.types())
	}
}

func TestCancelAfterCompletionChangesNothing(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	a, la := submit(p, "a")
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	w.send(MsgError, `{"error":"bad spec"}`)
	a.Cancel()
	if la.types() != "error" || w.terminations() != 0 {
		t.Errorf("a received %q, worker terminated %d times; want error and 0", la.types(), w.terminations())
	}
}

// TestWorkerFailuresEndTheJobWithAnErrorAndReplaceTheWorker covers both
// ways a worker dies: the bootstrap's crash message and the Worker's error
// event.
func TestWorkerFailuresEndTheJobWithAnErrorAndReplaceTheWorker(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		kill       func(w *fakeWorker)
	}{
		{"crash", "worker crashed: out of memory", func(w *fakeWorker) { w.send(MsgCrash, `{"error":"out of memory"}`) }},
		{"error event", "worker failed: script 404", func(w *fakeWorker) { w.fail("script 404") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ft := &fakeTransport{}
			p := New(ft, 1)
			_, la := submit(p, "a")
			_, lb := submit(p, "b")
			old := ft.worker(t, 0)
			old.send(MsgReady, "{}")
			tc.kill(old)
			if got := la.last(); got.typ != MsgError || errorText(got.body) != tc.want || la.types() != "error" {
				t.Errorf("a received %q, last %v; want one error %q", la.types(), got, tc.want)
			}
			if old.terminations() != 1 || ft.spawned() != 2 {
				t.Fatalf("terminations=%d spawned=%d; want the dead worker terminated and b on a fresh one", old.terminations(), ft.spawned())
			}
			tc.kill(old) // a second report from the dead worker reaches nobody
			fresh := ft.worker(t, 1)
			fresh.send(MsgReady, "{}")
			fresh.send(MsgResult, "{}")
			if lb.types() != "result" || la.types() != "error" {
				t.Errorf("a=%q b=%q; want error and result", la.types(), lb.types())
			}
		})
	}
}

func TestIdleWorkerCrashIsReplacedOnlyWhenNeeded(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 2)
	submit(p, "a")
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	w.send(MsgResult, "{}")
	w.send(MsgCrash, `not json`)
	if ft.spawned() != 1 || w.terminations() != 1 {
		t.Fatalf("spawned=%d terminations=%d after an idle crash; want 1 and 1", ft.spawned(), w.terminations())
	}
	_, lb := submit(p, "b")
	if ft.spawned() != 2 {
		t.Fatalf("the next job spawned %d in total, want 2", ft.spawned())
	}
	ft.worker(t, 1).send(MsgReady, "{}")
	ft.worker(t, 1).send(MsgResult, "{}")
	if lb.types() != "result" {
		t.Errorf("b received %q, want result", lb.types())
	}
}

func TestCallbacksMayCallBackIntoThePool(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	var chained *jobLog
	var a *Job
	a = p.Submit("a", func(typ, body string) {
		if typ == MsgProgress {
			a.Cancel() // cancels itself from inside its own callback
			_, chained = submit(p, "next")
		}
	})
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	w.send(MsgProgress, "{}")
	if chained == nil || p.Busy() != 1 || ft.spawned() != 2 {
		t.Fatalf("busy=%d spawned=%d; want the chained job on a fresh worker", p.Busy(), ft.spawned())
	}
	ft.worker(t, 1).send(MsgReady, "{}")
	ft.worker(t, 1).send(MsgResult, "{}")
	if chained.types() != "result" {
		t.Errorf("chained job received %q, want result", chained.types())
	}
}

func TestANilCallbackIsAllowed(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	p.Submit("a", nil)
	ft.worker(t, 0).send(MsgReady, "{}")
	ft.worker(t, 0).send(MsgProgress, "{}")
	ft.worker(t, 0).send(MsgResult, "{}")
	wantCounts(t, p, 0, 0)
}

func TestCancelAllAndClose(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 2)
	var logs []*jobLog
	for i := range 4 {
		_, l := submit(p, fmt.Sprint(i))
		logs = append(logs, l)
	}
	ft.worker(t, 0).send(MsgReady, "{}")
	p.CancelAll()
	wantCounts(t, p, 0, 0)
	for i, l := range logs {
		if l.types() != "canceled" {
			t.Errorf("job %d received %q after CancelAll, want canceled", i, l.types())
		}
	}
	if ft.worker(t, 0).terminations() != 1 || ft.worker(t, 1).terminations() != 0 {
		t.Errorf("CancelAll must terminate the running worker only")
	}
	_, l := submit(p, "x")
	p.Close()
	p.Close()
	if l.types() != "canceled" {
		t.Errorf("a job pending at Close received %q, want canceled", l.types())
	}
	for i := range ft.spawned() {
		if n := ft.worker(t, i).terminations(); n != 1 {
			t.Errorf("worker %d terminated %d times by Close, want 1", i, n)
		}
	}
	_, late := submit(p, "late")
	if e := late.last(); e.typ != MsgError || !strings.Contains(errorText(e.body), "closed") {
		t.Errorf("Submit after Close gave %v, want an error saying closed", e)
	}
}
