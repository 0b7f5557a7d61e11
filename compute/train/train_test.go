package train

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"gonum.org/v1/gonum/mat"
)

// regression returns a linear-regression problem y = Xβ + noise and the
// affine network (no hidden layer, squared loss) that fits it.
func regression(n, d int, seed uint64) (*nn.Objective, *data.Set) {
	r := rng.New(seed, rng.Data)
	set := &data.Set{N: n, Dim: d, X: make([]float64, n*d), Out: 1, Targets: make([]float64, n)}
	rng.NormalVec(r, set.X)
	for i := 0; i < n; i++ {
		y := 0.3 * rng.Normal(r)
		for k := 0; k < d; k++ {
			y += float64(k+1) * set.X[i*d+k] / float64(d)
		}
		set.Targets[i] = y
	}
	arch := &nn.Arch{Sizes: []int{d, 1}, Act: nn.Linear, Loss: nn.Squared, NoBias: true}
	return &nn.Objective{Arch: arch, Data: set}, set
}

// ridgeSolution solves (XᵀX/n + λI) β = Xᵀy/n, the minimiser of
// (1/2n)‖Xβ − y‖² + (λ/2)‖β‖².
func ridgeSolution(set *data.Set, lambda float64) []float64 {
	x := mat.NewDense(set.N, set.Dim, set.X)
	y := mat.NewVecDense(set.N, set.Targets)
	var a mat.Dense
	a.Mul(x.T(), x)
	a.Scale(1/float64(set.N), &a)
	for i := 0; i < set.Dim; i++ {
		a.Set(i, i, a.At(i, i)+lambda)
	}
	var b, beta mat.VecDense
	b.MulVec(x.T(), y)
	b.ScaleVec(1/float64(set.N), &b)
	if err := beta.SolveVec(&a, &b); err != nil {
		panic(err)
	}
	return beta.RawVector().Data
}

func maxAbsDiff(a, b []float64) float64 {
	var m float64
	for i := range a {
		m = math.Max(m, math.Abs(a[i]-b[i]))
	}
	return m
}

func TestGradientDescentReachesTheLeastSquaresAndRidgeSolutions(t *testing.T) {
	// Truth: the normal equations, solved densely by gonum. GD on this strongly
	// convex quadratic converges linearly, so 1e-8 is reached well within the
	// budget for η = 0.3 and the step count below.
	const tol = 1e-8
	cases := []struct {
		name     string
		settings Settings
	}{
		{"plain gradient descent", Settings{LR: 0.3, Epochs: 2000}},
		{"gradient descent with momentum 0.9", Settings{LR: 0.05, Momentum: 0.9, Epochs: 2000}},
		{"gradient descent with weight decay 0.1", Settings{LR: 0.3, Epochs: 2000, WeightDecay: 0.1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			obj, set := regression(200, 5, 1)
			theta := make([]float64, 5)
			res, err := Run(obj, nil, theta, c.settings, nil)
			if err != nil {
				t.Fatal(err)
			}
			want := ridgeSolution(set, c.settings.WeightDecay)
			if d := maxAbsDiff(res.Theta, want); d > tol {
				t.Errorf("max |θ − θ*| = %.3g > %g", d, tol)
			}
		})
	}
}

func TestStochasticGradientDescentLowersTheLoss(t *testing.T) {
	// Truth: SGD with a small step on a well-conditioned quadratic ends within
	// a noise ball around the solution; the loss must fall far below its
	// starting value and near the optimum's.
	obj, set := regression(300, 5, 2)
	theta := make([]float64, 5)
	res, err := Run(obj, nil, theta, Settings{LR: 0.05, Batch: 10, Epochs: 50, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	first, last := res.Curve[0].TrainLoss, res.Curve[len(res.Curve)-1].TrainLoss
	best := obj.Loss(ridgeSolution(set, 0))
	if !(last < first/10 && last < 1.2*best) {
		t.Errorf("loss went from %v to %v; optimum %v", first, last, best)
	}
	if res.Stats.Steps != 50*30 {
		t.Errorf("%d steps, want 50 epochs × 30 batches", res.Stats.Steps)
	}
}

func TestSameSeedGivesTheSameBitsAndOtherSeedsDiffer(t *testing.T) {
	run := func(seed uint64) []float64 {
		obj, _ := regression(100, 4, 4)
		theta := make([]float64, 4)
		res, err := Run(obj, nil, theta, Settings{LR: 0.1, Batch: 7, Epochs: 5, Seed: seed}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res.Theta
	}
	a, b, c := run(1), run(1), run(2)
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			t.Fatalf("seed 1 twice: θ[%d] = %v and %v", i, a[i], b[i])
		}
	}
	if maxAbsDiff(a, c) == 0 {
		t.Error("seeds 1 and 2 gave identical SGD trajectories")
	}
}

func TestDivergenceStopsWithAnErrorNamingTheStep(t *testing.T) {
	obj, _ := regression(50, 3, 5)
	theta := []float64{1, 1, 1}
	_, err := Run(obj, nil, theta, Settings{LR: 1000, Epochs: 500}, nil)
	var div *DivergedError
	if !errors.As(err, &div) {
		t.Fatalf("err = %v, want *DivergedError", err)
	}
	if div.Step <= 0 || !strings.Contains(err.Error(), "step") || !strings.Contains(err.Error(), "learning rate") {
		t.Errorf("error %q should name the step (%d) and suggest a smaller learning rate", err, div.Step)
	}
}

func TestGradientToleranceAndCancellationStopEarly(t *testing.T) {
	obj, _ := regression(100, 3, 6)
	res, err := Run(obj, nil, make([]float64, 3), Settings{LR: 0.3, Epochs: 100000, GradTol: 1e-6}, nil)
	if err != nil || res.Stats.Reason != "gradient tolerance" {
		t.Fatalf("err %v, reason %q; want a stop at the gradient tolerance", err, res.Stats.Reason)
	}
	if g := res.Curve[len(res.Curve)-1].GradNorm; g > 1e-6 {
		t.Errorf("stopped with ‖g‖ = %v > 1e-6", g)
	}
	calls := 0
	_, err = Run(obj, nil, make([]float64, 3), Settings{Epochs: 1000}, func(Point) bool { calls++; return calls < 3 })
	if !errors.Is(err, ErrCanceled) || calls != 3 {
		t.Errorf("err %v after %d callbacks, want ErrCanceled after 3", err, calls)
	}
}

func TestCurveHasAboutTheRequestedNumberOfPoints(t *testing.T) {
	obj, _ := regression(100, 3, 7)
	res, err := Run(obj, nil, make([]float64, 3), Settings{Epochs: 1000, Points: 50}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(res.Curve); n < 50 || n > 52 {
		t.Errorf("%d curve points, want about 50", n)
	}
	if last := res.Curve[len(res.Curve)-1]; last.Step != 1000 || last.Epoch != 1000 {
		t.Errorf("last point at step %d epoch %d, want the end of training", last.Step, last.Epoch)
	}
}

func TestSettingsValidateRejectsOutOfRangeValues(t *testing.T) {
	for _, s := range []Settings{{LR: -1}, {LR: math.NaN()}, {Momentum: 1}, {Batch: -1}, {Epochs: -3}, {WeightDecay: -1}, {GradTol: math.Inf(-1)}} {
		if err := s.Validate(); err == nil {
			t.Errorf("%+v: no error", s)
		}
	}
	if err := (Settings{}).Validate(); err != nil {
		t.Errorf("zero settings: %v", err)
	}
}

func TestPointJSONRoundTripsWithNaNAsNull(t *testing.T) {
	p := Point{Step: 3, Epoch: 1, TrainLoss: 0.25, TrainAcc: math.NaN(), TestLoss: 1.5, TestAcc: math.NaN(), GradNorm: 1e-3}
	b, err := p.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"train_acc":null`) {
		t.Errorf("NaN accuracy encoded as %s, want null", b)
	}
	var q Point
	if err := q.UnmarshalJSON(b); err != nil {
		t.Fatal(err)
	}
	if q.Step != 3 || q.TrainLoss != 0.25 || !math.IsNaN(q.TrainAcc) || q.GradNorm != 1e-3 {
		t.Errorf("round trip gave %+v", q)
	}
}

// TestFiniteBlowUpIsDivergence: gradient descent on a least-squares loss
// with a step above 2/λ_max multiplies the error along the top eigenvector
// by |1 − η·λ_max| > 1 every step (the linear recurrence of GD on a
// quadratic), so the loss grows geometrically while staying finite for
// hundreds of steps. Run stops at the first step whose loss exceeds
// DivergenceFactor times the initial loss: one step fewer trains without
// error, and the reported loss is that step's and above the bound.
func TestFiniteBlowUpIsDivergence(t *testing.T) {
	if DivergenceFactor != 1e6 {
		t.Fatalf("DivergenceFactor = %g; README.md, \"overparam spectrum\", states the rule as 10⁶ times the initial loss", float64(DivergenceFactor))
	}
	obj, _ := regression(50, 3, 5)
	theta0 := []float64{1, 1, 1}
	l0 := obj.Loss(theta0)
	const lr = 3 // λ_max of XᵀX/n is about 1 for standard normal X, so |1 − 3λ| ≈ 2
	_, err := Run(obj, nil, append([]float64(nil), theta0...), Settings{LR: lr, Epochs: 10000}, nil)
	var div *DivergedError
	if !errors.As(err, &div) {
		t.Fatalf("err = %v, want *DivergedError", err)
	}
	if div.Initial != l0 || !(div.Value > DivergenceFactor*l0) || math.IsInf(div.Value, 0) {
		t.Errorf("diverged with loss %v from %v (initial %v); want a finite loss above %g × the initial", div.Value, div.Initial, l0, float64(DivergenceFactor))
	}
	if !strings.Contains(err.Error(), fmt.Sprintf("step %d", div.Step)) || !strings.Contains(err.Error(), "initial") {
		t.Errorf("message %q should name the step and the growth from the initial loss", err)
	}
	res, err := Run(obj, nil, append([]float64(nil), theta0...), Settings{LR: lr, Epochs: div.Step - 1}, nil)
	if err != nil {
		t.Fatalf("%d steps, one fewer than the divergence: %v", div.Step-1, err)
	}
	if last := res.Curve[len(res.Curve)-1].TrainLoss; last > DivergenceFactor*l0 {
		t.Errorf("after %d steps the loss is %v, already above the bound %v", div.Step-1, last, DivergenceFactor*l0)
	}
}
