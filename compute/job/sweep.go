package job

import (
	"encoding/json"
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
)

// Progress is the progress callback of a stage.
type Progress = func(experiment.Progress) bool

// RegisterSweep registers the three kinds of a sweep experiment whose spec
// type is S (with Validate and Points methods on *S: Points is the number
// of point jobs) and whose point result is P, and its plan of jobs.
// digits says whether a spec needs the digits asset.
func RegisterSweep[S any, P any](name string, digits func(*S) bool,
	point func(spec S, a experiment.Assets, index int, progress Progress) (*P, error),
	assemble func(spec S, parts []*P) (any, error),
	run func(spec S, a experiment.Assets, progress Progress) (any, error)) {
	handle := func(req Request, env Env, progress func(experiment.Progress) bool) (any, error) {
		var spec S
		v, ok := any(&spec).(interface{ Validate() error })
		if !ok {
			panic("job: the spec of " + name + " has no Validate method")
		}
		if err := DecodeSpec(req.Spec, v); err != nil {
			return nil, err
		}
		a, err := LoadAssets(env, digits(&spec))
		if err != nil {
			return nil, err
		}
		switch req.Kind {
		case name + SuffixPoint:
			return point(spec, a, req.Index, progress)
		case name + SuffixAssemble:
			parts := make([]*P, len(req.Parts))
			for i, raw := range req.Parts {
				if err := json.Unmarshal(raw, &parts[i]); err != nil {
					return nil, fmt.Errorf("bad request: part %d: %w", i, err)
				}
			}
			return assemble(spec, parts)
		default:
			return run(spec, a, progress)
		}
	}
	for _, suffix := range []string{SuffixPoint, SuffixAssemble, SuffixRun} {
		Register(name+suffix, handle)
	}
	RegisterPlan(name, newSweepPlanner[S](name))
}

// RegisterRun registers the one kind, name + ".run", of an experiment that
// runs as a single job (no points to fan out): its spec type is S (with a
// Validate method on *S) and run returns its result. digits says whether a
// spec needs the digits asset; nil means never.
func RegisterRun[S any](name string, digits func(*S) bool,
	run func(spec S, a experiment.Assets, progress Progress) (any, error)) {
	Register(name+SuffixRun, func(req Request, env Env, progress func(experiment.Progress) bool) (any, error) {
		var spec S
		v, ok := any(&spec).(interface{ Validate() error })
		if !ok {
			panic("job: the spec of " + name + " has no Validate method")
		}
		if err := DecodeSpec(req.Spec, v); err != nil {
			return nil, err
		}
		a, err := LoadAssets(env, digits != nil && digits(&spec))
		if err != nil {
			return nil, err
		}
		return run(spec, a, progress)
	})
	RegisterPlan(name, newRunPlanner[S](name))
}
