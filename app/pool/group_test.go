package pool

import (
	"slices"
	"strings"
	"testing"
)

// startGroup submits a lead with two helpers to a fresh pool of size and
// makes every spawned worker ready.
func startGroup(t *testing.T, ft *fakeTransport, p *Pool) (*Job, *jobLog) {
	t.Helper()
	l := &jobLog{}
	j := p.SubmitGroup("lead", []string{"h1", "h2"}, nil, l.on)
	for i := range ft.spawned() {
		ft.worker(t, i).send(MsgReady, "{}")
	}
	return j, l
}

// Truth: SubmitGroup's contract — the members start together on distinct
// workers, the lead with the first end of every channel and each helper
// with the second end of its own.
func TestAGroupStartsTogetherOnDistinctLinkedWorkers(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 3)
	_, l := startGroup(t, ft, p)
	if ft.spawned() != 3 {
		t.Fatalf("a group of 3 spawned %d workers, want 3", ft.spawned())
	}
	wantCounts(t, p, 3, 0)
	want := map[string][]any{"lead": {"link1a", "link2a"}, "h1": {"link1b"}, "h2": {"link2b"}}
	for i := range 3 {
		w := ft.worker(t, i)
		reqs, ports := w.requests(), w.portsOf()
		if len(reqs) != 1 || !slices.Equal(ports[0], want[reqs[0]]) {
			t.Errorf("worker %d got %v with ports %v; want one member with its ports %v", i, reqs, ports, want)
		}
	}
	ft.worker(t, 0).send(MsgResult, `{"ok":1}`)
	ft.worker(t, 1).send(MsgResult, `{}`)
	ft.worker(t, 2).send(MsgResult, `{}`)
	if got := l.types(); got != MsgResult {
		t.Errorf("the lead's log is %q; want only its result (helpers' results are not delivered)", got)
	}
	wantCounts(t, p, 0, 0)
}

// Truth: a group needs all its workers at once, so it waits while fewer
// are free, and later jobs wait behind it.
func TestAGroupWaitsUntilEnoughWorkersAreFree(t *testing.T) {
	ft := &fakeTransport{}
	p := New(ft, 3)
	_, first := submit(p, "first")
	l := &jobLog{}
	p.SubmitGroup("lead", []string{"h1", "h2"}, nil, l.on)
	_, after := submit(p, "after")
	wantCounts(t, p, 1, 4)
	ft.worker(t, 0).send(MsgReady, "{}")
	ft.worker(t, 0).send(MsgResult, "{}")
	if first.last().typ != MsgResult {
		t.Fatalf("first job: %q", first.types())
	}
	wantCounts(t, p, 3, 1)
	for i := range ft.spawned() {
		ft.worker(t, i).send(MsgReady, "{}")
	}
	var bodies []string
	for i := range ft.spawned() {
		bodies = append(bodies, ft.worker(t, i).requests()...)
	}
	slices.Sort(bodies)
	if want := []string{"first", "h1", "h2", "lead"}; !slices.Equal(bodies, want) {
		t.Errorf("posted %v; want %v (the job after the group still waits)", bodies, want)
	}
	if after.types() != "" {
		t.Errorf("the job after the group got %q", after.types())
	}
}

// Truth: SubmitGroup's contract on failures — canceling the lead cancels
// the helpers, and a helper's crash ends the lead with an error naming it;
// either way every other member's worker is terminated.
func TestAGroupFailsTogether(t *testing.T) {
	t.Run("canceling the lead terminates every member", func(t *testing.T) {
		ft := &fakeTransport{}
		p := New(ft, 3)
		j, l := startGroup(t, ft, p)
		j.Cancel()
		if l.types() != MsgCanceled {
			t.Errorf("lead log %q; want canceled", l.types())
		}
		for i := range 3 {
			if n := ft.worker(t, i).terminations(); n != 1 {
				t.Errorf("worker %d terminated %d times; want 1", i, n)
			}
		}
		wantCounts(t, p, 0, 0)
	})
	t.Run("a helper's crash fails the lead with a clear error", func(t *testing.T) {
		ft := &fakeTransport{}
		p := New(ft, 4)
		_, l := startGroup(t, ft, p)
		ft.worker(t, 2).send(MsgCrash, `{"error":"out of memory"}`)
		last := l.last()
		if l.types() != MsgError || !strings.Contains(last.body, "helper 2 of 2 failed: worker crashed: out of memory") {
			t.Errorf("lead log %q %s; want an error naming helper 2's crash", l.types(), last.body)
		}
		for i := range 3 {
			if n := ft.worker(t, i).terminations(); n != 1 {
				t.Errorf("worker %d terminated %d times; want 1", i, n)
			}
		}
		wantCounts(t, p, 0, 0)
		_, next := submit(p, "next")
		wantCounts(t, p, 1, 0)
		_ = next
	})
	t.Run("canceling a queued group leaves nothing behind", func(t *testing.T) {
		ft := &fakeTransport{}
		p := New(ft, 3)
		submit(p, "busy")
		j := p.SubmitGroup("lead", []string{"h1", "h2"}, nil, nil)
		wantCounts(t, p, 1, 3)
		j.Cancel()
		wantCounts(t, p, 1, 0)
	})
}

// Truth: SubmitGroup's documented refusals.
func TestGroupsThePoolCannotRunFailAtOnce(t *testing.T) {
	for _, c := range []struct {
		name string
		t    Transport
		want string
	}{
		{"larger than the pool", &fakeTransport{}, "a group of 3 jobs needs 3 workers; the pool has 2"},
		{"a transport without links", noLinks{&fakeTransport{}}, "cannot link workers"},
	} {
		t.Run(c.name, func(t *testing.T) {
			size := 2
			if _, ok := c.t.(noLinks); ok {
				size = 3
			}
			p := New(c.t, size)
			l := &jobLog{}
			p.SubmitGroup("lead", []string{"h1", "h2"}, nil, l.on)
			if l.types() != MsgError || !strings.Contains(l.last().body, c.want) {
				t.Errorf("got %q %s; want an error containing %q", l.types(), l.last().body, c.want)
			}
			wantCounts(t, p, 0, 0)
		})
	}
}

// noLinks hides the fake transport's Linker.
type noLinks struct{ f *fakeTransport }

func (n noLinks) Spawn(index int, onMessage func(typ, body string, data any), onError func(msg string)) Worker {
	return n.f.Spawn(index, onMessage, onError)
}
