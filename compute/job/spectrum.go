package job

import (
	"encoding/json"
	"fmt"
	"sync"

	"github.com/overparam/overparam/compute/experiment"
)

// Request kinds of the spectrum experiment: train, then one probe job per
// probe vector (in parallel), then assemble; run does it all in one worker.
const (
	KindSpectrumTrain    = "spectrum.train"
	KindSpectrumProbe    = "spectrum.probe"
	KindSpectrumAssemble = "spectrum.assemble"
	KindSpectrumRun      = "spectrum.run"
)

// RegisterSpectrum registers the spectrum request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterSpectrum() { onceSpectrum.Do(registerSpectrum) }

var onceSpectrum sync.Once

func registerSpectrum() {
	for _, kind := range []string{KindSpectrumTrain, KindSpectrumProbe, KindSpectrumAssemble, KindSpectrumRun} {
		register(kind, handleSpectrum)
	}
}

func handleSpectrum(req Request, env Env, progress func(experiment.Progress) bool) (any, error) {
	var spec experiment.Spectrum
	if err := decodeSpec(req.Spec, &spec); err != nil {
		return nil, err
	}
	a, err := assets(env, spec.Data == "digits")
	if err != nil {
		return nil, err
	}
	switch req.Kind {
	case KindSpectrumTrain:
		return experiment.TrainSpectrum(spec, a, progress)
	case KindSpectrumProbe:
		var tr experiment.Trained
		if err := json.Unmarshal(req.Trained, &tr); err != nil {
			return nil, fmt.Errorf("bad request: trained: %w", err)
		}
		return experiment.ProbeSpectrum(spec, a, tr.Theta, req.Index, progress)
	case KindSpectrumAssemble:
		var tr experiment.Trained
		if err := json.Unmarshal(req.Trained, &tr); err != nil {
			return nil, fmt.Errorf("bad request: trained: %w", err)
		}
		probes := make([]*experiment.ProbeResult, len(req.Probes))
		for i, raw := range req.Probes {
			if err := json.Unmarshal(raw, &probes[i]); err != nil {
				return nil, fmt.Errorf("bad request: probe %d: %w", i, err)
			}
		}
		return experiment.AssembleSpectrum(spec, &tr, probes)
	default:
		return experiment.RunSpectrum(spec, a, progress)
	}
}
