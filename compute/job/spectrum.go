package job

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/runner"
)

// RegisterSpectrum registers the spectrum request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterSpectrum() { onceSpectrum.Do(registerSpectrum) }

var onceSpectrum sync.Once

func registerSpectrum() {
	for _, kind := range []string{KindSpectrumTrain, KindSpectrumProbe, KindSpectrumAssemble, KindSpectrumRun, KindSpectrumShard} {
		Register(kind, handleSpectrum)
	}
}

// errPeers is a sharded request without one channel per other shard: the
// lead needs one per helper, a helper one to its lead.
var errPeers = errors.New("bad request: a probe in shards needs one channel per other shard (a helper: one, to its lead), which this worker was not given")

func handleSpectrum(req Request, env Env, progress func(experiment.Progress) bool) (any, error) {
	var spec experiment.Spectrum
	if err := DecodeSpec(req.Spec, &spec); err != nil {
		return nil, err
	}
	a, err := LoadAssets(env, spec.Data == "digits")
	if err != nil {
		return nil, err
	}
	if req.Kind == KindSpectrumTrain {
		tr, err := runner.TrainSpectrum(spec, a, progress)
		if err != nil {
			return nil, err
		}
		theta := tr.Theta
		tr.Theta = nil // θ goes as the message's data, never through the page's JSON
		return attached{tr, theta}, nil
	}
	if req.Kind == KindSpectrumRun {
		return runner.RunSpectrum(spec, a, progress)
	}
	var tr experiment.Trained
	if err := json.Unmarshal(req.Trained, &tr); err != nil {
		return nil, fmt.Errorf("bad request: trained: %w", err)
	}
	if len(tr.Theta) == 0 {
		tr.Theta = env.Data
	}
	switch req.Kind {
	case KindSpectrumProbe:
		if len(env.Peers) != max(req.Shards, 1)-1 {
			return nil, errPeers
		}
		return runner.ProbeSpectrumSharded(spec, a, tr.Theta, req.Index, env.Peers, progress)
	case KindSpectrumShard:
		if len(env.Peers) != 1 {
			return nil, errPeers
		}
		return runner.ServeShard(spec, a, tr.Theta, req.Shard, req.Shards, env.Peers[0])
	default:
		probes := make([]*experiment.ProbeResult, len(req.Probes))
		for i, raw := range req.Probes {
			if err := json.Unmarshal(raw, &probes[i]); err != nil {
				return nil, fmt.Errorf("bad request: probe %d: %w", i, err)
			}
		}
		return runner.AssembleSpectrum(spec, &tr, probes)
	}
}
