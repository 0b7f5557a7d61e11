package train

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/curve"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// Settings configures a training run. Zero fields take the documented
// defaults.
type Settings struct {
	// LR is the learning rate η; 0 means 0.1.
	LR float64
	// Momentum is the heavy-ball coefficient μ in [0, 1); 0 means plain steps.
	Momentum float64
	// Batch is the minibatch size; 0 (or ≥ the training set size) means full
	// batch.
	Batch int
	// Epochs is the number of passes over the training set; 0 means 100.
	Epochs int
	// WeightDecay is λ in the penalty (λ/2)‖θ‖².
	WeightDecay float64
	// GradTol stops training once the full-batch gradient norm ‖∇(L + λ/2‖θ‖²)‖
	// is at most GradTol, checked at every curve point; 0 never stops early.
	GradTol float64
	// Points is about how many curve points to record; 0 means 200.
	Points int
	// Seed seeds the minibatch order (stream rng.Batches).
	Seed uint64
}

func (s Settings) withDefaults() Settings {
	if s.LR == 0 {
		s.LR = 0.1
	}
	if s.Epochs == 0 {
		s.Epochs = 100
	}
	if s.Points == 0 {
		s.Points = 200
	}
	return s
}

// Point is one sample of the training curves (see package curve, which
// holds it so that pages can read curves without linking training code).
type Point = curve.Point

// Result is the outcome of a training run.
type Result struct {
	Theta []float64
	Curve []Point
	Stats Stats
}

// Stats counts the work of a run and says why it stopped.
type Stats struct {
	Steps  int    `json:"steps"`
	Epochs int    `json:"epochs"`
	Reason string `json:"reason"` // "epochs", "gradient tolerance" or "canceled"
}

// DivergenceFactor is how far the training loss may grow: Run stops as
// diverged when a step's loss L satisfies L > DivergenceFactor·L₀ and
// L > 1, with L₀ the loss at θ before the first step. A loss a million
// times its start has left every basin the run could settle in (with
// lr = 100 a ReLU network's cross-entropy reaches 1e137 while staying
// finite), and the floor of 1 keeps a loss that starts near 0 from
// tripping the rule on noise.
const DivergenceFactor = 1e6

// DivergedError reports a NaN or infinite loss or gradient, or a loss above
// DivergenceFactor times its initial value (Initial).
type DivergedError struct {
	Step, Epoch int
	What        string // "loss" or "gradient"
	Value       float64
	LR          float64
	// Initial is the loss before the first step, when the loss grew past
	// DivergenceFactor times it; 0 for a non-finite value.
	Initial float64
}

func (e *DivergedError) Error() string {
	if e.Initial != 0 {
		return fmt.Sprintf("training diverged at step %d (epoch %d): the loss grew from %.3g to %.3g, more than %.0g times its initial value; try a smaller learning rate than %g",
			e.Step, e.Epoch, e.Initial, e.Value, float64(DivergenceFactor), e.LR)
	}
	return fmt.Sprintf("training diverged at step %d (epoch %d): the %s became %v; try a smaller learning rate than %g",
		e.Step, e.Epoch, e.What, e.Value, e.LR)
}

// diverged returns the error for a loss at step and epoch, given the
// initial loss l0 (NaN before it is known), or nil if the loss is fine.
func (s Settings) diverged(loss, l0 float64, step, epoch int) error {
	if !isFinite(loss) {
		return &DivergedError{Step: step, Epoch: epoch, What: "loss", Value: loss, LR: s.LR}
	}
	if loss > 1 && loss > DivergenceFactor*l0 { // false while l0 is NaN
		return &DivergedError{Step: step, Epoch: epoch, What: "loss", Value: loss, LR: s.LR, Initial: l0}
	}
	return nil
}

// ErrCanceled is returned, wrapped, when the progress callback stops a run.
var ErrCanceled = errors.New("train: canceled")

// Run trains θ (updated in place, and returned in Result.Theta) on the
// objective trainSet; test, if not nil, is evaluated at every curve point.
// progress, if not nil, receives every curve point as it is recorded and may
// return false to cancel. The returned Result holds the curve so far even
// with an error.
func Run(trainSet, test *nn.Objective, theta []float64, s Settings, progress func(Point) bool) (Result, error) {
	s = s.withDefaults()
	if err := s.Validate(); err != nil {
		return Result{Theta: theta}, err
	}
	n := trainSet.Count()
	batch := s.Batch
	if batch <= 0 || batch > n {
		batch = n
	}
	perEpoch := (n + batch - 1) / batch
	totalSteps := perEpoch * s.Epochs
	every := max(1, totalSteps/s.Points)

	res := Result{Theta: theta}
	p := len(theta)
	grad, vel := make([]float64, p), make([]float64, p)
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	r := rng.New(s.Seed, rng.Batches)
	mini := &nn.Objective{Arch: trainSet.Arch, Data: trainSet.Data}
	full := batch == n

	// checkpoint records a curve point at θ, leaving the full-batch gradient
	// in grad, and reports whether training should stop.
	l0 := math.NaN() // the loss before the first step, from the first checkpoint
	checkpoint := func(step, epoch int) (stop bool, err error) {
		pt := measure(grad, trainSet, test, theta, s.WeightDecay, step, epoch)
		if step == 0 {
			l0 = pt.TrainLoss
		}
		if err := s.diverged(pt.TrainLoss, l0, step, epoch); err != nil {
			return true, err
		}
		if !isFinite(pt.GradNorm) {
			return true, &DivergedError{Step: step, Epoch: epoch, What: "gradient", Value: pt.GradNorm, LR: s.LR}
		}
		res.Curve = append(res.Curve, pt)
		if progress != nil && !progress(pt) {
			res.Stats = Stats{Steps: step, Epochs: epoch, Reason: "canceled"}
			return true, fmt.Errorf("%w at step %d", ErrCanceled, step)
		}
		if s.GradTol > 0 && pt.GradNorm <= s.GradTol {
			res.Stats = Stats{Steps: step, Epochs: epoch, Reason: "gradient tolerance"}
			return true, nil
		}
		return false, nil
	}

	step := 0
	for epoch := 0; epoch < s.Epochs; epoch++ {
		if !full {
			r.Shuffle(n, func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		for b := 0; b < perEpoch; b++ {
			var loss float64
			if step%every == 0 {
				if stop, err := checkpoint(step, epoch); stop {
					return res, err
				}
			}
			switch {
			case full && step%every == 0:
				loss = res.Curve[len(res.Curve)-1].TrainLoss // grad is already ∇L(θ)
			case full:
				loss = trainSet.LossGrad(grad, theta)
			default:
				lo, hi := b*batch, min((b+1)*batch, n)
				mini.Idx = subset(trainSet, order[lo:hi])
				loss = mini.LossGrad(grad, theta)
			}
			if err := s.diverged(loss, l0, step, epoch); err != nil {
				return res, err
			}
			// v ← μv + (g + λθ), θ ← θ − ηv.
			for i := range theta {
				g := grad[i] + float64(s.WeightDecay*theta[i])
				vel[i] = float64(s.Momentum*vel[i]) + g
				theta[i] -= float64(s.LR * vel[i])
			}
			step++
		}
	}
	if stop, err := checkpoint(step, s.Epochs); stop {
		return res, err
	}
	res.Stats = Stats{Steps: step, Epochs: s.Epochs, Reason: "epochs"}
	return res, nil
}

// Measure returns the curve point of θ without training: training and test
// loss and accuracy and the norm of the penalised full-batch gradient, with
// weight decay λ. test may be nil.
func Measure(trainSet, test *nn.Objective, theta []float64, lambda float64) Point {
	return measure(make([]float64, len(theta)), trainSet, test, theta, lambda, 0, 0)
}

// measure computes a curve point, leaving the full-batch gradient in grad.
func measure(grad []float64, trainSet, test *nn.Objective, theta []float64, lambda float64, step, epoch int) Point {
	pt := Point{Step: step, Epoch: epoch, TestLoss: math.NaN(), TestAcc: math.NaN()}
	pt.TrainLoss, pt.TrainAcc = trainSet.EvaluateGrad(grad, theta)
	pt.GradNorm = penalisedNorm(grad, theta, lambda)
	if test != nil {
		pt.TestLoss, pt.TestAcc = test.Evaluate(theta)
	}
	return pt
}

// subset maps positions in the training objective's sample list to dataset
// indices.
func subset(o *nn.Objective, pos []int) []int {
	if o.Idx == nil {
		return pos
	}
	idx := make([]int, len(pos))
	for i, p := range pos {
		idx[i] = o.Idx[p]
	}
	return idx
}

// penalisedNorm returns ‖g + λθ‖.
func penalisedNorm(g, theta []float64, lambda float64) float64 {
	var ss float64
	for i := range g {
		x := g[i] + float64(lambda*theta[i])
		ss += float64(x * x)
	}
	return math.Sqrt(ss)
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// Validate reports whether the settings (after defaults) are in range.
func (s Settings) Validate() error {
	s = s.withDefaults()
	switch {
	case !(s.LR > 0) || s.LR > 1e3:
		return fmt.Errorf("train: learning rate %v out of range (0, 1000]", s.LR)
	case !(s.Momentum >= 0 && s.Momentum < 1):
		return fmt.Errorf("train: momentum %v out of range [0, 1)", s.Momentum)
	case s.Batch < 0:
		return fmt.Errorf("train: batch size %d must be ≥ 0 (0 = full batch)", s.Batch)
	case s.Epochs < 0:
		return fmt.Errorf("train: epochs %d must be ≥ 0", s.Epochs)
	case !(s.WeightDecay >= 0):
		return fmt.Errorf("train: weight decay %v must be ≥ 0", s.WeightDecay)
	case !(s.GradTol >= 0):
		return fmt.Errorf("train: gradient tolerance %v must be ≥ 0", s.GradTol)
	}
	return nil
}
