package app

import (
	"sync"

	"github.com/overparam/overparam/app/pool"
)

var (
	jobsMu  sync.Mutex
	newJobs func() Jobs
	jobs    Jobs
)

// UseJobs sets how pages get their worker jobs: the UI's wasm main passes
// the Web Worker pool, tests an in-process fake. The pool is made on first
// use and shared by every page.
func UseJobs(f func() Jobs) {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	newJobs, jobs = f, nil
}

// sharedJobs returns the shared Jobs, or nil when none is set (the
// server's pre-rendering).
func sharedJobs() Jobs {
	jobsMu.Lock()
	defer jobsMu.Unlock()
	if jobs == nil && newJobs != nil {
		jobs = newJobs()
	}
	return jobs
}

// poolJobs adapts a worker pool to Jobs.
type poolJobs struct{ p *pool.Pool }

func (j poolJobs) Submit(body string, on func(typ, body string)) Job { return j.p.Submit(body, on) }

// PoolJobs runs jobs on a pool of compute workers.
func PoolJobs(p *pool.Pool) Jobs { return poolJobs{p} }
