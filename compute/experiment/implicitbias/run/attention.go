package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// problem is one data set of the attention model f(X) = vᵀXᵀsoftmax(XWz)
// (Tarzanagh et al. 2023, eq. 1, cross-attention): n sequences X_i of t
// tokens in d dimensions, each with a query z_i and a label y_i = ±1.
type problem struct {
	n, t, d int
	x       [][]float64 // x[i][τ*d+a]: token τ of sequence i, unit norm
	z       [][]float64 // unit norm
	y       []float64
	v       []float64   // the fixed head, unit norm
	gamma   [][]float64 // γ_iτ = vᵀx_iτ, the token scores
	opt     []int       // argmax_τ y_i γ_iτ, the globally optimal tokens
	buf     []float64   // gradTo's scratch
}

// newProblem draws a data set as Tarzanagh et al.'s notebook does: token
// rows, queries and v uniform on the unit sphere, labels ±1 with
// probability ½, all from the Data stream of seed.
func newProblem(n, t, d int, seed uint64) *problem {
	r := rng.New(seed, rng.Data)
	p := &problem{n: n, t: t, d: d, v: make([]float64, d), y: make([]float64, n)}
	rng.UnitSphere(r, p.v)
	rng.Rademacher(r, p.y)
	for range n {
		x := make([]float64, t*d)
		for tau := range t {
			rng.UnitSphere(r, x[tau*d:(tau+1)*d])
		}
		z := make([]float64, d)
		rng.UnitSphere(r, z)
		p.x, p.z = append(p.x, x), append(p.z, z)
	}
	for i := range n {
		g := make([]float64, t)
		best := 0
		for tau := range t {
			g[tau] = dot(p.v, p.x[i][tau*d:(tau+1)*d])
			if float64(p.y[i]*g[tau]) > float64(p.y[i]*g[best]) {
				best = tau
			}
		}
		p.gamma, p.opt = append(p.gamma, g), append(p.opt, best)
	}
	return p
}

// evaluation is the model's state at one W: the mean logistic loss, the
// mean largest softmax probability and each sequence's selected token.
type evaluation struct {
	loss, prob float64
	ids        []int
	// shift is m when gradTo wrote e^{−m}∇L (see gradTo), else 0.
	shift float64
}

// gradTo writes ∇L(W) into grad, for the mean logistic loss
// L = (1/n) Σ_i log(1 + exp(−y_i f_i)), f_i = Σ_τ p_iτ γ_iτ,
// p_i = softmax(X_i W z_i):
//
//	∇L = (1/n) Σ_i ℓ'_i Σ_τ p_iτ (γ_iτ − f_i) x_iτ z_iᵀ,  ℓ'_i = −y_i/(1 + exp(y_i f_i)),
//
// and returns the evaluation at W. Every term carries a factor p_iτ of a
// token τ other than the selected one, so once the scores are far apart
// (the largest gap m = max_i max_{τ≠σ_i} (s_iτ − s_iσ_i) below
// −underflowGap) ∇L underflows float64; gradTo then writes e^{−m}∇L, a
// positive multiple that normalized gradient descent, which uses only the
// direction, cannot tell apart from ∇L.
func (p *problem) gradTo(grad, w []float64) evaluation {
	n, t, d := p.n, p.t, p.d
	if len(p.buf) < d+n*t+t {
		p.buf = make([]float64, d+n*t+t)
	}
	wz, scores, e := p.buf[:d], p.buf[d:d+n*t], p.buf[d+n*t:d+n*t+t]
	for i := range grad {
		grad[i] = 0
	}
	ev := evaluation{ids: make([]int, n)}
	gap := math.Inf(-1)
	for i := range n {
		x, z, s := p.x[i], p.z[i], scores[i*t:(i+1)*t]
		for a := range d {
			wz[a] = dot(w[a*d:(a+1)*d], z)
		}
		for tau := range t {
			s[tau] = dot(x[tau*d:(tau+1)*d], wz)
			if s[tau] > s[ev.ids[i]] {
				ev.ids[i] = tau
			}
		}
		for tau := range t {
			if tau != ev.ids[i] {
				gap = max(gap, s[tau]-s[ev.ids[i]])
			}
		}
	}
	var shift float64 // m when the gradient would underflow, else 0
	if gap < -underflowGap {
		shift = gap
	}
	ev.shift = shift
	for i := range n {
		x, z, s := p.x[i], p.z[i], scores[i*t:(i+1)*t]
		sel := ev.ids[i]
		top := s[sel]
		var sum float64
		for tau := range t {
			e[tau] = fmath.Exp(s[tau] - top)
			sum += e[tau]
		}
		// f = γ_σ + δ with σ the selected (largest-score) token and
		// δ = Σ_τ p_τ(γ_τ − γ_σ): once the softmax saturates, γ_τ − f =
		// (γ_τ − γ_σ) − δ keeps the digits that γ_τ − f computed
		// directly would lose to rounding (p_σ = 1 − O(δ)).
		g0 := p.gamma[i][sel]
		var delta float64
		for tau := range t {
			delta += float64(e[tau] / sum * (p.gamma[i][tau] - g0))
		}
		f := g0 + delta
		psel := e[sel] / sum
		ev.prob += psel
		margin := float64(p.y[i] * f)
		ev.loss += fmath.Log(1 + fmath.Exp(-margin))
		lp := -p.y[i] / (1 + fmath.Exp(margin)) / float64(n)
		// The coefficient of x_τ: p_τ((γ_τ − γ_σ) − δ), and −p_σδ for σ;
		// with a shift, the others' p_τ become e^{s_τ − s_σ − m}/Σ and δ in
		// σ's term their δ, all e^{−m} times the unshifted values.
		deltaQ := delta
		if shift != 0 {
			deltaQ = 0
			for tau := range t {
				if tau != sel {
					e[tau] = fmath.Exp(s[tau] - top - shift)
					deltaQ += float64(e[tau] / sum * (p.gamma[i][tau] - g0))
				}
			}
		}
		for tau := range t {
			if tau == sel {
				e[tau] = float64(psel * -deltaQ)
			} else {
				e[tau] = float64(e[tau] / sum * ((p.gamma[i][tau] - g0) - delta))
			}
		}
		// g = Σ_τ coef_τ x_τ, then grad += ℓ'·g zᵀ.
		for a := range d {
			var g float64
			for tau := range t {
				g += float64(e[tau] * x[tau*d+a])
			}
			ga := float64(lp * g)
			for b := range d {
				grad[a*d+b] += float64(ga * z[b])
			}
		}
	}
	ev.loss /= float64(n)
	ev.prob /= float64(n)
	return ev
}

// underflowGap is the score gap past which gradTo shifts the exponents:
// normalized GD squares the gradient's entries for its norm, and
// e^{−2·300} ≈ 10⁻²⁶¹ leaves room for the other factors above float64's
// smallest normal number, 2.2·10⁻³⁰⁸.
const underflowGap = 300

// ridge is Tarzanagh et al.'s ε(‖K‖² + ‖Q‖²) on the factors (their code's
// README: it keeps the norms bounded), ε = 2.2·10⁻¹⁶.
const ridge = 2.2e-16

// trajectory is a normalized-GD run of W and of (K, Q) from one data set,
// with both models' states at the checkpoints.
type trajectory struct {
	iters      []int
	w, kq      [][]float64 // W_t and (KQᵀ)_t at each checkpoint
	evW, evKQ  []evaluation
	finW, finK evaluation // the final evaluations
}

// Checkpoints returns the steps at which a trajectory records its state:
// 1, 2, …, then steps growing by 15% (t ← t + max(1, ⌊3t/20⌋)), and iters.
func Checkpoints(iters int) []int {
	var out []int
	for t := 1; t < iters; t += max(1, 3*t/20) {
		out = append(out, t)
	}
	return append(out, iters)
}

// train runs normalized gradient descent for iters steps of length lr, on
// W (W ← W − η∇/‖∇‖_F) and on the factorization W = KQᵀ (each factor
// K ← K − η∇_K/‖∇_K‖_F with ∇_K = ∇_W Q + 2εK, ∇_Q = ∇_Wᵀ K + 2εQ), from
// W, K, Q uniform in ±1/√d drawn from the Init stream of seed, as in
// Tarzanagh et al.'s notebook. progress is called after each step; it
// returns false to stop the run. A non-finite gradient stops it with an
// error naming the step.
func (p *problem) train(iters int, lr float64, seed uint64, progress func(step int) bool) (*trajectory, error) {
	d := p.d
	r := rng.New(seed, rng.Init)
	bound := 1 / math.Sqrt(float64(d))
	w, k, q := make([]float64, d*d), make([]float64, d*d), make([]float64, d*d)
	for _, m := range [][]float64{w, k, q} {
		for i := range m {
			m[i] = float64(2*rng.Uniform(r)-1) * bound
		}
	}
	gw, gkq, gk, gq, kq := make([]float64, d*d), make([]float64, d*d), make([]float64, d*d), make([]float64, d*d), make([]float64, d*d)
	tr := &trajectory{iters: Checkpoints(iters)}
	next := 0
	for step := 0; step <= iters; step++ {
		mulTTo(kq, k, q, d)
		evW := p.gradTo(gw, w)
		evKQ := p.gradTo(gkq, kq)
		if next < len(tr.iters) && tr.iters[next] == step {
			tr.w = append(tr.w, append([]float64(nil), w...))
			tr.kq = append(tr.kq, append([]float64(nil), kq...))
			tr.evW, tr.evKQ = append(tr.evW, evW), append(tr.evKQ, evKQ)
			next++
		}
		if step == iters {
			tr.finW, tr.finK = evW, evKQ
			break
		}
		mulTo(gk, gkq, q, d)  // ∇_K = ∇_W Q
		tMulTo(gq, gkq, k, d) // ∇_Q = ∇_Wᵀ K
		// The ridge's gradient 2εK, in the units of a shifted ∇_W
		// (e^{−m}∇L): 2εe^{−m}K. Where that overflows, the ridge is all
		// that is left of the direction.
		r := float64(2 * ridge)
		if evKQ.shift != 0 {
			r = float64(r * fmath.Exp(-evKQ.shift))
		}
		for i := range gk {
			if math.IsInf(r, 1) {
				gk[i], gq[i] = k[i], q[i]
				continue
			}
			gk[i] += float64(r * k[i])
			gq[i] += float64(r * q[i])
		}
		nw, nk, nq := frob(gw), frob(gk), frob(gq)
		if !(nw > 0 && nk > 0 && nq > 0) || math.IsInf(nw+nk+nq, 0) {
			return nil, fmt.Errorf("attention: the gradient is %g (W), %g (K), %g (Q) at step %d; normalized GD needs a finite, nonzero gradient", nw, nk, nq, step+1)
		}
		for i := range w {
			w[i] -= float64(lr*gw[i]) / nw
			k[i] -= float64(lr*gk[i]) / nk
			q[i] -= float64(lr*gq[i]) / nq
		}
		if progress != nil && !progress(step+1) {
			return nil, errCanceled
		}
	}
	return tr, nil
}
