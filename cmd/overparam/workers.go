package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"runtime"
	"strconv"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/web"
)

// workersFlag registers -workers: how many of a run's independent jobs
// (sweep points, SLQ probes, seeds, a probe's sample shards) run at once.
func workersFlag(fs *flag.FlagSet) *int {
	return fs.Int("workers", runtime.NumCPU(), "run up to `N` independent jobs of the run at once (sweep points, Lanczos probes, seeds, a probe's sample shards); the result is the same bits for any N")
}

// flagWorkers returns the value of the -workers flag of fs (1 without one).
func flagWorkers(fs *flag.FlagSet) int {
	f := fs.Lookup("workers")
	if f == nil {
		return 1
	}
	n, err := strconv.Atoi(f.Value.String())
	if err != nil {
		return 1
	}
	return n
}

// cliEnv is the jobs' environment in the CLI: the embedded digits asset.
var cliEnv = job.Env{Digits: func() ([]byte, error) { return web.DigitsGz, nil }}

// runPlan runs the experiment name with spec (a spec struct or a pointer to
// one) as the browser's pool would, its jobs on up to workers goroutines,
// and returns the assembled result: the same bits as the one-call run.
func runPlan(name string, spec any, workers int, progress func(experiment.Progress) bool) (any, error) {
	job.RegisterAll()
	raw, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("encoding the spec: %w", err)
	}
	plan, err := job.NewPlan(name, raw)
	if err != nil {
		return nil, err
	}
	return job.Pool{Workers: workers, Env: cliEnv, Progress: progress}.Run(plan)
}

// runJobs is runPlan for a command that prints a result of type R, with the
// workers of its -workers flag.
func runJobs[R any](name string, spec any, fs *flag.FlagSet, progress func(experiment.Progress) bool) (R, error) {
	var zero R
	if n := flagWorkers(fs); n < 1 {
		return zero, fmt.Errorf("-workers %d: give at least 1", n)
	}
	res, err := runPlan(name, spec, flagWorkers(fs), progress)
	if err != nil {
		return zero, err
	}
	r, ok := res.(R)
	if !ok {
		return zero, fmt.Errorf("the jobs of %s assembled a %T, not a %T", name, res, zero)
	}
	return r, nil
}
