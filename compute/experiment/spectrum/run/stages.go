package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
	"github.com/overparam/overparam/compute/train"
)

// A spectrum run has three stages, so that a pool of workers can share it:
//
//	Train     trains the network (one job);
//	Probe     runs Lanczos from probe i at the trained θ (one job per
//	                  probe; probe 0 also gives the extreme eigenvalues);
//	Assemble  combines the probes into the density and outlier count.
//
// Each stage is deterministic given the spec, and the curvature's sums over
// samples run in a fixed order of sample blocks (spectrum_shard.go), so the
// pooled run, with its probes split over any number of workers or none, and
// Run, which runs the stages in turn, give the same bits.

func trainSpectrum(s *spectrum.Spec, st *runkit.SpectrumSetup, progress func(experiment.Progress) bool) (*spectrum.Trained, error) {
	theta := make([]float64, st.Arch.NumParams())
	init := nn.InitDefault
	if s.Init == "gaussian" {
		init = nn.InitGaussian
	}
	nn.Initialize(theta, st.Arch, init, 1, rng.New(s.Seed, rng.Init))
	if s.Epochs == 0 {
		// The spectrum at initialisation.
		p := train.Measure(st.TrainObj, st.TestObj, theta, s.Decay)
		return &spectrum.Trained{Theta: theta, Train: []train.Point{p}, StopReason: "not trained (epochs = 0)"}, nil
	}
	r, err := train.Run(st.TrainObj, st.TestObj, theta, runkit.SpectrumTrainSettings(s), func(p train.Point) bool {
		return progress(experiment.Progress{Phase: "train", Done: p.Step, Total: spectrum.TotalSteps(*s), Point: &p})
	})
	if err != nil {
		return nil, err
	}
	return &spectrum.Trained{Theta: r.Theta, Train: r.Curve, Steps: r.Stats.Steps, StopReason: r.Stats.Reason}, nil
}

// Train validates s and runs the training stage. progress, if not
// nil, gets each curve point and cancels the run by returning false.
func Train(s spectrum.Spec, assets experiment.Assets, progress func(experiment.Progress) bool) (*spectrum.Trained, error) {
	st, err := runkit.SetupSpectrum(&s, assets)
	if err != nil {
		return nil, err
	}
	return trainSpectrum(&s, st, runkit.OrTrue(progress))
}

// Probe validates s and runs Lanczos from probe index (in
// [0, Probes)) on the curvature at θ, which must be the trained parameters of
// s. progress counts operator products of this probe.
func Probe(s spectrum.Spec, assets experiment.Assets, theta []float64, index int, progress func(experiment.Progress) bool) (*spectrum.ProbeResult, error) {
	return ProbeSharded(s, assets, theta, index, nil, progress)
}

// checkProbe validates a probe stage's θ and index.
func checkProbe(s *spectrum.Spec, st *runkit.SpectrumSetup, theta []float64, index int) error {
	if len(theta) != st.Arch.NumParams() {
		return fmt.Errorf("θ has %d entries; the network of this spec has %d parameters", len(theta), st.Arch.NumParams())
	}
	if index < 0 || index >= s.Probes {
		return fmt.Errorf("probe %d is out of range; this spec has probes = %d", index, s.Probes)
	}
	return nil
}

// curvature returns the whole-batch curvature at θ, whose dense matrix gives
// the dense eigenvalues.
func spectrumCurvature(s *spectrum.Spec, st *runkit.SpectrumSetup, theta []float64) *nn.Curvature {
	kind := nn.Hessian
	if s.Curvature == "ggn" {
		kind = nn.GaussNewton
	}
	return nn.NewCurvature(st.TrainObj, theta, kind)
}

func densitySettings(s *spectrum.Spec, n int) numspectrum.DensitySettings {
	return numspectrum.DensitySettings{Steps: min(s.Steps, n), Probes: s.Probes, SigmaFrac: s.Sigma, Seed: s.Seed, MemoryBudget: experiment.MemoryLimit}
}

// probeOperator is the curvature a probe multiplies by: a blockedCurvature,
// whose products are summed over the fixed sample blocks (spectrum_shard.go).
type probeOperator interface {
	numspectrum.Operator
	// Products returns how many products the operator has computed.
	Products() int
}

// probe runs probe index on op. Probe 0's Lanczos run also gives the
// extreme eigenvalues, and the dense spectrum when asked, from the
// whole-batch curvature full returns (a new operator, whose products count
// towards the probe's).
func runProbe(s *spectrum.Spec, op probeOperator, full func() *nn.Curvature, index int, progress func(experiment.Progress) bool) (*spectrum.ProbeResult, error) {
	n := op.Dim()
	ds := densitySettings(s, n)
	before := op.Products()
	phase := "density"
	if index == 0 {
		phase = "lanczos"
	}
	lz, err := numspectrum.RunLanczos(op, numspectrum.LanczosSettings{Steps: ds.Steps, Start: numspectrum.ProbeVector(n, s.Seed, index, ds.Kind), MemoryBudget: experiment.MemoryLimit},
		func(step, _ int) bool {
			return progress(experiment.Progress{Phase: phase, Done: step, Total: ds.Steps})
		})
	if sh, ok := op.(*blockedCurvature); ok && sh.err != nil {
		err = sh.err // a helper failed: that, not the NaN product it left, is the cause
	}
	if err != nil {
		return nil, fmt.Errorf("%s probe %d: %w", phase, index+1, err)
	}
	q := lz.Quad()
	r := &spectrum.ProbeResult{Index: index, Dim: q.Dim, Nodes: q.Nodes, Weights: q.Weights, Steps: lz.Stats.Steps}
	if index == 0 {
		k := min(s.TopK, len(lz.Values))
		for _, v := range lz.Top(k) {
			r.Top = append(r.Top, v.Value)
			r.Residuals = append(r.Residuals, v.Residual)
		}
		for _, v := range lz.Bottom(k) {
			r.Bottom = append(r.Bottom, v.Value)
			r.BottomResiduals = append(r.BottomResiduals, v.Residual)
		}
		if s.Dense {
			if !progress(experiment.Progress{Phase: "dense", Done: 0, Total: n}) {
				return nil, fmt.Errorf("dense: %w", numspectrum.ErrCanceled)
			}
			c := full()
			cBefore := c.Products()
			h, _, err := nn.DenseCurvature(c)
			if err != nil {
				return nil, err
			}
			before -= c.Products() - cBefore // the dense products count as this probe's
			if r.Dense, err = denseEigenvalues(h, n, s.Curvature); err != nil {
				return nil, err
			}
		}
	}
	r.Products = op.Products() - before
	return r, nil
}

// Assemble combines the training stage and every probe (any order)
// into the result of s: the SLQ density, trace, extreme eigenvalues and
// outlier count.
func Assemble(s spectrum.Spec, tr *spectrum.Trained, probes []*spectrum.ProbeResult) (*spectrum.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if tr == nil || len(tr.Train) == 0 {
		return nil, fmt.Errorf("assemble: the training stage is missing")
	}
	if len(probes) != s.Probes {
		return nil, fmt.Errorf("assemble: %d probes for a spec with probes = %d", len(probes), s.Probes)
	}
	byIndex := make([]*spectrum.ProbeResult, s.Probes)
	for _, p := range probes {
		if p == nil || p.Index < 0 || p.Index >= s.Probes || byIndex[p.Index] != nil {
			return nil, fmt.Errorf("assemble: probes are missing, repeated or out of range")
		}
		if len(p.Nodes) == 0 || len(p.Nodes) != len(p.Weights) || p.Dim != len(tr.Theta) {
			return nil, fmt.Errorf("assemble: probe %d is malformed", p.Index)
		}
		byIndex[p.Index] = p
	}
	res := &spectrum.Result{Spec: s, Params: len(tr.Theta), Train: tr.Train}
	res.Final = tr.Train[len(tr.Train)-1]
	res.Stats.TrainSteps, res.Stats.StopReason = tr.Steps, tr.StopReason

	p0 := byIndex[0]
	res.Extremes, res.Dense = p0.Extremes, p0.Dense
	res.Stats.LanczosSteps = p0.Steps

	quads := make([]numspectrum.Quad, len(byIndex))
	for i, p := range byIndex {
		quads[i] = numspectrum.Quad{Dim: p.Dim, Nodes: p.Nodes, Weights: p.Weights}
		res.Stats.Products += p.Products
	}
	d := numspectrum.Combine(quads, densitySettings(&s, len(tr.Theta)))
	res.Density = spectrum.DensityCurve{Grid: d.Grid, Values: d.Values, Sigma: d.Sigma}
	res.Trace, res.TraceStdErr = d.Trace, d.TraceStdErr
	if len(res.Top) > len(p0.Nodes) || len(res.Residuals) != len(res.Top) {
		return nil, fmt.Errorf("assemble: probe 0 has %d top values and %d residuals for %d Ritz values", len(res.Top), len(res.Residuals), len(p0.Nodes))
	}
	setOutliers(res, numspectrum.FindOutliers(d, len(tr.Theta), p0.Nodes, res.Top, res.Residuals))
	return res, nil
}

// Run validates s, trains the network, and computes the spectrum of
// the curvature of its mean training loss: the TopK largest and smallest
// eigenvalues by Lanczos with full reorthogonalisation, the SLQ density from
// Probes probes (the first probe's Lanczos run serves both), the trace, the
// outlier count and, if asked, every eigenvalue of the dense matrix. With
// s.Before it also computes the spectrum at initialisation, in Initial, and
// with s.Repeats > 1 the runs of the next seeds, in Seeds.
// progress, if not nil, is called as the run advances and cancels it by
// returning false. Errors name the phase and step where a run stopped.
//
// It runs the stages Train, Probe and Assemble in
// turn, sharing the data and the operator's cached forward pass, and gives
// the same bits as running them on separate workers.
func Run(s spectrum.Spec, assets experiment.Assets, progress func(experiment.Progress) bool) (*spectrum.Result, error) {
	progress = runkit.OrTrue(progress)
	st, err := runkit.SetupSpectrum(&s, assets)
	if err != nil {
		return nil, err
	}
	tr, err := trainSpectrum(&s, st, progress)
	if err != nil {
		return nil, err
	}
	op := newBlockedCurvature(&s, st, tr.Theta, nil)
	steps := min(s.Steps, op.Dim())
	probes := make([]*spectrum.ProbeResult, s.Probes)
	for i := range probes {
		offset := i * steps
		probes[i], err = runProbe(&s, op, func() *nn.Curvature { return spectrumCurvature(&s, st, tr.Theta) }, i, func(p experiment.Progress) bool {
			if p.Phase != "dense" {
				p.Done, p.Total = offset+p.Done, steps*s.Probes
			}
			return progress(p)
		})
		if err != nil {
			return nil, err
		}
	}
	res, err := Assemble(s, tr, probes)
	if err != nil {
		return nil, err
	}
	theta := tr.Theta
	res.SetModel(func() experiment.Model { return runkit.NewModel(st.Arch, theta, &st.Split.Train) })
	if s.Before && s.Epochs > 0 {
		init := s.Initial()
		if res.Initial, err = Run(init, assets, func(p experiment.Progress) bool {
			p.Phase = "initial " + p.Phase
			return progress(p)
		}); err != nil {
			return nil, fmt.Errorf("spectrum at initialisation: %w", err)
		}
	}
	for r := 1; r < s.Repeats; r++ {
		seeded := s.Repeat(r)
		sr, err := Run(seeded, assets, func(p experiment.Progress) bool {
			p.Phase = fmt.Sprintf("seed %d %s", seeded.Seed, p.Phase)
			return progress(p)
		})
		if err != nil {
			return nil, fmt.Errorf("seed %d: %w", seeded.Seed, err)
		}
		res.Seeds = append(res.Seeds, sr)
	}
	return res, nil
}
