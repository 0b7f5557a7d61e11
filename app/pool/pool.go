// Package pool runs independent compute jobs in parallel on a small pool of
// workers. In the browser each worker is a dedicated Web Worker running its
// own Go wasm instance (web/compute-worker.js and wasm/worker); the pool
// itself is pure Go and reaches the workers only through the Transport
// interface, so it is tested natively with an in-memory transport.
//
// # Messages
//
// A job's request is posted to a worker as one JSON text, with an optional
// binary payload, data, which the pool passes on without reading it (in the
// browser an ArrayBuffer: a spectrum's trained θ, which never enters the
// page's Go heap). The worker answers with typed messages, each a JSON body
// and, on a result, possibly such a payload (see the Msg constants): any number of MsgProgress and
// MsgPartial, then exactly one MsgResult or MsgError, which ends the job and
// frees the worker. MsgReady is sent once when a worker's Go instance is
// listening; MsgCrash means the instance died and the worker must be
// replaced.
//
// The callback given to Submit sees every message of its job and exactly one
// terminal message: MsgResult, MsgError (also for crashes and worker load
// failures, with body {"error":"…"}) or MsgCanceled (body {}). After the
// terminal message it is never called again.
//
// # Groups
//
// SubmitGroup runs a lead job and helper jobs together on distinct workers,
// linked by direct channels (MessagePorts in the browser), for work that
// one job spreads over several workers: a sharded Lanczos probe.
//
// # Concurrency
//
// Browsers deliver every callback on one event loop, but the pool is safe for
// concurrent use anyway: its state is guarded by a mutex, and callbacks are
// delivered one at a time, in order, without the mutex held, so a callback
// may call Submit, Cancel or Close.
package pool

import "sync"

// MaxWorkers is the largest pool size New accepts; larger sizes are clamped.
const MaxWorkers = 8

// Message types of the worker contract, and MsgCanceled, which the pool
// itself delivers to a job that was canceled.
const (
	MsgReady    = "ready"    // worker → pool: the Go instance is listening
	MsgProgress = "progress" // worker → job: progress report
	MsgPartial  = "partial"  // worker → job: intermediate results
	MsgResult   = "result"   // worker → job: final result; ends the job
	MsgError    = "error"    // worker → job: the job failed; ends the job
	MsgCrash    = "crash"    // worker → pool: the instance died; replace it
	MsgCanceled = "canceled" // pool → job: the job was canceled; ends it
)

// Transport creates workers. The browser implementation is NewWebTransport;
// tests use an in-memory one.
//
// Spawn starts worker number index (0 ≤ index < Size) and returns at once;
// the worker reports through onMessage (typ is one of the Msg constants,
// body is JSON text, passed through unparsed, and data the message's binary
// payload or nil) and through onError (the
// worker itself failed, for example its script did not load). A transport
// must not call onMessage or onError synchronously from inside Spawn, Post
// or Terminate: browsers never do, since worker events are queued tasks.
type Transport interface {
	Spawn(index int, onMessage func(typ, body string, data any), onError func(msg string)) Worker
}

// Linker is a Transport that can also connect two workers directly: Link
// returns the two ends of a new channel (in the browser the ports of a
// MessageChannel), each to be transferred to one worker with its request.
// The pool never looks inside an end. SubmitGroup needs a Linker.
type Linker interface {
	Link() (a, b any)
}

// Worker is one running worker created by a Transport.
type Worker interface {
	// Post sends one request body (JSON text) and its binary payload data
	// (nil for none; copied, not transferred, as several jobs may share it)
	// to the worker, transferring the channel ends ports (from Linker.Link;
	// none for most jobs).
	Post(body string, data any, ports []any)
	// Terminate stops the worker at once and releases its resources. No
	// callback of the worker runs after Terminate returns.
	Terminate()
}

// Pool runs jobs on up to Size workers at once. Workers are spawned when a
// job needs one and then kept warm for later jobs. Create a Pool with New.
type Pool struct {
	t     Transport
	mu    sync.Mutex
	slots []*slot // one per possible worker; a slot's worker may be nil
	queue []*Job  // submitted jobs waiting for a free worker, oldest first

	closed   bool
	outbox   []delivery // callbacks waiting to be delivered, in order
	draining bool       // a goroutine is delivering from outbox
}

// New returns a pool of size workers using transport t. The size is clamped
// to [1, MaxWorkers]. No worker is spawned until a job is submitted.
func New(t Transport, size int) *Pool {
	size = max(1, min(size, MaxWorkers))
	p := &Pool{t: t, slots: make([]*slot, size)}
	for i := range p.slots {
		p.slots[i] = &slot{index: i}
	}
	return p
}

// DefaultSize is the pool size to use in this environment: the browser's
// navigator.hardwareConcurrency capped to [1, 4]. The cap is deliberate.
// Every worker is a full Go wasm instance with its own heap (tens to
// hundreds of MB during a Hessian run), so eight workers could exhaust a
// tab's memory; and on the common 2-core laptop, more workers than cores
// would only slow the page. Natively, where there is no browser, it is 2.
func DefaultSize() int { return sizeFor(platformConcurrency()) }

// sizeFor is the pool size for a machine that reports cores.
func sizeFor(cores int) int { return max(1, min(cores, 4)) }

// Size returns the number of workers the pool may run at once.
func (p *Pool) Size() int { return len(p.slots) }

// Busy returns the number of jobs assigned to a worker: running, or waiting
// for their worker to become ready.
func (p *Pool) Busy() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, s := range p.slots {
		if s.job != nil {
			n++
		}
	}
	return n
}

// Queued returns the number of jobs waiting for a free worker.
func (p *Pool) Queued() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.queue)
}

// Submit queues a job with request body (JSON text) and binary payload data
// (nil for none) and returns it. Jobs start in submission order as workers
// become free. The callback on receives every message of the job, with its
// payload, ending with exactly one terminal message (see the package
// documentation); it may be nil. Submitting to a closed pool ends the job at
// once with MsgError.
func (p *Pool) Submit(body string, data any, on func(typ, body string, data any)) *Job {
	j := &Job{pool: p, body: body, data: data, on: on}
	p.mu.Lock()
	if p.closed {
		p.endLocked(j, MsgError, errorBody("pool: closed"))
	} else {
		p.queue = append(p.queue, j)
		p.dispatchLocked()
	}
	p.mu.Unlock()
	p.drain()
	return j
}

// CancelAll cancels every queued and running job, as Job.Cancel does.
func (p *Pool) CancelAll() {
	p.mu.Lock()
	p.cancelAllLocked()
	p.mu.Unlock()
	p.drain()
}

// Close cancels every job, terminates every worker and makes later Submits
// fail. It is idempotent.
func (p *Pool) Close() {
	p.mu.Lock()
	if !p.closed {
		p.closed = true
		p.cancelAllLocked()
		for _, s := range p.slots {
			s.reset()
		}
	}
	p.mu.Unlock()
	p.drain()
}

// cancelAllLocked cancels the queue first, so that canceling running jobs
// does not start queued ones.
func (p *Pool) cancelAllLocked() {
	queued := p.queue
	p.queue = nil
	for _, j := range queued {
		p.endLocked(j, MsgCanceled, "{}")
	}
	for _, s := range p.slots {
		if s.job != nil {
			p.cancelLocked(s.job)
		}
	}
}
