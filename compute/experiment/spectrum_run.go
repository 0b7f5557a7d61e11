package experiment

import (
	"fmt"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/spectrum"
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
	// Phase is "train", "lanczos", "density" or "dense".
	Phase string `json:"phase"`
	// Done and Total count steps of the phase: curve points while
	// training, operator products afterwards.
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

	// Top holds the TopK largest Ritz values, descending, and Residuals
	// their Ritz residuals |β_m s_{m,i}|, each a bound on the distance to the
	// nearest true eigenvalue.
	Top       []float64 `json:"top"`
	Residuals []float64 `json:"residuals"`
	// Bottom holds the TopK smallest Ritz values, ascending (most negative
	// first), with their residuals.
	Bottom          []float64 `json:"bottom"`
	BottomResiduals []float64 `json:"bottom_residuals"`

	// Outliers is the number of eigenvalues above the bulk, by the rule of
	// spectrum.DetectOutliers; BulkEdge the first eigenvalue of the bulk;
	// GapRatio the largest ratio λ_i/λ_{i+1} among the top values.
	Outliers int     `json:"outliers"`
	BulkEdge float64 `json:"bulk_edge"`
	GapRatio float64 `json:"gap_ratio"`

	Density     DensityCurve `json:"density"`
	Trace       float64      `json:"trace"`
	TraceStdErr float64      `json:"trace_stderr"`

	Train []train.Point `json:"train"`
	Final train.Point   `json:"final"`
	// Dense holds every eigenvalue of the dense matrix, ascending, when the
	// spec asks for it.
	Dense []float64 `json:"dense,omitempty"`

	Stats SpectrumStats `json:"stats"`

	arch  *nn.Arch
	theta []float64
	split data.Split
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

// RunSpectrum validates s, trains the network, and computes the spectrum of
// the curvature of its mean training loss: the TopK largest and smallest
// eigenvalues by Lanczos with full reorthogonalisation, the SLQ density from
// Probes probes (the first probe's Lanczos run serves both), the trace, the
// outlier count and, if asked, every eigenvalue of the dense matrix.
// progress, if not nil, is called as the run advances and cancels it by
// returning false. Errors name the phase and step where a run stopped.
func RunSpectrum(s Spectrum, assets Assets, progress func(Progress) bool) (*SpectrumResult, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if progress == nil {
		progress = func(Progress) bool { return true }
	}
	split, err := s.BuildData(assets)
	if err != nil {
		return nil, err
	}
	arch := s.Arch()
	theta := make([]float64, arch.NumParams())
	init := nn.InitDefault
	if s.Init == "gaussian" {
		init = nn.InitGaussian
	}
	nn.Initialize(theta, arch, init, 1, rng.New(s.Seed, rng.Init))
	trainObj := &nn.Objective{Arch: arch, Data: &split.Train}
	testObj := &nn.Objective{Arch: arch, Data: &split.Test}
	if err := trainObj.Check(); err != nil {
		return nil, err
	}

	trained := train.Result{Theta: theta, Stats: train.Stats{Reason: "not trained (epochs = 0)"}}
	if s.Epochs == 0 {
		// The spectrum at initialisation.
		trained.Curve = []train.Point{train.Measure(trainObj, testObj, theta, s.Decay)}
	} else {
		trained, err = train.Run(trainObj, testObj, theta, s.TrainSettings(), func(p train.Point) bool {
			return progress(Progress{Phase: "train", Done: p.Step, Total: totalSteps(s), Point: &p})
		})
		if err != nil {
			return nil, err
		}
	}
	res := &SpectrumResult{Spec: s, Params: len(theta), Train: trained.Curve, arch: arch, theta: theta, split: split}
	res.Final = trained.Curve[len(trained.Curve)-1]
	res.Stats.TrainSteps, res.Stats.StopReason = trained.Stats.Steps, trained.Stats.Reason

	kind := nn.Hessian
	if s.Curvature == "ggn" {
		kind = nn.GaussNewton
	}
	op := nn.NewCurvature(trainObj, theta, kind)
	if err := s.spectrum(res, op, progress); err != nil {
		return res, err
	}
	res.Stats.Products = op.Products()
	return res, nil
}

func totalSteps(s Spectrum) int {
	batch := s.Batch
	if batch <= 0 || batch > s.Samples {
		batch = s.Samples
	}
	return s.Epochs * ((s.Samples + batch - 1) / batch)
}

// spectrum runs Lanczos, SLQ and the dense eigensolver on op.
func (s *Spectrum) spectrum(res *SpectrumResult, op *nn.Curvature, progress func(Progress) bool) error {
	n := op.Dim()
	steps := min(s.Steps, n)
	total := steps * s.Probes
	ds := spectrum.DensitySettings{Steps: steps, Probes: s.Probes, SigmaFrac: s.Sigma, Seed: s.Seed, MemoryBudget: MemoryLimit}
	phase := func(name string, offset int) func(step, _ int) bool {
		return func(step, _ int) bool { return progress(Progress{Phase: name, Done: offset + step, Total: total}) }
	}

	// Probe 0 starts the Lanczos run that gives the extreme eigenvalues; its
	// quadrature rule is also the density's first probe.
	lz, err := spectrum.RunLanczos(op, spectrum.LanczosSettings{Steps: steps, Start: spectrum.ProbeVector(n, s.Seed, 0, ds.Kind), MemoryBudget: MemoryLimit}, phase("lanczos", 0))
	if err != nil {
		return fmt.Errorf("lanczos: %w", err)
	}
	k := min(s.TopK, len(lz.Values))
	for _, r := range lz.Top(k) {
		res.Top = append(res.Top, r.Value)
		res.Residuals = append(res.Residuals, r.Residual)
	}
	for _, r := range lz.Bottom(k) {
		res.Bottom = append(res.Bottom, r.Value)
		res.BottomResiduals = append(res.BottomResiduals, r.Residual)
	}
	out := spectrum.DetectOutliers(res.Top, 0)
	res.Outliers, res.BulkEdge, res.GapRatio = out.Count, out.Edge, out.Ratio
	res.Stats.LanczosSteps = lz.Stats.Steps

	quads := []spectrum.Quad{lz.Quad()}
	for i := 1; i < s.Probes; i++ {
		q, err := spectrum.Quadrature(op, spectrum.ProbeVector(n, s.Seed, i, ds.Kind), ds, phase("density", i*steps))
		if err != nil {
			return fmt.Errorf("density probe %d: %w", i+1, err)
		}
		quads = append(quads, q)
	}
	d := spectrum.Combine(quads, ds)
	res.Density = DensityCurve{Grid: d.Grid, Values: d.Values, Sigma: d.Sigma}
	res.Trace, res.TraceStdErr = d.Trace, d.TraceStdErr

	if s.Dense {
		if !progress(Progress{Phase: "dense", Done: 0, Total: n}) {
			return fmt.Errorf("dense: %w", spectrum.ErrCanceled)
		}
		h, _, err := nn.DenseCurvature(op)
		if err != nil {
			return err
		}
		res.Dense = spectrum.DenseEigenvalues(h)
	}
	return nil
}
