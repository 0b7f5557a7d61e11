package pool

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
)

// sim plays random workers and users against a pool and checks its
// invariants after every step.
type sim struct {
	t      *testing.T
	name   string
	rng    *rand.Rand
	ft     *fakeTransport
	p      *Pool
	jobs   []*Job
	logs   []*jobLog
	bodies []string
	// answered counts, per spawned worker, the requests it has answered
	// with a result or an error.
	answered map[*fakeWorker]int
}

// open returns the number of requests w has received but not answered.
func (s *sim) open(w *fakeWorker) int { return len(w.requests()) - s.answered[w] }

// reply is the result body a worker sends: it names the request it answers,
// so that the test sees results reach the job that asked.
func reply(w *fakeWorker) string {
	if r := w.requests(); len(r) > 0 {
		return fmt.Sprintf("{%q}", r[len(r)-1])
	}
	return "{none}"
}

// step performs one random action.
func (s *sim) step() {
	n := s.ft.spawned()
	if a := s.rng.IntN(10); a < 3 || n == 0 {
		body := fmt.Sprintf("j%d", len(s.jobs))
		j, l := submit(s.p, body)
		s.jobs, s.logs, s.bodies = append(s.jobs, j), append(s.logs, l), append(s.bodies, body)
		return
	} else if a == 3 {
		s.jobs[s.rng.IntN(len(s.jobs))].Cancel()
		return
	} else if a == 4 && s.rng.IntN(20) == 0 {
		s.p.CancelAll()
		return
	}
	w := s.ft.worker(s.t, s.rng.IntN(n))
	before, posted := s.events(), len(w.requests())
	dead, working := w.terminations() > 0, s.open(w) > 0
	switch s.rng.IntN(8) {
	case 0, 1:
		w.send(MsgReady, "{}")
	case 2:
		w.send(MsgProgress, `{"p":1}`)
	case 3:
		w.send(MsgPartial, `{"x":1}`)
	case 4:
		w.send(MsgResult, reply(w))
		if working {
			s.answered[w]++
		}
	case 5:
		w.send(MsgError, `{"error":"bad"}`)
		if working {
			s.answered[w]++
		}
	case 6:
		w.send(MsgCrash, `{"error":"out of memory"}`)
	case 7:
		w.fail("load failed")
	}
	if dead && (s.events() != before || len(w.requests()) != posted) {
		s.t.Fatalf("%s: a terminated worker's message changed the pool", s.name)
	}
}

// events returns the number of callbacks delivered so far.
func (s *sim) events() int {
	n := 0
	for _, l := range s.logs {
		l.mu.Lock()
		n += len(l.events)
		l.mu.Unlock()
	}
	return n
}

// check verifies the invariants that hold between any two steps.
func (s *sim) check() {
	pending := 0
	for i, l := range s.logs {
		name := fmt.Sprintf("%s job %d", s.name, i)
		if checkLog(s.t, name, l) == 0 {
			pending++
		}
		if e := l.last(); e.typ == MsgResult && e.body != fmt.Sprintf("{%q}", s.bodies[i]) {
			s.t.Fatalf("%s: result %s reached the wrong job", name, e.body)
		}
	}
	if b, q := s.p.Busy(), s.p.Queued(); b+q != pending || b > s.p.Size() {
		s.t.Fatalf("%s: Busy=%d Queued=%d with %d unfinished jobs on %d workers", s.name, b, q, pending, s.p.Size())
	}
	live := 0
	for i := range s.ft.spawned() {
		w := s.ft.worker(s.t, i)
		if w.terminations() > 1 {
			s.t.Fatalf("%s: worker %d terminated %d times", s.name, i, w.terminations())
		}
		if w.terminations() == 0 {
			live++
			if o := s.open(w); o > 1 {
				s.t.Fatalf("%s: worker %d has %d requests at once", s.name, i, o)
			}
		}
	}
	if live > s.p.Size() {
		s.t.Fatalf("%s: %d live workers in a pool of %d", s.name, live, s.p.Size())
	}
}

// finish lets every live worker become ready and answer until no job is
// left, then checks that each job ended exactly once.
func (s *sim) finish() {
	for round := 0; s.p.Busy()+s.p.Queued() > 0; round++ {
		if round > len(s.jobs)+10 {
			s.t.Fatalf("%s: jobs never finish: Busy=%d Queued=%d", s.name, s.p.Busy(), s.p.Queued())
		}
		for i := range s.ft.spawned() {
			if w := s.ft.worker(s.t, i); w.terminations() == 0 {
				w.send(MsgReady, "{}")
				if s.open(w) > 0 {
					w.send(MsgResult, reply(w))
					s.answered[w]++
				}
			}
		}
		s.check()
	}
	for i, l := range s.logs {
		if checkLog(s.t, fmt.Sprintf("%s job %d", s.name, i), l) != 1 {
			s.t.Fatalf("%s job %d: no terminal event, got %q", s.name, i, l.types())
		}
	}
}

func TestRandomInterleavingsDeliverExactlyOneTerminalEventPerJob(t *testing.T) {
	const seeds, steps = 150, 300
	for seed := range uint64(seeds) {
		rng := rand.New(rand.NewPCG(seed, 1))
		ft := &fakeTransport{}
		s := &sim{
			t: t, name: fmt.Sprintf("seed=%d", seed), rng: rng, ft: ft,
			p: New(ft, 1+rng.IntN(4)), answered: map[*fakeWorker]int{},
		}
		for range steps {
			s.step()
			s.check()
		}
		s.finish()
	}
}

// TestConcurrentUseKeepsTheInvariants drives the pool from several
// goroutines at once (run it with -race natively); callbacks from worker
// goroutines race with Submit and Cancel from others.
func TestConcurrentUseKeepsTheInvariants(t *testing.T) {
	const goroutines, jobsEach = 4, 50
	ft := &fakeTransport{}
	p := New(ft, 3)
	var mu sync.Mutex
	var logs []*jobLog
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(g), 2))
			for i := range jobsEach {
				j, l := submit(p, fmt.Sprintf("g%d-%d", g, i))
				mu.Lock()
				logs = append(logs, l)
				mu.Unlock()
				if rng.IntN(3) == 0 {
					j.Cancel()
				}
				if n := ft.spawned(); n > 0 {
					w := ft.worker(t, rng.IntN(n))
					w.send(MsgReady, "{}")
					w.send([]string{MsgProgress, MsgResult, MsgError, MsgCrash}[rng.IntN(4)], "{}")
				}
			}
		})
	}
	wg.Wait()
	p.CancelAll()
	wantCounts(t, p, 0, 0)
	for i, l := range logs {
		if checkLog(t, fmt.Sprintf("job %d", i), l) != 1 {
			t.Errorf("job %d: no terminal event, got %q", i, l.types())
		}
	}
}
