package job

import (
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/overparam/overparam/compute/experiment"
)

// A run split into jobs is a Plan: stages of independent tasks, each stage
// made from the outcomes of the stages before it, then an assembly. The
// browser's pool runs exactly these requests (app/sweep-run.go,
// app/spectrum-run.go); the CLI runs them on a pool of goroutines
// (`overparam -workers N`) or writes them out for a scheduler
// (`overparam jobs`, `job`, `assemble`).
//
//	sweep (RegisterSweep):   stage 0: one name.point task per point ("point i")
//	                         assemble: name.assemble of the points in index order
//	spectrum:                stage 0: spectrum.train per pipeline (the run, the
//	                         run at initialisation, each further seed)
//	                         stage 1: spectrum.probe per pipeline and probe
//	                         assemble: spectrum.assemble per pipeline, combined
//	run (RegisterRun):       stage 0: one name.run task ("run")
//
// Every stage's tasks and the assembly are deterministic functions of the
// spec and the earlier outcomes, and every reduction runs in an order fixed
// by the spec, so the assembled result is the same bits however many
// workers ran the tasks, in whatever order they finished.

// Task is one job of a plan: a request, its float64 payload (Env.Data: a
// spectrum's trained θ) and its ID, unique within the run ("point 3",
// "seed 2 probe 4").
type Task struct {
	ID      string
	Request Request
	Data    []float64
	// MaxShards > 1 lets a task's products be split over up to that many
	// workers linked by peers: the request leads (Request.Shards), and one
	// request of kind Helper per other shard serves its lead (a spectrum
	// probe's sample blocks, experiment.SampleBlocks).
	MaxShards int
	Helper    string
}

// Outcome is a finished task's result as Handle posts it: the JSON body and
// the float64 payload.
type Outcome struct {
	Body json.RawMessage
	Data []float64
}

// Plan is one run split into stages of independent tasks.
type Plan interface {
	// Stages is the number of stages.
	Stages() int
	// Stage returns the tasks of stage k, made from the outcomes of the
	// earlier stages in done (by task ID); it fails if one is missing.
	Stage(k int, done map[string]Outcome) ([]Task, error)
	// Assemble combines the outcomes of every stage into the run's
	// result, the value the one-call run returns; it fails naming the
	// first missing task. env gives the assets the assembly may load.
	Assemble(done map[string]Outcome, env Env) (any, error)
}

// Planner returns the plan of a run of one experiment from its spec (JSON).
type Planner func(spec json.RawMessage) (Plan, error)

var planners = map[string]Planner{}

// RegisterPlan registers the planner of the experiment name. It panics if
// one is registered already: a declaration error.
func RegisterPlan(name string, p Planner) {
	if _, dup := planners[name]; dup {
		panic("job: plan registered twice: " + name)
	}
	planners[name] = p
}

// NewPlan returns the plan of a run of the experiment name with spec, which
// it decodes strictly and validates.
func NewPlan(name string, spec json.RawMessage) (Plan, error) {
	p, ok := planners[name]
	if !ok {
		return nil, fmt.Errorf("experiment %q has no plan of jobs registered", name)
	}
	return p(spec)
}

// HasPlan reports whether the experiment name has a plan registered.
func HasPlan(name string) bool {
	_, ok := planners[name]
	return ok
}

// Next returns the first stage of plan with a task that has no outcome in
// done, and that stage's tasks (all of them, done or not); stage =
// plan.Stages() when every stage is complete.
func Next(plan Plan, done map[string]Outcome) (stage int, tasks []Task, err error) {
	for k := range plan.Stages() {
		tasks, err := plan.Stage(k, done)
		if err != nil {
			return k, nil, err
		}
		for _, t := range tasks {
			if _, ok := done[t.ID]; !ok {
				return k, tasks, nil
			}
		}
	}
	return plan.Stages(), nil, nil
}

// Do runs one request in this process, as Handle does but without the
// messages: it returns the handler's result, before encoding, and its
// float64 payload (Attach). A panic inside compute becomes an error.
func Do(req Request, env Env, progress Progress) (result any, data []float64, err error) {
	defer func() {
		if p := recover(); p != nil {
			result, data, err = nil, nil, fmt.Errorf("internal error: %v\n%s", p, debug.Stack())
		}
	}()
	h, ok := handlers[req.Kind]
	if !ok {
		return nil, nil, fmt.Errorf("bad request: unknown kind %q", req.Kind)
	}
	if progress == nil {
		progress = func(experiment.Progress) bool { return true }
	}
	result, err = h(req, env, progress)
	if a, ok := result.(attached); ok {
		result, data = a.value, a.data
	}
	return result, data, err
}

// Encode returns result as Handle sends it: its JSON.
func Encode(result any) ([]byte, error) {
	b, err := json.Marshal(result)
	if err != nil {
		return nil, fmt.Errorf("encoding the result: %w", err)
	}
	return b, nil
}

// Missing returns the error of an assembly that lacks the outcome of task
// id.
func Missing(id string) error {
	return fmt.Errorf("the result of job %q is missing", id)
}
