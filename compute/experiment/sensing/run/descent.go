package run

import (
	"errors"
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/rng"
)

// ErrCanceled is returned, wrapped, when the progress callback stops a run.
var ErrCanceled = errors.New("sensing: canceled")

// descent is one curve's iterate and work space. X is n×k (F when
// asymmetric); G is n×k when asymmetric, nil otherwise.
type descent struct {
	p    *Problem
	n, k int
	l1   bool
	X, G []float64
	y    []float64 // the (corrupted) measurements, when measured

	xt, gt, kk, nk, rk, nn, s []float64 // work
	w, pk                     []float64 // residual weights and a packed matrix, when measured
	gx, gg                    []float64 // the gradients
}

func newDescent(p *Problem, k int, l1 bool, y []float64) *descent {
	n, r := p.N, p.R
	d := &descent{p: p, n: n, k: k, l1: l1, y: y,
		xt: make([]float64, k*n), gt: make([]float64, k*n), kk: make([]float64, k*k), nk: make([]float64, n*k),
		rk: make([]float64, r*k), nn: make([]float64, n*n), gx: make([]float64, n*k)}
	if p.M > 0 {
		d.s, d.w, d.pk = make([]float64, n*n), make([]float64, p.M), make([]float64, Packed(n))
	}
	return d
}

// product sets d.nn to XXᵀ (or FGᵀ).
func (d *descent) product() []float64 {
	other := d.X
	if d.G != nil {
		other = d.G
	}
	kernel.TransposeTo(d.gt, other, d.n, d.k)
	kernel.MulTo(d.nn, d.X, d.gt, d.n, d.k, d.n)
	return d.nn
}

// errorNorm returns ‖XXᵀ − M*‖_F (or ‖FGᵀ − M*‖_F).
func (d *descent) errorNorm() float64 { return frobDiff(d.product(), d.p.MStar) }

// gradient sets d.gx (and d.gg) to the gradient, or with l1 the
// sub-gradient, of the loss at the iterate:
//
//	fully observed, symmetric   f = ¼‖XXᵀ − M*‖²_F        ∇ = (XXᵀ − M*)X
//	fully observed, asymmetric  f = ½‖FGᵀ − M*‖²_F        ∇_F = (FGᵀ − M*)G, ∇_G = (FGᵀ − M*)ᵀF
//	measured, ℓ2                f = (1/4m)Σ rᵢ² (½ when asymmetric), rᵢ = ⟨Aᵢ, XXᵀ⟩ − yᵢ
//	                            ∇ = S X with S = (1/m)Σ rᵢAᵢ
//	measured, ℓ1                f = (1/m)Σ |rᵢ|, S = (2/m)Σ sign(rᵢ)Aᵢ (sign 0 = 0)
//
// The fully observed gradient is computed factored, X(XᵀX) − U(Σ(UᵀX)),
// which costs O(nk²) instead of O(n²k).
func (d *descent) gradient() {
	n, k := d.n, d.k
	if d.p.M == 0 {
		if d.G == nil {
			d.factored(d.gx, d.X, d.X)
			return
		}
		d.factored(d.gx, d.F(), d.G)
		d.factored(d.gg, d.G, d.F())
		return
	}
	m := d.p.M
	d.p.Forward(d.w, d.product(), d.pk) // 𝒜(XXᵀ)
	inv := 1 / float64(m)
	for i := range d.w {
		res := d.w[i] - d.y[i]
		switch {
		case !d.l1:
			d.w[i] = float64(res * inv)
		case res > 0:
			d.w[i] = 2 * inv
		case res < 0:
			d.w[i] = -2 * inv
		default:
			d.w[i] = 0
		}
	}
	d.p.Adjoint(d.s, d.w, d.pk) // S = Σ wᵢAᵢ, symmetric
	if d.G == nil {
		kernel.MulTo(d.gx, d.s, d.X, n, n, k)
		return
	}
	kernel.MulTo(d.gx, d.s, d.G, n, n, k)
	kernel.MulTo(d.gg, d.s, d.X, n, n, k)
}

// F is the left factor, X.
func (d *descent) F() []float64 { return d.X }

// factored sets dst = A(BᵀB) − U(Σ(UᵀB)) = (ABᵀ − M*)B for n×k A and B,
// the fully observed gradient.
func (d *descent) factored(dst, a, b []float64) {
	n, k, r := d.n, d.k, d.p.R
	kernel.TransposeTo(d.xt, b, n, k)
	kernel.MulTo(d.kk, d.xt, b, k, n, k) // BᵀB
	kernel.MulTo(dst, a, d.kk, n, k, k)  // A(BᵀB)
	kernel.MulTo(d.rk, d.p.UT, b, r, n, k)
	for i := 0; i < r; i++ {
		for j := 0; j < k; j++ {
			d.rk[i*k+j] = float64(d.p.Sigma[i] * d.rk[i*k+j])
		}
	}
	kernel.MulTo(d.nk, d.p.U, d.rk, n, r, k) // U(Σ(UᵀB))
	for i := range dst[:n*k] {
		dst[i] -= d.nk[i]
	}
}

// step takes one step of size eta from the gradient at the iterate.
func (d *descent) step(eta float64) {
	d.gradient()
	axpy(d.X, eta, d.gx)
	if d.G != nil {
		axpy(d.G, eta, d.gg)
	}
}

// gram returns BᵀB for an n×k B.
func (d *descent) gram(b []float64) []float64 {
	out := make([]float64, d.k*d.k)
	bt := make([]float64, d.k*d.n)
	kernel.TransposeTo(bt, b, d.n, d.k)
	kernel.MulTo(out, bt, b, d.k, d.n, d.k)
	return out
}

// imbalance returns FᵀF − GᵀG, which gradient flow on the fully observed
// asymmetric loss conserves (d/dt FᵀF = −FᵀEG − GᵀEᵀF = d/dt GᵀG with
// E = FGᵀ − M*).
func (d *descent) imbalance() []float64 {
	ff, gg := d.gram(d.X), d.gram(d.G)
	for i := range ff {
		ff[i] -= gg[i]
	}
	return ff
}

// rebalance sets F ← F(FᵀF)^{-1/2} and G ← G(FᵀF)^{1/2}, which leaves FGᵀ
// unchanged and makes FᵀF = I. It returns ‖F′G′ᵀ − FGᵀ‖_F, or an error if
// F does not have full column rank.
func (d *descent) rebalance() (float64, error) {
	before := append([]float64(nil), d.product()...)
	c := d.gram(d.X)
	inv, ok1 := symPow(c, d.k, -0.5)
	root, ok2 := symPow(c, d.k, 0.5)
	if !ok1 || !ok2 {
		return 0, fmt.Errorf("F does not have full column rank, so (FᵀF)^{-1/2} does not exist")
	}
	f := make([]float64, d.n*d.k)
	g := make([]float64, d.n*d.k)
	kernel.MulTo(f, d.X, inv, d.n, d.k, d.k)
	kernel.MulTo(g, d.G, root, d.n, d.k, d.k)
	d.X, d.G = f, g
	return frobDiff(d.product(), before), nil
}

// runCurve runs one curve of s on problem p and records its error.
func runCurve(s sensing.Spec, p *Problem, index int, c sensing.Curve, progress func(experiment.Progress) bool) (*sensing.CurveResult, error) {
	n, k := s.N, c.K
	asym := s.Param == "asymmetric"
	var y []float64
	if p.M > 0 {
		y = p.Corrupted(c.Outliers)
	}
	d := newDescent(p, k, c.Method == "subgradient", y)
	g := rng.New(s.Seed, rng.Init)
	d.X = make([]float64, n*k)
	rng.NormalVec(g, d.X)
	for i := range d.X {
		d.X[i] = float64(c.Alpha * d.X[i])
	}
	if asym {
		d.G, d.gg = make([]float64, n*k), make([]float64, n*k)
		rng.NormalVec(g, d.G)
		for i := range d.G {
			d.G[i] = float64(float64(c.Alpha*s.GScale) * d.G[i])
		}
	}
	res := &sensing.CurveResult{Index: index, Curve: c}
	var lam0, lamW float64
	var imb0 []float64
	if asym {
		imb0 = d.imbalance()
		vals, _ := eigSym(imb0, k)
		lam0 = vals[0]
	}
	records := RecordSteps(s.Steps, s.Rebalance)
	next := 0
	eta, sumEta := s.LR, 0.0
	sums := make([]float64, 0, len(records)) // Σ_{u<t} η_u at each record
	phase := fmt.Sprintf("curve %d", index+1)
	every := max(1, s.Steps/50)
	for t := 0; ; t++ {
		if asym && (t == s.Rebalance || t == s.Steps && res.Rebalanced == 0) {
			lamW = d.spuriousImbalance(imb0, s.R)
		}
		if t == s.Rebalance && asym && t > 0 {
			change, err := d.rebalance()
			if err != nil {
				return nil, fmt.Errorf("%s: rebalancing before iteration %d: %w", phase, t, err)
			}
			res.Rebalanced, res.RebalanceChange = t, change
		}
		if next < len(records) && records[next] == t {
			e := d.errorNorm()
			if math.IsNaN(e) || math.IsInf(e, 0) || e > 1e150 {
				return nil, fmt.Errorf("%s (k = %d, α = %g): the error is not finite at iteration %d; the step size lr = %g is too large for this problem", phase, k, c.Alpha, t, s.LR)
			}
			res.Step = append(res.Step, t)
			res.Error = append(res.Error, e)
			res.Relative = append(res.Relative, e/p.Norm)
			sums = append(sums, sumEta)
			next++
		}
		if t == s.Steps {
			break
		}
		if progress != nil && t%every == 0 && !progress(experiment.Progress{Phase: phase, Done: t, Total: s.Steps}) {
			return nil, fmt.Errorf("%s at iteration %d: %w", phase, t, ErrCanceled)
		}
		d.step(eta)
		sumEta += eta
		eta = float64(eta * s.Decay)
	}
	res.Final = res.Relative[len(res.Relative)-1]
	fitCurve(s, res, lam0, lamW, sums)
	return res, nil
}

// spuriousImbalance returns λ_min(Wᵀ D W), where D is the imbalance d0
// (k×k) and W (k×(k−r)) spans the right singular vectors of G with the
// k − r smallest singular values: the directions in which G vanishes as
// FGᵀ → M*, where the error decays at rate η·vᵀDv (Cauchy interlacing puts
// it between λ_min(D) and λ_max(D)). It returns 0 when k ≤ r.
func (d *descent) spuriousImbalance(d0 []float64, r int) float64 {
	k := d.k
	if k <= r {
		return 0
	}
	_, v := eigSym(d.gram(d.G), k) // ascending: the first k − r columns span W
	q := k - r
	c := make([]float64, q*q)
	for a := 0; a < q; a++ {
		for b := 0; b < q; b++ {
			var s float64
			for i := 0; i < k; i++ {
				var row float64
				for j := 0; j < k; j++ {
					row += float64(d0[i*k+j] * v[j*k+b])
				}
				s += float64(v[i*k+a] * row)
			}
			c[a*q+b] = s
		}
	}
	vals, _ := eigSym(c, q)
	return vals[0]
}
