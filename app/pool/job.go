package pool

import (
	"encoding/json"
	"slices"
)

// Job is one submitted request. Its life is queued → assigned to a worker →
// ended; it ends exactly once, by a result, an error or a cancellation.
type Job struct {
	pool *Pool
	body string                           // the request; cleared once posted
	data any                              // the request's binary payload, or nil; cleared once posted
	on   func(typ, body string, data any) // the Submit callback, or nil
	slot *slot                            // the worker slot running the job, or nil
	done bool                             // the terminal message has been queued

	ports []any  // channel ends transferred with the request; cleared once posted
	group *group // the group the job belongs to, or nil
}

// Cancel ends the job with MsgCanceled unless it has already ended. A queued
// job is removed from the queue. A job whose request a worker has received
// is stopped by terminating that worker at once; a fresh worker replaces it
// when a job next needs one, and nothing the old worker still sends reaches
// any job. A job whose worker is still loading is simply detached, and the
// worker stays to serve the next job. Cancel is idempotent and safe after
// the job has ended.
func (j *Job) Cancel() {
	p := j.pool
	p.mu.Lock()
	p.cancelLocked(j)
	p.mu.Unlock()
	p.drain()
}

// cancelLocked implements Cancel with p.mu held.
func (p *Pool) cancelLocked(j *Job) {
	p.abortLocked(j, MsgCanceled, "{}")
	p.dispatchLocked()
}

// abortLocked ends j with typ and body unless it has ended: a queued job
// leaves the queue, and a worker that has received the job's request is
// terminated. The caller dispatches.
func (p *Pool) abortLocked(j *Job, typ, body string) {
	if j.done {
		return
	}
	if s := j.slot; s != nil {
		if s.posted {
			s.reset()
		}
	} else {
		if i := slices.Index(p.queue, j); i >= 0 {
			p.queue = slices.Delete(p.queue, i, i+1)
		}
	}
	p.endLocked(j, typ, body)
}

// delivery is one pending call of a job's callback.
type delivery struct {
	on        func(typ, body string, data any)
	typ, body string
	data      any
}

// sendLocked queues a non-terminal message for j, unless j has ended.
func (p *Pool) sendLocked(j *Job, typ, body string, data any) {
	if j.done || j.on == nil {
		return
	}
	p.outbox = append(p.outbox, delivery{j.on, typ, body, data})
}

// endLocked queues j's terminal message, without a payload, as endDataLocked.
func (p *Pool) endLocked(j *Job, typ, body string) { p.endDataLocked(j, typ, body, nil) }

// endDataLocked queues j's terminal message with its payload data and frees
// its worker slot. It does nothing if j has already ended, so no job sees
// two terminal messages.
func (p *Pool) endDataLocked(j *Job, typ, body string, data any) {
	if j.done {
		return
	}
	p.sendLocked(j, typ, body, data)
	j.done = true
	j.body, j.data = "", nil
	j.ports = nil
	if s := j.slot; s != nil {
		s.job = nil
		s.posted = false
		j.slot = nil
	}
	if j.group != nil && typ != MsgResult {
		p.endGroupLocked(j.group, j, typ, body)
	}
}

// drain delivers queued callbacks in order, one at a time and without p.mu
// held, so a callback may call back into the pool. If another goroutine is
// already delivering (or this one is, further up the stack, because a
// callback called into the pool), drain leaves the work to it.
func (p *Pool) drain() {
	for {
		p.mu.Lock()
		if p.draining || len(p.outbox) == 0 {
			p.mu.Unlock()
			return
		}
		d := p.outbox[0]
		p.outbox[0] = delivery{}
		p.outbox = p.outbox[1:]
		p.draining = true
		p.mu.Unlock()
		p.deliver(d)
	}
}

// deliver runs one callback and clears p.draining even if it panics.
func (p *Pool) deliver(d delivery) {
	defer func() {
		p.mu.Lock()
		p.draining = false
		p.mu.Unlock()
	}()
	d.on(d.typ, d.body, d.data)
}

// errorBody returns the JSON body {"error": msg} of an error message.
func errorBody(msg string) string {
	b, _ := json.Marshal(struct {
		Error string `json:"error"`
	}{msg})
	return string(b)
}

// errorText returns the message of an error body {"error": "…"}, or the body
// itself if it has none.
func errorText(body string) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal([]byte(body), &e) == nil && e.Error != "" {
		return e.Error
	}
	return body
}
