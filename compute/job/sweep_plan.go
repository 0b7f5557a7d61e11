package job

import (
	"encoding/json"
	"fmt"
)

// pointer is a sweep spec that knows its number of points, the name.point
// jobs of a run (the page submits as many: app/sweep-run.go).
type pointer interface{ Points() int }

// sweepPlan is the plan of a sweep: one stage of points, then name.assemble
// in this process.
type sweepPlan struct {
	name   string
	spec   json.RawMessage
	points int
}

// newSweepPlanner returns the planner of the sweep name with spec type S.
func newSweepPlanner[S any](name string) Planner {
	var probe S
	if _, ok := any(&probe).(pointer); !ok {
		panic("job: the spec of sweep " + name + " has no Points method, which gives its number of point jobs")
	}
	return func(raw json.RawMessage) (Plan, error) {
		var spec S
		if err := DecodeSpec(raw, any(&spec).(interface{ Validate() error })); err != nil {
			return nil, err
		}
		canon, err := json.Marshal(spec)
		if err != nil {
			return nil, fmt.Errorf("encoding the spec: %w", err)
		}
		return &sweepPlan{name: name, spec: canon, points: any(&spec).(pointer).Points()}, nil
	}
}

// PointID is the task ID of point i of a sweep.
func PointID(i int) string { return fmt.Sprintf("point %d", i) }

func (p *sweepPlan) Stages() int { return 1 }

func (p *sweepPlan) Stage(k int, _ map[string]Outcome) ([]Task, error) {
	if k != 0 {
		return nil, fmt.Errorf("a sweep has one stage of jobs, not stage %d", k)
	}
	tasks := make([]Task, p.points)
	for i := range tasks {
		tasks[i] = Task{ID: PointID(i), Request: Request{Kind: p.name + SuffixPoint, Spec: p.spec, Index: i}}
	}
	return tasks, nil
}

func (p *sweepPlan) Assemble(done map[string]Outcome, env Env) (any, error) {
	parts := make([]json.RawMessage, p.points)
	for i := range parts {
		o, ok := done[PointID(i)]
		if !ok {
			return nil, Missing(PointID(i))
		}
		parts[i] = o.Body
	}
	res, _, err := Do(Request{Kind: p.name + SuffixAssemble, Spec: p.spec, Parts: parts}, env, nil)
	return res, err
}

// runPlan is the plan of an experiment that runs as one job.
type runPlan struct {
	name string
	spec json.RawMessage
}

// RunID is the task ID of the one job of an experiment that runs whole.
const RunID = "run"

func (p *runPlan) Stages() int { return 1 }

func (p *runPlan) Stage(k int, _ map[string]Outcome) ([]Task, error) {
	if k != 0 {
		return nil, fmt.Errorf("%s runs as one job, in one stage, not stage %d", p.name, k)
	}
	return []Task{{ID: RunID, Request: Request{Kind: p.name + SuffixRun, Spec: p.spec}}}, nil
}

// Assemble returns the run job's JSON as it is: json.RawMessage encodes as
// those bytes.
func (p *runPlan) Assemble(done map[string]Outcome, env Env) (any, error) {
	o, ok := done[RunID]
	if !ok {
		return nil, Missing(RunID)
	}
	return o.Body, nil
}

// newRunPlanner returns the planner of the one-job experiment name.
func newRunPlanner[S any](name string) Planner {
	return func(raw json.RawMessage) (Plan, error) {
		var spec S
		if err := DecodeSpec(raw, any(&spec).(interface{ Validate() error })); err != nil {
			return nil, err
		}
		canon, err := json.Marshal(spec)
		if err != nil {
			return nil, fmt.Errorf("encoding the spec: %w", err)
		}
		return &runPlan{name: name, spec: canon}, nil
	}
}
