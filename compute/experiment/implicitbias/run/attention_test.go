package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/rng"
)

// loss returns the mean logistic loss (1/n) Σ log(1 + exp(−y_i f_i)) at W,
// computed directly from its definition (Tarzanagh et al. 2023, eq. 2 with
// ℓ(u) = log(1 + e^{−u})).
func (p *problem) loss(w []float64) float64 {
	var l float64
	for i := range p.n {
		s := make([]float64, p.t)
		var sum float64
		for tau := range p.t {
			var sc float64
			for a := range p.d {
				for b := range p.d {
					sc += p.x[i][tau*p.d+a] * w[a*p.d+b] * p.z[i][b]
				}
			}
			s[tau] = math.Exp(sc)
			sum += s[tau]
		}
		var f float64
		for tau := range p.t {
			f += s[tau] / sum * p.gamma[i][tau]
		}
		l += math.Log(1 + math.Exp(-p.y[i]*f))
	}
	return l / float64(p.n)
}

// Truth: central finite differences of the loss defined directly, for ∇_W
// and, by the chain rule through W = KQᵀ, for ∇_K = ∇_W Q and ∇_Q = ∇_Wᵀ K.
func TestTheAttentionGradientMatchesFiniteDifferences(t *testing.T) {
	const h, tol = 1e-5, 1e-7
	p := newProblem(3, 4, 5, 7)
	d := p.d
	r := rng.New(3, rng.Init)
	w, k, q := make([]float64, d*d), make([]float64, d*d), make([]float64, d*d)
	for _, m := range [][]float64{w, k, q} {
		for i := range m {
			m[i] = 2 * rng.Normal(r)
		}
	}
	grad := make([]float64, d*d)
	ev := p.gradTo(grad, w)
	if got, want := ev.loss, p.loss(w); math.Abs(got-want) > 1e-12 {
		t.Errorf("loss %.15g, direct %.15g", got, want)
	}
	for i := range w {
		wp, wm := append([]float64(nil), w...), append([]float64(nil), w...)
		wp[i] += h
		wm[i] -= h
		fd := (p.loss(wp) - p.loss(wm)) / (2 * h)
		if math.Abs(fd-grad[i]) > tol {
			t.Errorf("∂L/∂W[%d] = %.10g, finite differences %.10g", i, grad[i], fd)
		}
	}
	// Factors: L(KQᵀ).
	kq, gk, gq := make([]float64, d*d), make([]float64, d*d), make([]float64, d*d)
	mulTTo(kq, k, q, d)
	p.gradTo(grad, kq)
	mulTo(gk, grad, q, d)
	tMulTo(gq, grad, k, d)
	lossKQ := func(k, q []float64) float64 {
		m := make([]float64, d*d)
		mulTTo(m, k, q, d)
		return p.loss(m)
	}
	for i := range k {
		kp, km := append([]float64(nil), k...), append([]float64(nil), k...)
		kp[i] += h
		km[i] -= h
		if fd := (lossKQ(kp, q) - lossKQ(km, q)) / (2 * h); math.Abs(fd-gk[i]) > tol {
			t.Errorf("∂L/∂K[%d] = %.10g, finite differences %.10g", i, gk[i], fd)
		}
		qp, qm := append([]float64(nil), q...), append([]float64(nil), q...)
		qp[i] += h
		qm[i] -= h
		if fd := (lossKQ(k, qp) - lossKQ(k, qm)) / (2 * h); math.Abs(fd-gq[i]) > tol {
			t.Errorf("∂L/∂Q[%d] = %.10g, finite differences %.10g", i, gq[i], fd)
		}
	}
}

// Truth: the closed form of a two-token sequence. With p_2 = 1/(1 + e^{−Δ}),
// Δ = s_2 − s_1, f = γ_1 + p_2(γ_2 − γ_1) and ∂f/∂Δ = p_1p_2(γ_2 − γ_1), so
// ∇L = ℓ'(f) p_1p_2 (γ_2 − γ_1)(x_2 − x_1) zᵀ, with
// p_1p_2 = e^{−|Δ|}/(1 + e^{−|Δ|})² accurate however saturated the softmax
// is. The gradient must keep its digits at score gaps of 10 to 300, where
// γ_τ − f computed naively would be rounding noise.
func TestTheGradientKeepsItsDigitsWhenTheSoftmaxSaturates(t *testing.T) {
	p := newProblem(1, 2, 3, 11)
	d := p.d
	x1, x2, z := p.x[0][:d], p.x[0][d:], p.z[0]
	w := make([]float64, d*d)
	grad := make([]float64, d*d)
	for _, c := range []float64{10, 100, 300} {
		for i := range d {
			w[i*d+i] = c
		}
		p.gradTo(grad, w)
		delta := c * (dot(x2, z) - dot(x1, z))
		e := math.Exp(-math.Abs(delta))
		p1p2 := e / ((1 + e) * (1 + e))
		p2 := 1 / (1 + math.Exp(-delta))
		f := p.gamma[0][0] + p2*(p.gamma[0][1]-p.gamma[0][0])
		lp := -p.y[0] / (1 + math.Exp(p.y[0]*f))
		for a := range d {
			for b := range d {
				want := lp * p1p2 * (p.gamma[0][1] - p.gamma[0][0]) * (x2[a] - x1[a]) * z[b]
				if math.Abs(grad[a*d+b]-want) > 1e-9*math.Abs(want) {
					t.Errorf("score gap %.3g: ∇[%d,%d] = %.6g, closed form %.6g", delta, a, b, grad[a*d+b], want)
				}
			}
		}
	}
}

// Truth: the same closed form. Its direction, −y(γ_2 − γ_1)(x_2 − x_1)zᵀ up
// to a positive factor, does not depend on the score gap, so past the gap
// where ∇L underflows float64 (about 745) the shifted gradient must still
// point along it, to 1e-12.
func TestTheGradientKeepsItsDirectionPastUnderflow(t *testing.T) {
	p := newProblem(1, 2, 3, 11)
	d := p.d
	x1, x2, z := p.x[0][:d], p.x[0][d:], p.z[0]
	want := make([]float64, d*d)
	for a := range d {
		for b := range d {
			want[a*d+b] = -p.y[0] * (p.gamma[0][1] - p.gamma[0][0]) * (x2[a] - x1[a]) * z[b]
		}
	}
	w, grad := make([]float64, d*d), make([]float64, d*d)
	for _, c := range []float64{1e3, 1e4, 1e5} {
		for i := range d {
			w[i*d+i] = c
		}
		p.gradTo(grad, w)
		gapAbs := math.Abs(c * (dot(x2, z) - dot(x1, z)))
		if got := corr(grad, want); math.Abs(got-1) > 1e-12 {
			t.Errorf("score gap %.3g: corr(gradient, closed-form direction) = %.15g, want 1", gapAbs, got)
		}
	}
}

// Truth: normalized GD's definition. Each step moves W by exactly η in
// Frobenius norm, so ‖W_t − W_0‖ ≤ ηt and ‖W_t‖ grows at most linearly.
func TestNormalizedGDMovesByTheStepLength(t *testing.T) {
	p := newProblem(4, 5, 6, 2)
	tr, err := p.train(200, 0.1, 2, nil)
	if err != nil {
		t.Fatal(err)
	}
	for c, step := range tr.iters {
		if c == 0 {
			continue
		}
		diff := make([]float64, len(tr.w[c]))
		for i := range diff {
			diff[i] = tr.w[c][i] - tr.w[c-1][i]
		}
		if got, bound := frob(diff), 0.1*float64(step-tr.iters[c-1]); got > bound*(1+1e-12) {
			t.Errorf("steps %d → %d moved W by %.6g > η·steps = %.6g", tr.iters[c-1], step, got, bound)
		}
	}
}
