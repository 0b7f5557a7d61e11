package app

import (
	"sync"

	"github.com/overparam/overparam/app/pool"
)

var (
	jobsMu  sync.Mutex
	newJobs func(module string) Jobs
	jobs    = map[string]Jobs{}
)

// UseJobs sets how pages get their worker jobs: the UI's wasm main passes
// a Web Worker pool per worker module (each experiment family has its own,
// smaller Go module, e.g. "worker-spectrum.wasm"), tests an in-process
// fake. Each pool is made on first use and shared by the pages that use
// its module.
func UseJobs(f func(module string) Jobs) {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	newJobs, jobs = f, map[string]Jobs{}
}

// sharedJobs returns the Jobs of a worker module, or nil when none is set
// (the server's pre-rendering).
func sharedJobs(module string) Jobs {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	if jobs[module] == nil && newJobs != nil {
		jobs[module] = newJobs(module)
	}
	return jobs[module]
}

// poolJobs adapts a worker pool to Jobs.
type poolJobs struct{ p *pool.Pool }

func (j poolJobs) Submit(body string, data any, on func(typ, body string, data any)) Job {
	return j.p.Submit(body, data, on)
}

func (j poolJobs) Workers() int { return j.p.Size() }

func (j poolJobs) SubmitGroup(lead string, helpers []string, data any, on func(typ, body string, data any)) Job {
	return j.p.SubmitGroup(lead, helpers, data, on)
}

// PoolJobs runs jobs on a pool of compute workers; it is a GroupJobs.
func PoolJobs(p *pool.Pool) Jobs { return poolJobs{p} }
