package pool

// slot is one place for a worker in the pool. Its worker is spawned when a
// job needs it, kept while it is healthy, and replaced (respawned lazily)
// after a crash, a load failure or a cancellation.
type slot struct {
	index  int
	w      Worker // nil until spawned, and after reset
	gen    uint64 // changes whenever w changes; older callbacks are ignored
	ready  bool   // w has sent MsgReady
	job    *Job   // the job assigned to this slot, or nil
	posted bool   // job's request has been posted to w
}

// reset terminates the slot's worker, if any, and forgets it. It leaves the
// slot's job alone: the caller ends that job.
func (s *slot) reset() {
	if s.w != nil {
		s.w.Terminate()
	}
	s.w = nil
	s.gen++
	s.ready = false
	s.posted = false
}

// postLocked sends the slot's job to its worker if both are ready.
func (s *slot) postLocked() {
	if j := s.job; j != nil && s.ready && !s.posted {
		s.posted = true
		s.w.Post(j.body, j.data, j.ports)
		j.body, j.data, j.ports = "", nil, nil
	}
}

// dispatchLocked assigns queued jobs, oldest first, to free slots, spawning
// workers as needed. A job assigned to a worker that is still loading is
// posted when the worker sends MsgReady.
func (p *Pool) dispatchLocked() {
	if p.closed {
		return
	}
	for len(p.queue) > 0 {
		// A group's members are queued together and start together.
		need := 1
		if g := p.queue[0].group; g != nil {
			need = len(g.jobs)
		}
		if p.freeCountLocked() < need {
			return
		}
		for range need {
			s := p.freeSlotLocked()
			j := p.queue[0]
			p.queue[0] = nil
			p.queue = p.queue[1:]
			s.job, j.slot = j, s
			if s.w == nil {
				p.spawnLocked(s)
			}
			s.postLocked()
		}
	}
}

// freeCountLocked returns the number of slots without a job.
func (p *Pool) freeCountLocked() int {
	n := 0
	for _, s := range p.slots {
		if s.job == nil {
			n++
		}
	}
	return n
}

// freeSlotLocked returns a slot without a job, preferring one whose worker
// is ready, then one whose worker is loading, then an empty one; or nil if
// every slot is busy.
func (p *Pool) freeSlotLocked() *slot {
	var loading, empty *slot
	for _, s := range p.slots {
		switch {
		case s.job != nil:
		case s.ready:
			return s
		case s.w != nil:
			if loading == nil {
				loading = s
			}
		case empty == nil:
			empty = s
		}
	}
	if loading != nil {
		return loading
	}
	return empty
}

// spawnLocked starts a new worker in slot s. Its callbacks carry the slot's
// new generation, so that once the worker is replaced they are ignored.
func (p *Pool) spawnLocked(s *slot) {
	s.gen++
	gen := s.gen
	onMessage := func(typ, body string, data any) { p.onMessage(s, gen, typ, body, data) }
	onError := func(msg string) { p.onError(s, gen, msg) }
	s.w = p.t.Spawn(s.index, onMessage, onError)
	s.ready = false
	s.posted = false
}

// onMessage handles a message from the worker of generation gen in slot s.
// Messages of unknown type, and messages that belong to no job (from a
// replaced worker, or a job message while the worker has no request), are
// ignored.
func (p *Pool) onMessage(s *slot, gen uint64, typ, body string, data any) {
	p.mu.Lock()
	if !p.closed && s.gen == gen {
		working := s.job != nil && s.posted
		switch typ {
		case MsgReady:
			s.ready = true
			s.postLocked()
			p.dispatchLocked()
		case MsgProgress, MsgPartial:
			if working {
				p.sendLocked(s.job, typ, body, nil)
			}
		case MsgResult, MsgError:
			if working {
				p.endDataLocked(s.job, typ, body, data)
				p.dispatchLocked()
			}
		case MsgCrash:
			p.failLocked(s, "worker crashed: "+errorText(body))
		}
	}
	p.mu.Unlock()
	p.drain()
}

// onError handles the error event of the worker of generation gen in slot s,
// such as a failure to load its script: the worker is replaced.
func (p *Pool) onError(s *slot, gen uint64, msg string) {
	p.mu.Lock()
	if !p.closed && s.gen == gen {
		p.failLocked(s, "worker failed: "+msg)
	}
	p.mu.Unlock()
	p.drain()
}

// failLocked terminates the worker in slot s, ends its job (if any) with an
// error saying msg, and lets queued jobs take the slot, which spawns a fresh
// worker.
func (p *Pool) failLocked(s *slot, msg string) {
	j := s.job
	s.reset()
	if j != nil {
		p.endLocked(j, MsgError, errorBody(msg))
	}
	p.dispatchLocked()
}
