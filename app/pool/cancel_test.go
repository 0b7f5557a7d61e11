package pool

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

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
