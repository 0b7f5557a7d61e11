package spectrum

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"

	"github.com/overparam/overparam/compute/arch"
	"github.com/overparam/overparam/compute/curve"
)

// Result is the outcome of a Spectrum run. Eigenvalues are in the
// units of the loss per parameter².
type Result struct {
	Spec   Spec `json:"spec"`
	Params int  `json:"params"`

	Extremes

	// Outliers is the number of converged top eigenvalues above the bulk
	// edge, by the rule of spectrum.FindOutliers (OutlierRule states it);
	// BulkEdge is the top of the bulk, from the SLQ measure; GapRatio is the
	// smallest point above the edge over the edge (0 when no gap was found);
	// WeakGap flags an uncertain count (a gap ratio below
	// spectrum.StrongGapRatio, an unconverged value above the edge, or a
	// top-k that does not reach the edge).
	Outliers int     `json:"outliers"`
	BulkEdge float64 `json:"bulk_edge"`
	GapRatio float64 `json:"gap_ratio"`
	WeakGap  bool    `json:"weak_gap"`

	Density     DensityCurve `json:"density"`
	Trace       float64      `json:"trace"`
	TraceStdErr float64      `json:"trace_stderr"`

	Train []curve.Point `json:"train"`
	Final curve.Point   `json:"final"`
	// Dense holds every eigenvalue of the dense matrix, ascending, when the
	// spec asks for it.
	Dense []float64 `json:"dense,omitempty"`

	Stats Stats `json:"stats"`
	// Initial is the spectrum of the same network at initialisation, when
	// the spec asks for it (Before).
	Initial *Result `json:"initial,omitempty"`
	// Seeds are the spectra of seeds Seed+1 … Seed+Repeats−1, when the spec
	// repeats the run.
	Seeds []*Result `json:"seeds,omitempty"`

	// model packs the trained network with its training set (ExportModel);
	// the run that made the result sets it (SetModel).
	model func() experiment.Model
}

// Extremes are the extreme eigenvalues of a run, from Lanczos.
type Extremes struct {
	// Top holds the TopK largest Ritz values, descending, and Residuals
	// their Ritz residuals |β_m s_{m,i}|, each a bound on the distance to the
	// nearest true eigenvalue.
	Top       []float64 `json:"top"`
	Residuals []float64 `json:"residuals"`
	// Bottom holds the TopK smallest Ritz values, ascending (most negative
	// first), with their residuals.
	Bottom          []float64 `json:"bottom"`
	BottomResiduals []float64 `json:"bottom_residuals"`
}

// DensityCurve is the smoothed SLQ spectral density on a grid: Values in
// 1/eigenvalue units integrate to 1 over Grid.
type DensityCurve struct {
	Grid   []float64 `json:"grid"`
	Values []float64 `json:"values"`
	Sigma  float64   `json:"sigma"`
}

// Stats counts the work of a run.
type Stats struct {
	TrainSteps   int    `json:"train_steps"`
	StopReason   string `json:"stop_reason"`
	Products     int    `json:"products"`
	LanczosSteps int    `json:"lanczos_steps"`
}

// TrainSteps is the number of optimizer steps the spec's training takes
// unless it stops early (GradTol).
func (s Spec) TrainSteps() int { return TotalSteps(s) }

// TotalSteps is the number of optimizer steps of the spec's training.
func TotalSteps(s Spec) int {
	batch := s.Batch
	if batch <= 0 || batch > s.Samples {
		batch = s.Samples
	}
	return s.Epochs * ((s.Samples + batch - 1) / batch)
}

// Trained is the outcome of the training stage: θ and the training curve.
type Trained struct {
	Theta []float64     `json:"theta"`
	Train []curve.Point `json:"train"`
	Steps int           `json:"steps"`
	// StopReason says why training stopped.
	StopReason string `json:"stop_reason"`
}

// ProbeResult is one probe's Lanczos run: its Gauss quadrature rule and, for
// probe 0, the extreme Ritz values with their residuals (and the dense
// eigenvalues if the spec asks for them).
type ProbeResult struct {
	Index   int       `json:"index"`
	Dim     int       `json:"dim"`
	Nodes   []float64 `json:"nodes"`
	Weights []float64 `json:"weights"`
	Steps   int       `json:"steps"`
	// Products counts operator products of this probe.
	Products int `json:"products"`

	// Extremes are set for probe 0 only.
	Extremes
	Dense []float64 `json:"dense,omitempty"`
}

// Repeat returns the spec of repeat r (1 ≤ r < Repeats): s with seed
// Seed + r, run once, without the before-training spectrum.
func (s Spec) Repeat(r int) Spec {
	s.Seed += uint64(r)
	s.Repeats, s.Before = 1, false
	s.Hidden = append([]int(nil), s.Hidden...)
	return s
}

// Initial returns the spec of the same network's spectrum at
// initialisation: s with no training and no further before-run.
func (s Spec) Initial() Spec {
	s.Epochs, s.Before, s.Repeats = 0, false, 1
	s.Hidden = append([]int(nil), s.Hidden...)
	return s
}

// OutlierRule states, in one sentence for a reader of the page or the CLI,
// how Result.Outliers is counted (spectrum.FindOutliers, whose
// constants the Outlier* constants repeat).
var OutlierRule = fmt.Sprintf("Outliers are the converged top eigenvalues (Ritz residual below %g%% of the value and of the gap to its neighbours) above the bulk edge, "+
	"the gap of at least %g× between neighbouring points of the SLQ density that is widest when measured from a point s inside the top of the bulk "+
	"(max(%d, %g%% of n) eigenvalues above it, fewer for a low-rank matrix) rather than from zero; a gap ratio below %g× is marked weak.",
	100*OutlierConvergedFraction, OutlierMinGapRatio, OutlierBulkDepth, 100*OutlierBulkDepthFraction, OutlierStrongGapRatio)

// The constants of spectrum.FindOutliers that OutlierRule states (a test of
// package experiment checks that they equal package spectrum's).
const (
	OutlierBulkDepth         = 20
	OutlierBulkDepthFraction = 0.01
	OutlierMinGapRatio       = 1.2
	OutlierStrongGapRatio    = 1.3
	OutlierConvergedFraction = 0.01
)

// checkShards validates a shard and the shard count against the spec.
func (s *Spec) CheckShards(shard, shards int) error {
	if shards < 1 || shards > experiment.SampleBlocks(s.Samples) || shard < 0 || shard >= shards {
		return fmt.Errorf("shard %d of %d is out of range; a probe has at most %d shards, and no more than samples", shard, shards, experiment.MaxShards)
	}
	return nil
}

// blockedCurvatureBytes estimates the memory of the block curvatures of a
// network on n samples: arch.CurvatureBytes of each block.
func blockedCurvatureBytes(a *arch.Arch, n int) int64 {
	blocks := experiment.SampleBlocks(n)
	var b int64
	for k := range blocks {
		lo, hi := experiment.ShardRange(n, blocks, k)
		b += arch.CurvatureBytes(a, hi-lo)
	}
	return b
}

// ExportModel returns the trained network of a spectrum run with its
// training set.
func (r *Result) ExportModel() experiment.Model {
	if r.model == nil {
		return experiment.Model{}
	}
	return r.model()
}

// SetModel sets the function ExportModel calls: the run that makes a result
// knows its network, θ and training set, which the result's JSON omits.
func (r *Result) SetModel(model func() experiment.Model) { r.model = model }
