package run

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/job"

	"github.com/overparam/overparam/compute/experiment"
)

func init() { job.Provide(RegisterJobs) }

// RegisterJobs registers the spectrum request kinds: train, probe, shard,
// assemble and the one-worker run. A worker module calls it alone
// (wasm/worker/spectrum), so that it links only this experiment's code.
func RegisterJobs() { once.Do(registerJobs) }

var once sync.Once

func registerJobs() {
	for _, kind := range []string{job.KindSpectrumTrain, job.KindSpectrumProbe, job.KindSpectrumAssemble, job.KindSpectrumRun, job.KindSpectrumShard} {
		job.Register(kind, handleSpectrum)
	}
	job.RegisterPlan("spectrum", newPlan)
}

// errPeers is a sharded request without one channel per other shard: the
// lead needs one per helper, a helper one to its lead.
var errPeers = errors.New("bad request: a probe in shards needs one channel per other shard (a helper: one, to its lead), which this worker was not given")

func handleSpectrum(req job.Request, env job.Env, progress func(experiment.Progress) bool) (any, error) {
	var spec spectrum.Spec
	if err := job.DecodeSpec(req.Spec, &spec); err != nil {
		return nil, err
	}
	a, err := job.LoadAssets(env, spec.Data == "digits")
	if err != nil {
		return nil, err
	}
	if req.Kind == job.KindSpectrumTrain {
		tr, err := Train(spec, a, progress)
		if err != nil {
			return nil, err
		}
		theta := tr.Theta
		tr.Theta = nil // θ goes as the message's data, never through the page's JSON
		return job.Attach(tr, theta), nil
	}
	if req.Kind == job.KindSpectrumRun {
		return Run(spec, a, progress)
	}
	var tr spectrum.Trained
	if err := json.Unmarshal(req.Trained, &tr); err != nil {
		return nil, fmt.Errorf("bad request: trained: %w", err)
	}
	if len(tr.Theta) == 0 {
		tr.Theta = env.Data
	}
	switch req.Kind {
	case job.KindSpectrumProbe:
		if len(env.Peers) != max(req.Shards, 1)-1 {
			return nil, errPeers
		}
		return ProbeSharded(spec, a, tr.Theta, req.Index, env.Peers, progress)
	case job.KindSpectrumShard:
		if len(env.Peers) != 1 {
			return nil, errPeers
		}
		return ServeShard(spec, a, tr.Theta, req.Shard, req.Shards, env.Peers[0])
	default:
		probes := make([]*spectrum.ProbeResult, len(req.Probes))
		for i, raw := range req.Probes {
			if err := json.Unmarshal(raw, &probes[i]); err != nil {
				return nil, fmt.Errorf("bad request: probe %d: %w", i, err)
			}
		}
		return Assemble(spec, &tr, probes)
	}
}
