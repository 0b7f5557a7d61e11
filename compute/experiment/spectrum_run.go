package experiment

import (
	"fmt"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/train"
)

// Assets are the data files a run may need, loaded by the caller: the CLI
// embeds them, the browser fetches them.
type Assets struct {
	// Digits is the MNIST subset asset (web/data/digits.bin.gz).
	Digits []byte
}

// Progress reports a running experiment's phase and how far it is.
type Progress struct {
	// Phase names what runs, for a progress line. A spectrum run reports
	// "train", "lanczos" (the first probe), "density" (the others) and
	// "dense", prefixed by "initial " for the spectrum at initialisation or
	// by "seed N " for a repeat; a paths run "train", "sharpness",
	// "bezier", "path" and "bezier path", and for its mean-field networks
	// "width N: " before "train", "dropout" and "<path name> path"; a
	// double-descent point "repeats".
	Phase string `json:"phase"`
	// Done and Total count steps of the phase: training steps while
	// training, Lanczos steps, grid points of a path, repeats of a point.
	Done  int `json:"done"`
	Total int `json:"total"`
	// Point is the newest training-curve point, while training.
	Point *train.Point `json:"point,omitempty"`
}

// SpectrumResult is the outcome of a Spectrum run. Eigenvalues are in the
// units of the loss per parameter².
type SpectrumResult struct {
	Spec   Spectrum `json:"spec"`
	Params int      `json:"params"`

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

	Train []train.Point `json:"train"`
	Final train.Point   `json:"final"`
	// Dense holds every eigenvalue of the dense matrix, ascending, when the
	// spec asks for it.
	Dense []float64 `json:"dense,omitempty"`

	Stats SpectrumStats `json:"stats"`
	// Initial is the spectrum of the same network at initialisation, when
	// the spec asks for it (Before).
	Initial *SpectrumResult `json:"initial,omitempty"`
	// Seeds are the spectra of seeds Seed+1 … Seed+Repeats−1, when the spec
	// repeats the run.
	Seeds []*SpectrumResult `json:"seeds,omitempty"`

	arch  *nn.Arch
	theta []float64
	split data.Split
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

// SpectrumStats counts the work of a run.
type SpectrumStats struct {
	TrainSteps   int    `json:"train_steps"`
	StopReason   string `json:"stop_reason"`
	Products     int    `json:"products"`
	LanczosSteps int    `json:"lanczos_steps"`
}

// BuildData draws the spec's training and test sets, with label noise applied
// to the training set.
func (s *Spectrum) BuildData(assets Assets) (data.Split, error) {
	var split data.Split
	var err error
	switch s.Data {
	case "mixture":
		split, err = data.Mixture(data.MixtureSettings{Classes: s.Classes, Dim: s.Dim, Separation: s.Separation, Train: s.Samples, Test: s.Test, Seed: s.Seed})
	case "moons", "circles":
		shape := data.ShapeSettings{Noise: s.Noise, Train: s.Samples, Test: s.Test, Seed: s.Seed}
		if s.Data == "moons" {
			split, err = data.Moons(shape)
		} else {
			split, err = data.Circles(shape)
		}
	case "teacher":
		split, _, err = data.TeacherStudent(data.TeacherSettings{Dim: s.Dim, Hidden: s.Teacher, Noise: s.Noise, Train: s.Samples, Test: s.Test, Seed: s.Seed})
	case "digits":
		if len(assets.Digits) == 0 {
			return split, fmt.Errorf("data = digits needs the digits asset, which was not loaded")
		}
		split, err = data.Digits(assets.Digits, data.DigitsSettings{Train: s.Samples, Test: s.Test, Size: s.Pixels, Seed: s.Seed})
	default:
		return split, fmt.Errorf("unknown data %q", s.Data)
	}
	if err != nil {
		return split, err
	}
	if s.LabelNoise > 0 {
		err = data.AddLabelNoise(&split.Train, s.LabelNoise, s.Seed)
	}
	return split, err
}

// TrainSettings returns the training settings of the spec.
func (s *Spectrum) TrainSettings() train.Settings {
	return train.Settings{LR: s.LR, Momentum: s.Momentum, Batch: s.Batch, Epochs: s.Epochs, WeightDecay: s.Decay, GradTol: s.GradTol, Seed: s.Seed}
}

// TrainSteps is the number of optimizer steps the spec's training takes
// unless it stops early (GradTol).
func (s Spectrum) TrainSteps() int { return totalSteps(s) }

// totalSteps is the number of optimizer steps of the spec's training.
func totalSteps(s Spectrum) int {
	batch := s.Batch
	if batch <= 0 || batch > s.Samples {
		batch = s.Samples
	}
	return s.Epochs * ((s.Samples + batch - 1) / batch)
}
