package paths

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/rng"
)

// Bezier is the quadratic Bézier curve of Garipov et al. (2018, §3)
// from A (t = 0) to B (t = 1) with control point C:
//
//	θ(t) = (1−t)²·A + 2t(1−t)·C + t²·B.
//
// With C = (A + B)/2 it is the linear path. All three have one length.
type Bezier struct {
	A, C, B []float64
}

// PointTo sets dst = θ(t). t = 0 and t = 1 give A and B exactly. It panics
// if the lengths differ.
func (c Bezier) PointTo(dst []float64, t float64) {
	if len(c.A) != len(dst) || len(c.B) != len(dst) || len(c.C) != len(dst) {
		panic("paths: Bezier.PointTo length mismatch")
	}
	u := 1 - t
	wa, wc, wb := u*u, 2*t*u, t*t
	for i := range dst {
		dst[i] = float64(wa*c.A[i]) + float64(wc*c.C[i]) + float64(wb*c.B[i])
	}
}

// BezierSettings configures Bezier.Train. Zero fields take the documented
// defaults.
type BezierSettings struct {
	// Steps is the number of SGD steps; 0 means 1000.
	Steps int
	// LR is the learning rate η; 0 means 0.1.
	LR float64
}

// Train fits the control point C (updated in place) by stochastic gradient
// descent on the loss averaged along the curve for t uniform on [0, 1],
// Garipov et al. (2018, §3):
//
//	ℓ(C) = E_{t∼U[0,1]} L(θ(t)),  ∇_C L(θ(t)) = 2t(1−t)·∇L(θ(t)),
//
// each step drawing one t from r and calling grad(g, θ), which must set g =
// ∇L(θ) (for example on a minibatch) and return L(θ). It returns the mean
// of the losses seen over the last tenth of the steps, and fails, naming
// the step, if a loss or gradient is not finite; C then holds the updates
// of the steps before.
func (c *Bezier) Train(grad func(g, theta []float64) float64, r *rand.Rand, s BezierSettings) (float64, error) {
	if s.Steps == 0 {
		s.Steps = 1000
	}
	if s.LR == 0 {
		s.LR = 0.1
	}
	n := len(c.C)
	theta, g := make([]float64, n), make([]float64, n)
	var tail float64
	for step := range s.Steps {
		t := rng.Uniform(r) // t ~ U[0, 1)
		c.PointTo(theta, t)
		loss := grad(g, theta)
		k := s.LR * 2 * t * (1 - t)
		var gg float64
		for i := range g {
			gg += float64(g[i] * g[i])
		}
		if math.IsNaN(loss+gg) || math.IsInf(loss+gg, 0) {
			return math.NaN(), fmt.Errorf("paths: Bézier training diverged at step %d: loss %v, ‖∇L‖² %v; try a smaller learning rate than %g", step, loss, gg, s.LR)
		}
		for i := range g {
			c.C[i] -= float64(k * g[i])
		}
		if step >= s.Steps-max(1, s.Steps/10) {
			tail += loss / float64(max(1, s.Steps/10))
		}
	}
	return tail, nil
}
