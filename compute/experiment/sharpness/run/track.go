package run

import (
	"math"

	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/spectrum"
)

// tracker computes the top k eigenvalues of a sequence of nearby symmetric
// operators (the Hessian along a training run) with Lanczos and full
// reorthogonalisation, each run started from the previous run's top Ritz
// vectors. It never uses power iteration: at the edge of stability the top
// two eigenvalues are within about 1% of each other, where power iteration
// needs hundreds of products (Cohen et al. 2021 use ARPACK's Lanczos).
type tracker struct {
	k     int
	tol   float64
	n     int
	l     *spectrum.Lanczos
	start []float64 // the next start vector
	aq    []float64
	ritz  []float64
	noise []float64 // a fixed random direction mixed into every start
	// u1 is the unit top Ritz vector of the last computation, its sign
	// chosen to agree with the one before (yᵀy_prev ≥ 0), so that
	// projections on it are comparable from step to step.
	u1 []float64
}

// newTracker prepares a tracker of the top k eigenvalues on dimension n
// with relative residual tolerance tol; seed draws the first start vector
// and the fixed direction mixed into later ones (stream rng.Probes).
func newTracker(n, k int, tol float64, seed uint64) (*tracker, error) {
	l, err := spectrum.NewLanczos(n, spectrum.LanczosSettings{Steps: min(n, maxLanczos), Seed: seed, Tol: 1e-14})
	if err != nil {
		return nil, err
	}
	t := &tracker{k: k, tol: tol, n: n, l: l, aq: make([]float64, n), ritz: make([]float64, n), noise: make([]float64, n), start: make([]float64, n), u1: make([]float64, n)}
	rng.UnitSphere(rng.New(seed, rng.Probes), t.start)
	rng.UnitSphere(rng.New(seed+1, rng.Probes), t.noise)
	return t, nil
}

// maxLanczos bounds the products of one computation (sharpness.MaxLanczosSteps).
const maxLanczos = 60

// top runs Lanczos on op from the tracker's start vector until each of the
// top k Ritz values θ has residual ≤ tol·|θ| (or maxLanczos products, or an
// invariant subspace), and returns them largest first with their residuals
// and the number of products. The next start is the sum of the k top Ritz
// vectors plus 1% of a fixed random direction, so that a new eigenvector
// rising to the top is still seen.
func (t *tracker) top(op spectrum.Operator) (values, residuals []float64, products int, err error) {
	if err := t.l.Reset(t.start); err != nil {
		return nil, nil, 0, err
	}
	var res spectrum.LanczosResult
	for {
		op.MulVecTo(t.aq, t.l.Vector())
		done := t.l.Step(t.aq)
		if t.l.Err() != nil {
			return nil, nil, t.l.Iter(), t.l.Err()
		}
		if t.l.Iter() < t.k && !done {
			continue
		}
		res = t.l.Result()
		if done || t.converged(res) {
			break
		}
	}
	top := res.Top(t.k)
	values, residuals = make([]float64, len(top)), make([]float64, len(top))
	clear(t.start)
	for i, r := range top {
		values[i], residuals[i] = r.Value, r.Residual
		t.l.RitzVectorTo(t.ritz, r.Index)
		if i == 0 {
			sign := 1.0
			if dotOf(t.ritz, t.u1) < 0 {
				sign = -1
			}
			for j, v := range t.ritz {
				t.u1[j] = sign * v
			}
		}
		for j, v := range t.ritz {
			t.start[j] += v
		}
	}
	for j, v := range t.noise {
		t.start[j] += float64(0.01 * v)
	}
	return values, residuals, res.Stats.MatVecs, nil
}

func (t *tracker) converged(res spectrum.LanczosResult) bool {
	for _, r := range res.Top(t.k) {
		if r.Residual > t.tol*math.Abs(r.Value) {
			return false
		}
	}
	return true
}

func dotOf(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}
