package pool

import (
	"fmt"
	"slices"
)

// group is jobs that must run at the same time on distinct workers, linked
// by direct channels: a lead, jobs[0], and its helpers. They are queued
// together, start together once enough workers are free, and fail
// together: when one member fails or is canceled, no other member can
// finish, so every other member is ended at once and its worker
// terminated — a lead waiting on a helper's channel never hangs.
type group struct {
	jobs []*Job
}

// SubmitGroup queues a lead job and its helper jobs, which run together on
// len(helpers)+1 distinct workers, and returns the lead's Job. Helper i is
// connected to the lead by a channel from the Transport's Linker: the lead's
// request is posted with the first ends of every channel, in helper order,
// and helper i's with the second end of channel i. The members start only
// when enough workers are free, at the same time, so a lead never waits for
// a helper stuck in the queue; later jobs queue behind the group.
//
// Every member's request carries the payload data (each worker gets a
// copy); on sees the lead's messages, as for Submit; the helpers' progress and
// results are not delivered. A helper's failure (an error or a crash) ends
// the lead with MsgError naming it, and the lead's failure or cancellation
// (Cancel on the returned Job) cancels the helpers; either way the workers
// of the other members are terminated. A group larger than the pool, or a
// Transport that cannot link workers, ends the lead at once with MsgError.
func (p *Pool) SubmitGroup(lead string, helpers []string, data any, on func(typ, body string, data any)) *Job {
	g := &group{jobs: []*Job{{pool: p, body: lead, data: data, on: on}}}
	for _, h := range helpers {
		g.jobs = append(g.jobs, &Job{pool: p, body: h, data: data})
	}
	for _, j := range g.jobs {
		j.group = g
	}
	l, linker := p.t.(Linker)
	p.mu.Lock()
	switch {
	case p.closed:
		p.endLocked(g.jobs[0], MsgError, errorBody("pool: closed"))
	case len(g.jobs) > len(p.slots):
		p.endLocked(g.jobs[0], MsgError, errorBody(fmt.Sprintf("pool: a group of %d jobs needs %d workers; the pool has %d", len(g.jobs), len(g.jobs), len(p.slots))))
	case !linker && len(helpers) > 0:
		p.endLocked(g.jobs[0], MsgError, errorBody("pool: this transport cannot link workers"))
	default:
		for _, h := range g.jobs[1:] {
			a, b := l.Link()
			g.jobs[0].ports = append(g.jobs[0].ports, a)
			h.ports = []any{b}
		}
		p.queue = append(p.queue, g.jobs...)
		p.dispatchLocked()
	}
	p.mu.Unlock()
	p.drain()
	return g.jobs[0]
}

// endGroupLocked ends the other members of g after member from ended with
// typ (an error or a cancellation) and body. A helper's error becomes the
// lead's error; everything else cancels.
func (p *Pool) endGroupLocked(g *group, from *Job, typ, body string) {
	lead := g.jobs[0]
	for _, m := range g.jobs {
		if m.done {
			continue
		}
		if m == lead && typ == MsgError {
			msg := fmt.Sprintf("helper %d of %d failed: %s", slices.Index(g.jobs, from), len(g.jobs)-1, errorText(body))
			p.abortLocked(m, MsgError, errorBody(msg))
			continue
		}
		p.abortLocked(m, MsgCanceled, "{}")
	}
}
