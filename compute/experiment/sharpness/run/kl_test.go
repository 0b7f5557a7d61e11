package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
)

// klObjective is SAF's objective with the KL penalty written out from its
// definition (Du et al. 2022's trajectory loss, with the τ² factor of their
// SAF_train.py): the mean cross-entropy plus (λτ²/n)Σ_i Σ_j q_ij(log q_ij − log p_τ(f_i)_j), with
// q_i = softmax(r_i/τ) and p_τ(f) = softmax(f/τ), each log-softmax computed
// as f/τ − log Σ e^{f/τ}.
func klObjective(o *nn.Objective, theta, ref []float64, lam, tau float64) float64 {
	c, n := sharpness.Classes, o.Data.N
	f := make([]float64, n*c)
	o.OutputsTo(f, theta)
	logSoftmax := func(dst, z []float64, tau float64) {
		m := math.Inf(-1)
		for _, v := range z {
			m = max(m, v/tau)
		}
		var s float64
		for _, v := range z {
			s += fmath.Exp(v/tau - m)
		}
		for j, v := range z {
			dst[j] = v/tau - m - fmath.Log(s)
		}
	}
	var total float64
	lf, lq, lp := make([]float64, c), make([]float64, c), make([]float64, c)
	for i := range n {
		fi, ri := f[i*c:(i+1)*c], ref[i*c:(i+1)*c]
		logSoftmax(lf, fi, 1)
		total -= lf[o.Data.Labels[i]]
		logSoftmax(lq, ri, tau)
		logSoftmax(lp, fi, tau)
		for j := range c {
			total += lam * tau * tau * math.Exp(lq[j]) * (lq[j] - lp[j])
		}
	}
	return total / float64(n)
}

// Truth: central differences (ε = 1e-5, error O(ε²)) of SAF's objective
// with the KL penalty, written out from its definition (klObjective): one
// SAF step with lag 1 and one MESA step move θ by −η times its gradient, the
// reference outputs held fixed, at τ = 5 and τ = 0.5.
func TestTheKLPenaltyStepIsTheGradientOfItsObjective(t *testing.T) {
	for _, q := range []string{"optimizer=saf&lag=1&tau=5", "optimizer=saf&lag=3&tau=0.5&lambda=0.8", "optimizer=mesa&ema=0.9&tau=5"} {
		s, o, theta := smallNet("loss=ce&penalty=kl&" + q)
		if err := s.Validate(); err != nil {
			t.Fatal(err)
		}
		eta := 0.1
		st := newStepper(s, eta, o.Data, theta)
		for k := range s.Lag + 2 { // a few steps, so that the reference is another θ's
			st.step(k)
		}
		t0 := s.Lag + 2
		before := append([]float64(nil), theta...)
		ref := make([]float64, o.Data.N*sharpness.Classes)
		if s.Optimizer == "saf" {
			copy(ref, st.outs[(t0-s.Lag)%len(st.outs)])
		} else {
			o.OutputsTo(ref, st.ema)
		}
		loss := st.step(t0)
		n := len(theta)
		var worst, gmax float64
		for i := range n {
			p, m := append([]float64(nil), before...), append([]float64(nil), before...)
			p[i] += 1e-5
			m[i] -= 1e-5
			fd := (klObjective(o, p, ref, s.Lambda, s.Tau) - klObjective(o, m, ref, s.Lambda, s.Tau)) / 2e-5
			g := (before[i] - theta[i]) / eta
			worst, gmax = max(worst, math.Abs(g-fd)), max(gmax, math.Abs(fd))
		}
		if worst > 1e-7*gmax {
			t.Errorf("%s: the step's gradient differs from central differences by %.3g (‖g‖∞ = %.3g); want ≤ 1e-7 relative", q, worst, gmax)
		}
		if ce := (&nn.Objective{Arch: o.Arch, Data: o.Data}).Loss(before); math.Abs(loss-ce) > 1e-13 {
			t.Errorf("%s: the step reports L = %.15g, the cross-entropy is %.15g", q, loss, ce)
		}
	}
}

// linearCE is a linear softmax model f = Wx + b on three copies of one
// input, labels {0, 0, 1}: its cross-entropy is least where
// softmax(f) = (2/3, 1/3), at the margin f₀ − f₁ = log 2, and there its
// Hessian is its Gauss-Newton matrix (f is linear in θ), of rank one.
func linearCE() (*nn.Arch, *data.Set) {
	a := &nn.Arch{Sizes: []int{2, 2}, Loss: nn.CrossEntropy}
	set := &data.Set{X: []float64{1, 0.5, 1, 0.5, 1, 0.5}, N: 3, Dim: 2, Classes: 2, Labels: []int{0, 0, 1}}
	return a, set
}

// Truth: for two classes and one input the Hessians of the cross-entropy
// and of τ²·KL(softmax(r/τ) ‖ softmax(f/τ)) at f = r in the outputs are
// 2p(1−p)ddᵀ and 2p_τ(1−p_τ)ddᵀ, d = (1, −1)/√2, p = σ(f₀ − f₁) and
// p_τ = σ((f₀ − f₁)/τ), so on a linear model κ = p_τ(1−p_τ)/(p(1−p)) in every
// direction; and with G_p = λκH the linearised SAF step has the edge
// 2/(η(1+2λκ)) for odd lags (Edge's derivation with λκ for λ): the actual
// KL step on the linear model at its minimum, started 1e-7 off it,
// returns at η 1% below that edge and leaves 1% above it.
func TestTheKLPenaltyEdgeOnALinearModel(t *testing.T) {
	a, set := linearCE()
	theta := []float64{0.2, 0.1, -0.3, 0.4, 0, 0} // W (2×2), then b
	o := &nn.Objective{Arch: a, Data: set}
	f := make([]float64, 6)
	o.OutputsTo(f, theta)
	theta[4] += math.Log(2) - (f[0] - f[1]) // b₀: the margin log 2, a minimum
	for _, tau := range []float64{5, 0.5} {
		s := specOf("loss=ce&optimizer=saf&penalty=kl&lambda=0.3")
		s.Tau = tau
		u := make([]float64, 6)
		rng.UnitSphere(rng.New(7, rng.Probes), u)
		hu := make([]float64, 6)
		nn.NewCurvature(o, theta, nn.Hessian).MulVecTo(hu, u)
		kappa := newKLCurvature(o, tau).along(theta, u) / dotOf(u, hu)
		p, pt := 2.0/3, 1/(1+math.Exp(-math.Log(2)/tau))
		if want := pt * (1 - pt) / (p * (1 - p)); math.Abs(kappa-want) > 1e-12*want {
			t.Errorf("τ = %g: κ = %.15g, want p_τ(1−p_τ)/(p(1−p)) = %.15g", tau, kappa, want)
		}
		tr, err := newTracker(6, 1, 1e-12, 1)
		if err != nil {
			t.Fatal(err)
		}
		top, _, _, err := tr.top(nn.NewCurvature(o, theta, nn.Hessian))
		if err != nil {
			t.Fatal(err)
		}
		for _, lag := range []int{1, 3} {
			s.Lag = lag
			for _, side := range []float64{-0.01, 0.01} {
				// η with top/edge = 1 + side: edge = 2/(η(1+2λκ)).
				eta := 2 * (1 + side) / (top[0] * (1 + 2*s.Lambda*kappa))
				if e := PenaltyEdge(&s, eta, 0, kappa); math.Abs(top[0]/e-(1+side)) > 1e-9 {
					t.Fatalf("lag %d: λ₁/edge = %.12g, want %g", lag, top[0]/e, 1+side)
				}
				th := append([]float64(nil), theta...)
				th[4] += 1e-7
				st := newStepperOn(&s, a, eta, set, th)
				for k := range 6000 {
					st.step(k)
				}
				o.OutputsTo(f, th)
				off := math.Abs(f[0] - f[1] - math.Log(2))
				if (side < 0) != (off < 1e-7) {
					t.Errorf("τ = %g, lag %d, λ₁/edge = %g: the margin is %.3g off its minimum after 6000 steps (1e-7 at the start); want it %s",
						tau, lag, 1+side, off, map[bool]string{true: "to shrink", false: "to grow"}[side < 0])
				}
			}
		}
	}
}
