package run

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/overparam/overparam/compute/curve"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/spectrum"
)

// A sharpness run has one point per step size and an assembly, so that a
// pool of workers can share it. A point depends only on the spec and its
// index, so Run, which runs them in turn, gives the same bits as the points
// run on separate workers.

// RunPoint validates s and trains point index (η = 2/s.Edges[index], or
// for index len(s.Edges) with s.Flow > 0 the gradient-flow reference),
// tracking the top eigenvalues. progress, if not nil, is called after every
// step and cancels the run by returning false. A diverging run is not an
// error: the point records where it stopped (Point.Diverged).
func RunPoint(s sharpness.Spec, _ experiment.Assets, index int, progress func(experiment.Progress) bool) (*sharpness.Point, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("point %d is out of range; this spec has %d step sizes", index, s.Points())
	}
	if progress == nil {
		progress = func(experiment.Progress) bool { return true }
	}
	return runPoint(&s, index, progress)
}

func runPoint(s *sharpness.Spec, index int, progress func(experiment.Progress) bool) (*sharpness.Point, error) {
	set := Spirals(s.Samples, s.Noise, s.Seed)
	a := s.Arch()
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 1, rng.New(s.Seed, rng.Init))
	eta := s.LR(index)
	flow := index == len(s.Edges)
	stopAbove := math.Inf(1)
	if flow {
		// The gradient-flow reference: gradient descent at the smallest
		// step size over Flow, as many steps as reach the same η·t, tracked
		// at the same η·t cadence, until λ₁ passes FlowStop·2/η_min.
		fs := *s
		fs.Optimizer, fs.Steps, fs.Every, fs.Zoom = "gd", s.Steps*s.Flow, s.Every*s.Flow, 0
		s = &fs
		stopAbove = sharpness.FlowStop * float64(slices.Max(s.Edges))
	}
	st := newStepper(s, eta, &set, theta)
	tr, err := newTracker(len(theta), s.Eigs, s.Tol, s.Seed)
	if err != nil {
		return nil, err
	}
	pt := &sharpness.Point{Index: index, LR: eta, TStar: -1, IsFlow: flow}
	T := s.Steps
	stride := max(1, (T+1999)/2000)
	zoomFrom := T - s.Zoom
	losses := make([]float64, 0, T+1)
	phase := fmt.Sprintf("η = %.4g", eta)
	if flow {
		phase = fmt.Sprintf("gradient flow (η = %.4g)", eta)
	}
	liveStride := max(1, T/400)
	prev := make([]float64, len(theta)) // θ_{t−1} in the zoom window
	var kl *klCurvature
	if (s.Optimizer == "saf" || s.Optimizer == "mesa") && s.Penalty == "kl" {
		kl = newKLCurvature(st.obj, s.Tau)
	}
	track := func(t int) error {
		c := nn.NewCurvature(st.obj, theta, nn.Hessian)
		vals, res, products, err := tr.top(c)
		if err != nil {
			return fmt.Errorf("η = %.4g, step %d: %w", eta, t, err)
		}
		pt.Products += products
		kappa := 1.0
		if kl != nil {
			kappa = kl.along(theta, tr.u1) / vals[0]
		}
		e := sharpness.Eig{Step: t, Values: vals, Residuals: res, Edge: PenaltyEdge(s, eta, norm(c.Gradient()), kappa), Products: products}
		if t > zoomFrom && t > 0 {
			var move float64
			for i, v := range theta {
				move += float64((v - prev[i]) * tr.u1[i])
			}
			e.Move = move
		}
		pt.Eigs = append(pt.Eigs, e)
		return nil
	}
	record := func(t int, loss float64) {
		losses = append(losses, loss)
		if t%stride == 0 || t >= zoomFrom || t == T {
			pt.Steps, pt.Loss = append(pt.Steps, t), append(pt.Loss, loss)
		}
	}
	stopped := false
	for t := 0; t < T; t++ {
		if t%s.Every == 0 || t >= zoomFrom {
			if err := track(t); errors.Is(err, spectrum.ErrNotFinite) {
				pt.Diverged = fmt.Sprintf("the Hessian at step %d has non-finite entries: η = %.4g diverged", t, eta)
				break
			} else if err != nil {
				return nil, err
			}
			if pt.Eigs[len(pt.Eigs)-1].Values[0] >= stopAbove {
				record(t, st.obj.Loss(theta))
				stopped = true
				break
			}
		}
		if t >= zoomFrom {
			copy(prev, theta)
		}
		loss := st.step(t)
		record(t, loss)
		if pt.Diverged = diverged(loss, t, eta); pt.Diverged != "" {
			break
		}
		if !progress(experiment.Progress{Phase: phase, Done: t + 1, Total: T, Point: live(pt, t, liveStride, loss)}) {
			return nil, fmt.Errorf("η = %.4g: canceled at step %d", eta, t+1)
		}
	}
	if pt.Diverged == "" && !stopped {
		loss := st.obj.Loss(theta)
		record(T, loss)
		if pt.Diverged = diverged(loss, T, eta); pt.Diverged == "" {
			if err := track(T); errors.Is(err, spectrum.ErrNotFinite) {
				pt.Diverged = fmt.Sprintf("the Hessian at step %d has non-finite entries: η = %.4g diverged", T, eta)
			} else if err != nil {
				return nil, err
			}
		}
	}
	if flow {
		pt.Edge = pt.Eigs[len(pt.Eigs)-1].Edge
		pt.MeanProducts = float64(pt.Products) / float64(len(pt.Eigs))
		pt.LambdaEnd = pt.Eigs[len(pt.Eigs)-1].Values[0]
		pt.LossUpBefore = lossUp(losses, 0, len(losses))
		return pt, nil
	}
	summarise(pt, losses)
	if index == 0 && s.Activation == "relu" && pt.Diverged == "" {
		if pt.Rescale, err = rescale(st.obj, theta, s.Seed); err != nil {
			return nil, err
		}
	}
	return pt, nil
}

// klCurvature measures the KL penalty's curvature per unit λ along a
// direction u: uᵀG_τu·τ², where G_τ is the Gauss-Newton matrix of the
// cross-entropy of the outputs f/τ, (1/n)Σ_i (J_i/τ)ᵀ(diag(p_τ) − p_τp_τᵀ)(J_i/τ),
// so that τ²G_τ is the Hessian of (τ²/n)Σ KL(softmax(r/τ) ‖ softmax(f/τ)) at
// f = r in the Gauss-Newton form (Du et al. 2022's trajectory loss, with
// the τ² of their code).
type klCurvature struct {
	obj  nn.Objective // the loss with the outputs scaled by 1/τ
	tau  float64
	work []float64
}

func newKLCurvature(obj *nn.Objective, tau float64) *klCurvature {
	a := *obj.Arch
	a.OutScale = a.Scale() / tau
	return &klCurvature{obj: nn.Objective{Arch: &a, Data: obj.Data, Idx: obj.Idx, Scale: obj.Scale}, tau: tau}
}

// along returns τ²·uᵀG_τu at θ.
func (k *klCurvature) along(theta, u []float64) float64 {
	if k.work == nil {
		k.work = make([]float64, len(u))
	}
	nn.NewCurvature(&k.obj, theta, nn.GaussNewton).MulVecTo(k.work, u)
	return float64(float64(k.tau*k.tau) * dotOf(u, k.work))
}

// live returns the point of the live charts after step t: the loss L(θ_t)
// every stride steps, with the eigenvalues and edge when step t was
// tracked; nil on other steps.
func live(pt *sharpness.Point, t, stride int, loss float64) *curve.Point {
	var e *sharpness.Eig
	if n := len(pt.Eigs); n > 0 && pt.Eigs[n-1].Step == t {
		e = &pt.Eigs[n-1]
	}
	if e == nil && t%stride != 0 {
		return nil
	}
	nan := math.NaN()
	p := &curve.Point{Step: t, TrainLoss: loss, TrainAcc: nan, TestLoss: nan, TestAcc: nan, GradNorm: nan}
	if e != nil {
		copy(p.Eigs[:], e.Values)
		p.Edge = e.Edge
	}
	return p
}

// summarise fills in the point's statistics from its eigenvalues and its
// per-step losses.
func summarise(pt *sharpness.Point, losses []float64) {
	if n := len(pt.Eigs); n > 0 {
		pt.Edge = pt.Eigs[n-1].Edge
		pt.MeanProducts = float64(pt.Products) / float64(n)
		pt.LambdaEnd = pt.Eigs[n-1].Values[0]
	}
	for _, e := range pt.Eigs {
		if e.Edge > 0 && e.Values[0] >= e.Edge {
			pt.TStar = e.Step
			break
		}
	}
	up := func(lo, hi int) float64 { return lossUp(losses, lo, hi) }
	if pt.TStar < 0 {
		pt.LossUpBefore = up(0, len(losses))
		return
	}
	pt.LossUpBefore = up(0, pt.TStar+1)
	pt.LossUpAfter = up(pt.TStar, len(losses))
	last := pt.Eigs[len(pt.Eigs)-1].Step
	from := pt.TStar + (last-pt.TStar)/2
	var ratios, values []float64
	for _, e := range pt.Eigs {
		if e.Step >= from && e.Edge > 0 {
			ratios = append(ratios, e.Values[0]/e.Edge)
			values = append(values, e.Values[0])
		}
	}
	pt.Plateau = sharpness.Plateau{Median: quantile(ratios, 0.5), P5: quantile(ratios, 0.05), P95: quantile(ratios, 0.95), Samples: len(ratios)}
	pt.LambdaEnd = quantile(values, 0.5)
}

// lossUp is the fraction of the steps t in (lo, hi) whose loss rose.
func lossUp(losses []float64, lo, hi int) float64 {
	var k, total int
	for t := lo + 1; t < hi && t < len(losses); t++ {
		total++
		if losses[t] > losses[t-1] {
			k++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(k) / float64(total)
}

// quantile returns the q-quantile of xs by linear interpolation between
// order statistics (type 7 of Hyndman & Fan 1996); NaN for no values.
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	h := float64(q * float64(len(s)-1))
	lo := int(math.Floor(h))
	if lo+1 >= len(s) {
		return s[len(s)-1]
	}
	return s[lo] + float64((h-float64(lo))*(s[lo+1]-s[lo]))
}

func norm(v []float64) float64 {
	var ss float64
	for _, x := range v {
		ss += float64(x * x)
	}
	return math.Sqrt(ss)
}

// Assemble gathers the points of s, fits the slope of log λ_end against
// log η, and runs the catapult toy.
func Assemble(s sharpness.Spec, parts []*sharpness.Point) (*sharpness.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("assemble: %d points, want %d", len(parts), s.Points())
	}
	for i, p := range parts {
		if p == nil || p.Index != i {
			return nil, fmt.Errorf("assemble: point %d is missing", i)
		}
	}
	r := &sharpness.Result{Spec: s, Params: s.Arch().NumParams(), Points: parts[:len(s.Edges)], Catapult: Catapults(s.Seed)}
	if s.Flow > 0 {
		r.Flow = parts[len(s.Edges)]
	}
	var xs, ys []float64
	for _, p := range r.Points {
		if p.Diverged == "" && p.LambdaEnd > 0 {
			xs, ys = append(xs, fmath.Log(p.LR)), append(ys, fmath.Log(p.LambdaEnd))
		}
	}
	r.Slope = slope(xs, ys)
	return r, nil
}

// slope is the least-squares slope of ys on xs, 0 for fewer than two
// distinct xs.
func slope(xs, ys []float64) float64 {
	if len(xs) < 2 {
		return 0
	}
	var mx, my float64
	for i := range xs {
		mx, my = mx+xs[i], my+ys[i]
	}
	mx, my = mx/float64(len(xs)), my/float64(len(xs))
	var sxy, sxx float64
	for i := range xs {
		sxy += float64((xs[i] - mx) * (ys[i] - my))
		sxx += float64((xs[i] - mx) * (xs[i] - mx))
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}

// Run validates s, runs every point in turn and assembles them: the same
// bits as RunPoint on each point and Assemble.
func Run(s sharpness.Spec, a experiment.Assets, progress func(experiment.Progress) bool) (*sharpness.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	parts := make([]*sharpness.Point, s.Points())
	for i := range parts {
		p, err := RunPoint(s, a, i, progress)
		if err != nil {
			return nil, err
		}
		parts[i] = p
	}
	return Assemble(s, parts)
}
