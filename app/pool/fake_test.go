package pool

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// fakeTransport is an in-memory Transport. Its workers do nothing by
// themselves: a test plays the worker's side with fakeWorker.send and
// fakeWorker.fail, after Spawn or Post has returned, as a browser would.
type fakeTransport struct {
	mu      sync.Mutex
	workers []*fakeWorker // every worker ever spawned, in order
	links   int           // channels made by Link
}

// fakeWorker records what the pool did to one spawned worker.
type fakeWorker struct {
	index      int
	onMessage  func(typ, body string, data any)
	onError    func(msg string)
	mu         sync.Mutex
	posted     []string // request bodies, in order
	data       []any    // the payload posted with each request
	ports      [][]any  // the ports posted with each request
	terminated int      // calls of Terminate
}

func (f *fakeTransport) Spawn(index int, onMessage func(typ, body string, data any), onError func(msg string)) Worker {
	w := &fakeWorker{index: index, onMessage: onMessage, onError: onError}
	f.mu.Lock()
	f.workers = append(f.workers, w)
	f.mu.Unlock()
	return w
}

// spawned returns the number of workers spawned so far.
func (f *fakeTransport) spawned() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.workers)
}

// worker returns the i-th spawned worker.
func (f *fakeTransport) worker(t *testing.T, i int) *fakeWorker {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	if i >= len(f.workers) {
		t.Fatalf("worker %d was never spawned (%d spawned)", i, len(f.workers))
	}
	return f.workers[i]
}

func (w *fakeWorker) Post(body string, data any, ports []any) {
	w.mu.Lock()
	w.posted = append(w.posted, body)
	w.data = append(w.data, data)
	w.ports = append(w.ports, ports)
	w.mu.Unlock()
}

// Link returns the ends of a new fake channel, "link<k>a" and "link<k>b".
func (f *fakeTransport) Link() (a, b any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.links++
	return fmt.Sprintf("link%da", f.links), fmt.Sprintf("link%db", f.links)
}

// portsOf returns the ports posted with each request so far.
func (w *fakeWorker) portsOf() [][]any {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.ports)
}

func (w *fakeWorker) Terminate() {
	w.mu.Lock()
	w.terminated++
	w.mu.Unlock()
}

// send plays the worker posting a message to the page.
func (w *fakeWorker) send(typ, body string) { w.onMessage(typ, body, nil) }

// sendData plays the worker posting a message with a payload.
func (w *fakeWorker) sendData(typ, body string, data any) { w.onMessage(typ, body, data) }

// fail plays the worker's error event.
func (w *fakeWorker) fail(msg string) { w.onError(msg) }

// requests returns the bodies posted to the worker so far.
func (w *fakeWorker) requests() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return slices.Clone(w.posted)
}

// terminations returns how often the worker was terminated.
func (w *fakeWorker) terminations() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.terminated
}

// event is one callback a job received.
type event struct{ typ, body string }

// jobLog records the callbacks of one job.
type jobLog struct {
	mu     sync.Mutex
	events []event
	data   []any // each event's payload
}

func (l *jobLog) on(typ, body string, data any) {
	l.mu.Lock()
	l.events = append(l.events, event{typ, body})
	l.data = append(l.data, data)
	l.mu.Unlock()
}

// types returns the types of the events received so far, joined by spaces.
func (l *jobLog) types() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var ts []string
	for _, e := range l.events {
		ts = append(ts, e.typ)
	}
	return strings.Join(ts, " ")
}

// last returns the last event received, or the zero event.
func (l *jobLog) last() event {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.events) == 0 {
		return event{}
	}
	return l.events[len(l.events)-1]
}

// isTerminal reports whether typ ends a job.
func isTerminal(typ string) bool {
	return typ == MsgResult || typ == MsgError || typ == MsgCanceled
}

// checkLog fails unless the log holds at most one terminal event and that
// event comes last.
func checkLog(t *testing.T, name string, l *jobLog) (terminals int) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for i, e := range l.events {
		if isTerminal(e.typ) {
			terminals++
			if i != len(l.events)-1 {
				t.Errorf("%s: terminal %q is followed by more events: %v", name, e.typ, l.events[i+1:])
			}
		}
	}
	if terminals > 1 {
		t.Errorf("%s: %d terminal events: %v", name, terminals, l.events)
	}
	return terminals
}

// submit submits body to p and returns the job with its log.
func submit(p *Pool, body string) (*Job, *jobLog) {
	l := &jobLog{}
	return p.Submit(body, nil, l.on), l
}

// wantCounts fails unless the pool's Busy and Queued counts are as given.
func wantCounts(t *testing.T, p *Pool, busy, queued int) {
	t.Helper()
	if b, q := p.Busy(), p.Queued(); b != busy || q != queued {
		t.Errorf("Busy, Queued = %d, %d; want %d, %d", b, q, busy, queued)
	}
}
