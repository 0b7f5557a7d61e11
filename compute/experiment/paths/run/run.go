package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	numpaths "github.com/overparam/overparam/compute/paths"
	"github.com/overparam/overparam/compute/rng"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
	"github.com/overparam/overparam/compute/train"
)

// A paths run has s.Points() independent points and an assembly, so that a
// pool of workers can share it:
//
//	Point(s, a, 0, …)  the pair: two solutions, their linear path
//	                           and its sharpness;
//	Point(s, a, i, …)  for i ≥ 1, one repeat of one mean-field width;
//	Assemble               medians over repeats, in any order.
//
// A point depends only on the spec and its index (its width and repeat),
// never on which points ran before, so Run, which runs them in turn,
// gives the same bits as the points run on separate workers.

// Point validates s and runs point index, in [0, s.Points()).
// progress, if not nil, is called as the point advances and cancels it by
// returning false. A diverging training fails with an error naming the
// width, the seed and the step.
func Point(s paths.Spec, assets experiment.Assets, index int, progress func(experiment.Progress) bool) (*paths.Point, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("point %d is out of range; this spec has %d points (the pair, then %d widths × %d seeds)", index, s.Points(), len(s.Widths), s.Seeds)
	}
	progress = runkit.OrTrue(progress)
	if index == 0 {
		return runPair(&s, assets, progress)
	}
	split, err := MeanFieldData(&s)
	if err != nil {
		return nil, err
	}
	return runMeanField(&s, &split, index, progress)
}

// Run validates s, runs every point in turn and assembles them: the
// same bits as Point on each point and Assemble.
func Run(s paths.Spec, assets experiment.Assets, progress func(experiment.Progress) bool) (*paths.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	progress = runkit.OrTrue(progress)
	parts := make([]*paths.Point, s.Points())
	var err error
	if parts[0], err = runPair(&s, assets, progress); err != nil {
		return nil, err
	}
	split, err := MeanFieldData(&s)
	if err != nil {
		return nil, err
	}
	for i := 1; i < len(parts); i++ {
		if parts[i], err = runMeanField(&s, &split, i, progress); err != nil {
			return nil, err
		}
	}
	return Assemble(s, parts)
}

// runPair trains the pair's two solutions on the data of s.Seed and walks
// the linear path between them, θ(α) = (1−α)θ_A + αθ_B.
func runPair(s *paths.Spec, assets experiment.Assets, progress func(experiment.Progress) bool) (*paths.Point, error) {
	sp := s.PairSpec()
	st, err := runkit.SetupSpectrum(&sp, assets)
	if err != nil {
		return nil, err
	}
	name := "linear (two seeds)"
	batches, seeds := [2]int{s.SmallBatch, s.SmallBatch}, [2]uint64{s.Seed, s.Seed + 1}
	if s.Pair == "batch" {
		// α = 0 is the large-batch solution, α = 1 the small-batch one
		// (Sagun et al. 2017, arXiv:1706.04454, §4: θ(α) = (1−α)θ_LB + αθ_SB),
		// both from the initialisation of s.Seed.
		name = "linear (small vs large batch)"
		batches[0], seeds[1] = s.LargeBatch, s.Seed
	}
	total := pathsSteps(s, batches[0]) + pathsSteps(s, batches[1])
	init := nn.InitDefault
	if s.Init == "gaussian" {
		init = nn.InitGaussian
	}
	pt := &paths.Point{}
	for k := range pt.Nets {
		theta := make([]float64, st.Arch.NumParams())
		nn.Initialize(theta, st.Arch, init, 1, rng.New(seeds[k], rng.Init))
		set := train.Settings{LR: s.LR, Momentum: s.Momentum, Batch: batches[k], Epochs: s.Epochs, Points: paths.CurvePoints, Seed: seeds[k]}
		done := pt.Steps
		r, err := train.Run(st.TrainObj, nil, theta, set, func(p train.Point) bool {
			return progress(experiment.Progress{Phase: "train", Done: done + p.Step, Total: total})
		})
		if err != nil {
			return nil, fmt.Errorf("solution %c (seed %d, batch %d): %w", 'A'+k, seeds[k], batches[k], err)
		}
		pt.Nets[k], pt.Steps = r.Theta, pt.Steps+r.Stats.Steps
	}
	line := func(dst []float64, a float64) { numpaths.LinearTo(dst, pt.Nets[0], pt.Nets[1], a) }
	path, err := walkPath(name, numpaths.LinearGrid(s.Resolution), line, st.TrainObj, st.TestObj, s.Data != "teacher", "path", progress)
	if err == nil {
		path.Sharpness, err = sharpness(s, st.TrainObj, line, progress)
	}
	if err != nil {
		return nil, err
	}
	pt.Paths = []paths.Path{path}
	if s.Bezier > 0 {
		curve, err := trainBezier(s, st, pt.Nets, progress)
		if err != nil {
			return nil, err
		}
		pt.Paths = append(pt.Paths, curve)
	}
	return pt, nil
}

// bezier fits a quadratic Bézier curve between the pair's solutions (its
// control point starts at their midpoint, the straight line) by full-batch
// SGD on the loss averaged along the curve (Garipov et al. 2018, §3), and
// walks it on [0, 1] at the line's resolution.
func trainBezier(s *paths.Spec, st *runkit.SpectrumSetup, nets [2][]float64, progress func(experiment.Progress) bool) (paths.Path, error) {
	mid := make([]float64, len(nets[0]))
	numpaths.LinearTo(mid, nets[0], nets[1], 0.5)
	curve := numpaths.Bezier{A: nets[0], C: mid, B: nets[1]}
	if !progress(experiment.Progress{Phase: "bezier", Done: 0, Total: s.Bezier}) {
		return paths.Path{}, fmt.Errorf("bezier: canceled")
	}
	grad := func(g, theta []float64) float64 { return st.TrainObj.LossGrad(g, theta) }
	if _, err := curve.Train(grad, rng.New(s.Seed, rng.Sweep), numpaths.BezierSettings{Steps: s.Bezier, LR: s.LR}); err != nil {
		return paths.Path{}, fmt.Errorf("Bézier curve: %w", err)
	}
	return walkPath(paths.BezierName, numpaths.UnitGrid(s.Resolution), curve.PointTo, st.TrainObj, st.TestObj, s.Data != "teacher", "bezier path", progress)
}

// steps returns the SGD steps of a solution of the pair trained with
// minibatch size batch (0 for full batch).
func pathsSteps(s *paths.Spec, batch int) int {
	if batch <= 0 || batch > s.Samples {
		batch = s.Samples
	}
	return s.Epochs * ((s.Samples + batch - 1) / batch)
}

// walkPath samples the path at (dst, α) ↦ θ(α) on the grid alpha: training and
// test loss, and accuracies if classify. It fails if a loss is not finite.
func walkPath(name string, alpha []float64, at func(dst []float64, a float64), trainO, testO *nn.Objective, classify bool, phase string, progress func(experiment.Progress) bool) (paths.Path, error) {
	n := len(alpha)
	p := paths.Path{Name: name, Alpha: alpha, TrainLoss: make([]float64, n), TestLoss: make([]float64, n)}
	if classify {
		p.TrainAcc, p.TestAcc = make([]float64, n), make([]float64, n)
	}
	theta := make([]float64, trainO.Arch.NumParams())
	for i, a := range alpha {
		at(theta, a)
		tl, ta := trainO.Evaluate(theta)
		vl, va := testO.Evaluate(theta)
		if !finiteLoss(tl) || !finiteLoss(vl) {
			return p, fmt.Errorf("%s path: the loss at α = %g is not finite (train %v, test %v)", name, a, tl, vl)
		}
		p.TrainLoss[i], p.TestLoss[i] = tl, vl
		if classify {
			p.TrainAcc[i], p.TestAcc[i] = ta, va
		}
		if !progress(experiment.Progress{Phase: phase, Done: i + 1, Total: n}) {
			return p, fmt.Errorf("%s path: %w at α = %g", name, numspectrum.ErrCanceled, a)
		}
	}
	p.Barrier = numpaths.Barrier(alpha, p.TrainLoss)
	return p, nil
}

// sharpness returns the top Hessian eigenvalue of the training loss at the
// sharpness α of the path, by Lanczos from probe 0 of the spec's seed.
func sharpness(s *paths.Spec, obj *nn.Objective, at func(dst []float64, a float64), progress func(experiment.Progress) bool) ([]paths.Sharp, error) {
	alphas := s.SharpAlphas()
	n := obj.Arch.NumParams()
	steps := min(s.Steps, n)
	start := numspectrum.ProbeVector(n, s.Seed, 0, numspectrum.Rademacher)
	theta := make([]float64, n)
	var out []paths.Sharp
	for i, a := range alphas {
		at(theta, a)
		op := nn.NewCurvature(obj, theta, nn.Hessian)
		lz, err := numspectrum.RunLanczos(op, numspectrum.LanczosSettings{Steps: steps, Start: start, MemoryBudget: experiment.MemoryLimit},
			func(step, _ int) bool {
				return progress(experiment.Progress{Phase: "sharpness", Done: i*steps + step, Total: len(alphas) * steps})
			})
		if err != nil {
			return nil, fmt.Errorf("sharpness at α = %g: %w", a, err)
		}
		top := lz.Top(1)[0]
		if !finiteLoss(top.Value) || !finiteLoss(top.Residual) {
			return nil, fmt.Errorf("sharpness at α = %g: the top eigenvalue is %v", a, top.Value)
		}
		out = append(out, paths.Sharp{Alpha: a, Top: top.Value, Residual: top.Residual})
	}
	return out, nil
}

// MeanFieldData draws the teacher–student data of the mean-field networks
// from s.Seed: a noiseless teacher of s.Teacher ReLUs in s.MFDim dimensions.
func MeanFieldData(s *paths.Spec) (data.Split, error) {
	split, _, err := data.TeacherStudent(data.TeacherSettings{Dim: s.MFDim, Hidden: s.Teacher, Train: s.MFSamples, Test: s.MFTest, Seed: s.Seed})
	return split, err
}

func finiteLoss(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }
