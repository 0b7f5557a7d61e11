package run

import (
	"encoding/json"
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/compute/runkit"
)

// plan is a spectrum run split into jobs as the page's pool runs it
// (app/spectrum-run.go): pipelines in Run's order — the run, the run at
// initialisation (Before), each further seed (Repeats) — each trained in
// stage 0 and probed in stage 1 (one job per probe, splittable over the
// spec's sample blocks), then assembled per pipeline and combined as Run
// combines them.
type plan struct {
	spec      spectrum.Spec
	pipelines []pipeline
	initial   bool
}

// pipeline is one spectrum computation of a run: its label (the prefix of
// its task IDs) and its spec.
type pipeline struct {
	label string
	spec  spectrum.Spec
	raw   json.RawMessage
}

func newPlan(raw json.RawMessage) (job.Plan, error) {
	var s spectrum.Spec
	if err := job.DecodeSpec(raw, &s); err != nil {
		return nil, err
	}
	p := &plan{spec: s, initial: s.Before && s.Epochs > 0}
	add := func(label string, s spectrum.Spec) error {
		b, err := json.Marshal(s)
		p.pipelines = append(p.pipelines, pipeline{label, s, b})
		return err
	}
	err := add("run", s)
	if p.initial {
		err = add("initial", s.Initial())
	}
	for i := 1; i < s.Repeats && err == nil; i++ {
		r := s.Repeat(i)
		err = add(fmt.Sprintf("seed %d", r.Seed), r)
	}
	if err != nil {
		return nil, fmt.Errorf("encoding the spec: %w", err)
	}
	return p, nil
}

func trainID(p pipeline) string        { return p.label + " train" }
func probeID(p pipeline, i int) string { return fmt.Sprintf("%s probe %d", p.label, i) }
func (p *plan) Stages() int            { return 2 }
func outcome(done map[string]job.Outcome, id string) (job.Outcome, error) {
	o, ok := done[id]
	if !ok {
		return o, job.Missing(id)
	}
	return o, nil
}

// Stage 0 trains every pipeline; stage 1 probes each at its trained θ,
// which travels as the task's payload (Env.Data).
func (p *plan) Stage(k int, done map[string]job.Outcome) ([]job.Task, error) {
	var tasks []job.Task
	for _, q := range p.pipelines {
		switch k {
		case 0:
			tasks = append(tasks, job.Task{ID: trainID(q), Request: job.Request{Kind: job.KindSpectrumTrain, Spec: q.raw}})
		case 1:
			tr, err := outcome(done, trainID(q))
			if err != nil {
				return nil, err
			}
			for i := range q.spec.Probes {
				tasks = append(tasks, job.Task{ID: probeID(q, i), Data: tr.Data,
					Request:   job.Request{Kind: job.KindSpectrumProbe, Spec: q.raw, Trained: tr.Body, Index: i},
					MaxShards: experiment.SampleBlocks(q.spec.Samples), Helper: job.KindSpectrumShard})
			}
		default:
			return nil, fmt.Errorf("a spectrum has two stages of jobs, not stage %d", k)
		}
	}
	return tasks, nil
}

// Assemble assembles each pipeline (spectrum.assemble) and combines them as
// Run does: the first is the result, the run at initialisation its
// Initial, the other seeds its Seeds. The result's model (ExportModel) is
// the trained network of the first pipeline.
func (p *plan) Assemble(done map[string]job.Outcome, env job.Env) (any, error) {
	results := make([]*spectrum.Result, len(p.pipelines))
	var theta []float64
	for i, q := range p.pipelines {
		tr, err := outcome(done, trainID(q))
		if err != nil {
			return nil, err
		}
		probes := make([]json.RawMessage, q.spec.Probes)
		for k := range probes {
			o, err := outcome(done, probeID(q, k))
			if err != nil {
				return nil, err
			}
			probes[k] = o.Body
		}
		res, _, err := job.Do(job.Request{Kind: job.KindSpectrumAssemble, Spec: q.raw, Trained: tr.Body, Probes: probes}, job.Env{Digits: env.Digits, Data: tr.Data}, nil)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", q.label, err)
		}
		results[i] = res.(*spectrum.Result)
		if i == 0 {
			theta = tr.Data
		}
	}
	final, seeds := results[0], results[1:]
	if p.initial {
		final.Initial, seeds = results[1], results[2:]
	}
	final.Seeds = append(final.Seeds, seeds...)
	s := p.spec
	final.SetModel(func() experiment.Model {
		a, err := job.LoadAssets(env, s.Data == "digits")
		if err != nil {
			return experiment.Model{}
		}
		st, err := runkit.SetupSpectrum(&s, a)
		if err != nil {
			return experiment.Model{}
		}
		return runkit.NewModel(st.Arch, theta, &st.Split.Train)
	})
	return final, nil
}
