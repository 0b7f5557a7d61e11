package pool

import (
	"fmt"
	"slices"
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

func TestDefaultSizeFollowsTheCoresUpToFour(t *testing.T) {
	// Holds README.md, "How it works": the pool is "sized from
	// navigator.hardwareConcurrency (capped at 4 …)". Truth: that sentence,
	// for 0 (unknown), 1, 2, 3, 4, 8 and 64 cores.
	for _, tc := range []struct{ cores, want int }{{0, 1}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {8, 4}, {64, 4}} {
		if got := sizeFor(tc.cores); got != tc.want {
			t.Errorf("%d cores: pool size %d, want %d", tc.cores, got, tc.want)
		}
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
	var depth int
	var got []string
	a = p.Submit("a", nil, func(typ, body string, _ any) {
		depth++
		defer func() { depth-- }()
		if depth > 1 {
			t.Errorf("the callback was re-entered with %q", typ)
		}
		got = append(got, typ)
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
	if chained.types() != "result" || !slices.Equal(got, []string{MsgProgress, MsgCanceled}) {
		t.Errorf("chained job received %q and a %v; want result, and progress then canceled", chained.types(), got)
	}
}

func TestAReadyIdleWorkerIsPreferredToALoadingOne(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 2)
	a, _ := submit(p, "a")
	submit(p, "b")
	loading, ready := ft.worker(t, 0), ft.worker(t, 1)
	ready.send(MsgReady, "{}")
	ready.send(MsgResult, "{}")
	a.Cancel() // detaches a from worker 0, which keeps loading
	_, lc := submit(p, "c")
	if got := ready.requests(); !slices.Equal(got, []string{"b", "c"}) {
		t.Fatalf("the ready idle worker got %v, want c posted at once after b", got)
	}
	ready.send(MsgResult, "{}")
	if lc.types() != "result" || len(loading.requests()) != 0 || ft.spawned() != 2 {
		t.Errorf("c=%q, loading worker got %v, spawned=%d", lc.types(), loading.requests(), ft.spawned())
	}
}

func TestANilCallbackIsAllowed(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 1)
	p.Submit("a", nil, nil)
	ft.worker(t, 0).send(MsgReady, "{}")
	ft.worker(t, 0).send(MsgProgress, "{}")
	ft.worker(t, 0).send(MsgResult, "{}")
	wantCounts(t, p, 0, 0)
}

// Truth: the payload contract of Submit and SubmitGroup (pool.go, group.go)
// — a request's payload reaches its worker's Post untouched (every member
// of a group gets it), a result's payload reaches the job's callback, and
// progress carries none.
func TestPayloadsPassThroughUntouched(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 3)
	theta := []float64{1, 2, 3}
	l := &jobLog{}
	p.Submit("train", nil, l.on)
	w := ft.worker(t, 0)
	w.send(MsgReady, "{}")
	w.sendData(MsgProgress, `{}`, nil)
	w.sendData(MsgResult, `{}`, theta)
	if len(l.data) != 2 || l.data[0] != nil {
		t.Fatalf("the callback got payloads %v; want none on progress, then the result's", l.data)
	}
	if got, ok := l.data[1].([]float64); !ok || &got[0] != &theta[0] {
		t.Errorf("the result's payload is %v, want the worker's slice itself", l.data[1])
	}

	p.SubmitGroup("lead", []string{"h1", "h2"}, theta, nil)
	for i := range 3 {
		w := ft.worker(t, i)
		if i > 0 {
			w.send(MsgReady, "{}")
		}
		w.mu.Lock()
		got := w.data[len(w.data)-1]
		w.mu.Unlock()
		if d, ok := got.([]float64); !ok || &d[0] != &theta[0] {
			t.Errorf("group member %d was posted payload %v, want the group's", i, got)
		}
	}
}
