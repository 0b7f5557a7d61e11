package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
)

// stepper takes full-batch optimizer steps on θ and reports the training
// loss L(θ_t) before each step. Its objective is the training loss alone; a
// SAF or MESA penalty enters only its update.
type stepper struct {
	s     *sharpness.Spec
	eta   float64
	obj   *nn.Objective   // the training loss on every sample
	parts []*nn.Objective // SAM's chunks, each with the full set's scale 1/n
	theta []float64
	grad  []float64
	work  []float64 // SAM's perturbed θ and gradient
	pgrad []float64
	vel   []float64 // momentum

	// SAF and MESA: the reference outputs, the objective whose targets are
	// (Y + λ f_ref)/(1+λ), and the EMA parameters.
	outs    [][]float64 // ring of the outputs of the last lag+1 steps (SAF)
	ref     *data.Set
	refObj  *nn.Objective
	ema     []float64
	y       []float64 // one-hot targets
	current []float64 // outputs at θ_t
	labels  []int     // class labels (KL penalty)
}

func newStepper(s *sharpness.Spec, eta float64, set *data.Set, theta []float64) *stepper {
	return newStepperOn(s, s.Arch(), eta, set, theta)
}

// newStepperOn is newStepper on the network a instead of the spec's.
func newStepperOn(s *sharpness.Spec, a *nn.Arch, eta float64, set *data.Set, theta []float64) *stepper {
	p := len(theta)
	st := &stepper{s: s, eta: eta, obj: &nn.Objective{Arch: a, Data: set}, theta: theta, grad: make([]float64, p)}
	n := set.N
	switch s.Optimizer {
	case "heavyball", "nesterov":
		st.vel = make([]float64, p)
	case "usam", "sam":
		st.work, st.pgrad = make([]float64, p), make([]float64, p)
		m := s.Chunk
		if m == 0 {
			m = n
		}
		for lo := 0; lo < n; lo += m {
			idx := make([]int, 0, m)
			for i := lo; i < min(lo+m, n); i++ {
				idx = append(idx, i)
			}
			st.parts = append(st.parts, &nn.Objective{Arch: a, Data: set, Idx: idx, Scale: 1 / float64(n)})
		}
	case "saf", "mesa":
		c := sharpness.Classes
		st.y = set.OneHot()
		st.current = make([]float64, n*c)
		st.ref = &data.Set{X: set.X, N: n, Dim: set.Dim, Out: c, Targets: make([]float64, n*c)}
		st.labels = set.Labels
		ra := *a
		ra.Loss = nn.Squared
		st.refObj = &nn.Objective{Arch: &ra, Data: st.ref}
		if s.Optimizer == "saf" {
			st.outs = make([][]float64, s.Lag+1)
			for i := range st.outs {
				st.outs[i] = make([]float64, n*c)
			}
		} else {
			st.ema = append([]float64(nil), theta...)
		}
	}
	return st
}

// step takes step t (θ_t → θ_{t+1}) and returns L(θ_t).
func (st *stepper) step(t int) float64 {
	s, eta, th, g := st.s, st.eta, st.theta, st.grad
	switch s.Optimizer {
	case "heavyball", "nesterov":
		loss := st.obj.LossGrad(g, th)
		b := s.Momentum
		for i := range th {
			st.vel[i] = float64(b*st.vel[i]) + g[i] // v ← βv + g
		}
		for i := range th {
			d := st.vel[i]
			if s.Optimizer == "nesterov" {
				d = g[i] + float64(b*st.vel[i]) // g + βv (PyTorch's Nesterov)
			}
			th[i] -= float64(eta * d)
		}
		return loss
	case "usam", "sam":
		return st.samStep()
	case "saf", "mesa":
		return st.penaltyStep(t)
	}
	loss := st.obj.LossGrad(g, th)
	for i := range th {
		th[i] -= float64(eta * g[i]) // θ ← θ − η∇L
	}
	return loss
}

// samStep takes a SAM step: for each chunk c (one chunk of all samples
// without m-sharpness) the ascent ε_c = ρ g_c/‖g_c‖ (sam) or ρ g_c (usam),
// with g_c the chunk's mean gradient, then θ ← θ − η Σ_c (n_c/n) ∇L_c(θ + ε_c)
// (Foret et al. 2021, eq. 3 and §4.1).
func (st *stepper) samStep() float64 {
	s, th := st.s, st.theta
	n := float64(st.obj.Data.N)
	var loss float64
	clear(st.pgrad)
	for _, part := range st.parts {
		loss += part.LossGrad(st.grad, th) // (n_c/n)·g_c
		scale := s.Rho * n / float64(len(part.Idx))
		if s.Optimizer == "sam" {
			var ss float64
			for _, v := range st.grad {
				ss += float64(v * v)
			}
			nrm := math.Sqrt(ss)
			if nrm == 0 {
				nrm = 1
			}
			scale = s.Rho / nrm
		}
		for i, v := range th {
			st.work[i] = v + float64(scale*st.grad[i])
		}
		part.LossGrad(st.grad, st.work)
		for i, v := range st.grad {
			st.pgrad[i] += v
		}
	}
	for i := range th {
		th[i] -= float64(st.eta * st.pgrad[i])
	}
	return loss
}

// penaltyStep takes a SAF or MESA step on L + (λ/2n) Σ_i ‖f(x_i) − f_ref(x_i)‖²
// with f_ref held fixed: the outputs of lag steps ago (SAF; no penalty in
// the first lag steps) or of the EMA parameters (MESA). For the squared
// error its gradient is (1+λ)∇L(θ; targets (Y + λ f_ref)/(1+λ)).
//
// With the KL penalty (λτ²/n)Σ_i KL(softmax(r_i/τ) ‖ softmax(f_i/τ)) on
// cross-entropy, see klStep.
func (st *stepper) penaltyStep(t int) float64 {
	s, th := st.s, st.theta
	st.obj.OutputsTo(st.current, th)
	if s.Penalty == "kl" {
		return st.klStep(t)
	}
	var ss float64
	for i, f := range st.current {
		r := f - st.y[i]
		ss += float64(r * r)
	}
	loss := 0.5 * ss / float64(st.obj.Data.N)
	ref := st.reference(t)
	lam := s.Lambda
	if ref == nil {
		lam = 0
	}
	for i, y := range st.y {
		var r float64
		if ref != nil {
			r = ref[i]
		}
		st.ref.Targets[i] = (y + float64(lam*r)) / (1 + lam)
	}
	st.refObj.LossGrad(st.grad, th)
	for i := range th {
		th[i] -= float64(st.eta * float64((1+lam)*st.grad[i]))
	}
	if st.ema != nil {
		b := s.EMA
		for i, v := range th {
			st.ema[i] = float64(b*st.ema[i]) + float64((1-b)*v)
		}
	}
	return loss
}

// reference returns the reference outputs of step t (SAF: those of lag
// steps ago, nil in the first lag steps; MESA: those of the EMA parameters),
// after recording the current outputs in SAF's ring.
func (st *stepper) reference(t int) []float64 {
	if st.outs != nil {
		copy(st.outs[t%len(st.outs)], st.current)
		if t >= st.s.Lag {
			return st.outs[(t-st.s.Lag)%len(st.outs)]
		}
		return nil
	}
	st.obj.OutputsTo(st.ref.Targets, st.ema)
	return st.ref.Targets
}

// klStep finishes a SAF or MESA step with the KL penalty of Du et al.
// (2022: their trajectory loss, with the τ² factor of their code) on the
// cross-entropy loss, the outputs f at θ_t already in st.current. The
// gradient of
// L + (λτ²/n)Σ_i KL(softmax(r_i/τ) ‖ softmax(f_i/τ)) in f_i is
// (1/n)[p(f_i) − y_i + λτ(p_τ(f_i) − p_τ(r_i))], with p = softmax and
// p_τ(f) = softmax(f/τ); it is backpropagated as the gradient of the
// squared error ½·mean‖f − t‖² with the targets t_i = f_i − (that bracket).
func (st *stepper) klStep(t int) float64 {
	s, th := st.s, st.theta
	ref := st.reference(t)
	c := sharpness.Classes
	n := st.obj.Data.N
	var p, pf, pr [sharpness.Classes]float64
	var loss float64
	for i := range n {
		f := st.current[i*c : (i+1)*c]
		loss += softmaxTo(p[:], f, 1)
		loss -= f[st.labels[i]] // −log p_y = log Σe^f − f_y
		pen := ref != nil && s.Lambda != 0
		if pen { // before tg: MESA's reference outputs share its buffer
			softmaxTo(pf[:], f, s.Tau)
			softmaxTo(pr[:], ref[i*c:(i+1)*c], s.Tau)
		}
		tg := st.ref.Targets[i*c : (i+1)*c]
		lt := float64(s.Lambda * s.Tau)
		for j := range c {
			g := p[j] - st.y[i*c+j]
			if pen {
				g += float64(lt * (pf[j] - pr[j]))
			}
			tg[j] = f[j] - g
		}
	}
	st.refObj.LossGrad(st.grad, th)
	for i := range th {
		th[i] -= float64(st.eta * st.grad[i])
	}
	if st.ema != nil {
		b := s.EMA
		for i, v := range th {
			st.ema[i] = float64(b*st.ema[i]) + float64((1-b)*v)
		}
	}
	return loss / float64(n)
}

// softmaxTo writes softmax(f/tau) into p and returns log Σ_j e^{f_j/τ}.
func softmaxTo(p, f []float64, tau float64) float64 {
	m := f[0] / tau
	for _, v := range f[1:] {
		m = max(m, v/tau)
	}
	var sum float64
	for j, v := range f {
		p[j] = fmath.Exp(v/tau - m)
		sum += p[j]
	}
	for j := range p {
		p[j] /= sum
	}
	return fmath.Log(sum) + m
}

// diverged reports a loss that is NaN or above sharpness.DivergeLoss.
func diverged(loss float64, t int, eta float64) string {
	if math.IsNaN(loss) || loss > sharpness.DivergeLoss {
		return fmt.Sprintf("the loss reached %.3g at step %d: η = %.4g diverged (η·λ beyond the edge and the catapult range)", loss, t, eta)
	}
	return ""
}
