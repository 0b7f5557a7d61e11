package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment/kernels"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// state is an n-qubit statevector: amplitude i (qubit q is bit q of i) is
// re[i] + i·im[i]. Complex products are written out in float64 with each
// real product rounded, so no platform fuses them.
type state struct {
	n      int
	re, im []float64
}

func newState(n int) *state {
	return &state{n: n, re: make([]float64, 1<<n), im: make([]float64, 1<<n)}
}

// gate is one gate of the circuit: a rotation exp(−iθG/2) with G = Y
// (kind 'y') or Z ('z') on qubit q, or a CNOT ('x') from control c to
// target q. param is the rotation's index in θ.
type gate struct {
	kind     byte
	q, c     int
	param    int
	fixedArg float64 // the angle of an encoding rotation (param < 0)
}

// circuit returns the L layers of the ansatz on n qubits: RY on every
// qubit, RZ on every qubit, then CNOT(0,1), CNOT(1,2), …, CNOT(n−2, n−1);
// 2nL parameters, in gate order.
func circuit(n, layers int) []gate {
	var gs []gate
	p := 0
	for range layers {
		for _, kind := range []byte{'y', 'z'} {
			for q := range n {
				gs = append(gs, gate{kind: kind, q: q, param: p})
				p++
			}
		}
		for q := 0; q+1 < n; q++ {
			gs = append(gs, gate{kind: 'x', c: q, q: q + 1, param: -1})
		}
	}
	return gs
}

// apply applies gate g with angle theta to s (theta is negated for the
// inverse of a rotation; a CNOT is its own inverse).
func (s *state) apply(g gate, theta float64) {
	m := 1 << g.q
	if g.kind == 'x' {
		cm := 1 << g.c
		for i := range s.re {
			if i&cm != 0 && i&m == 0 {
				j := i | m
				s.re[i], s.re[j] = s.re[j], s.re[i]
				s.im[i], s.im[j] = s.im[j], s.im[i]
			}
		}
		return
	}
	c, sn := fmath.Cos(theta/2), fmath.Sin(theta/2)
	for i := range s.re {
		if i&m != 0 {
			continue
		}
		j := i | m
		a0r, a0i, a1r, a1i := s.re[i], s.im[i], s.re[j], s.im[j]
		if g.kind == 'y' { // [[c, −s], [s, c]]
			s.re[i], s.im[i] = float64(c*a0r)-float64(sn*a1r), float64(c*a0i)-float64(sn*a1i)
			s.re[j], s.im[j] = float64(sn*a0r)+float64(c*a1r), float64(sn*a0i)+float64(c*a1i)
			continue
		}
		// RZ: a0·(c − is), a1·(c + is)
		s.re[i], s.im[i] = float64(a0r*c)+float64(a0i*sn), float64(a0i*c)-float64(a0r*sn)
		s.re[j], s.im[j] = float64(a1r*c)-float64(a1i*sn), float64(a1i*c)+float64(a1r*sn)
	}
}

// imInner returns Im⟨λ|Gψ⟩ for the generator G of rotation g, summed over
// the amplitudes in order.
func imInner(g gate, lam, psi *state) float64 {
	m := 1 << g.q
	var s float64
	for i := range psi.re {
		bit1 := i&m != 0
		if g.kind == 'z' { // Im(conj(λ_i) ψ_i) with the sign of Z
			v := float64(lam.re[i]*psi.im[i]) - float64(lam.im[i]*psi.re[i])
			if bit1 {
				v = -v
			}
			s += v
			continue
		}
		// Y: (Yψ)_0 = −iψ_1, (Yψ)_1 = iψ_0, so Im(conj(λ_1)·iψ_0) =
		// Re(conj(λ_1)ψ_0) and Im(conj(λ_0)·(−iψ_1)) = −Re(conj(λ_0)ψ_1).
		j := i ^ m
		v := float64(lam.re[i]*psi.re[j]) + float64(lam.im[i]*psi.im[j])
		if !bit1 {
			v = -v
		}
		s += v
	}
	return s
}

// z0 returns ⟨ψ|Z₀|ψ⟩ and ‖ψ‖², summed in order.
func (s *state) z0() (z, norm float64) {
	for i := range s.re {
		p := float64(s.re[i]*s.re[i]) + float64(s.im[i]*s.im[i])
		norm += p
		if i&1 == 0 {
			z += p
		} else {
			z -= p
		}
	}
	return z, norm
}

// qnnInput is one training sample: the product state it encodes (qubit q in
// cos(x_q/2)|0⟩ + sin(x_q/2)|1⟩, the state RY(x_q)|0⟩) and its label.
type qnnInput struct {
	c, s  []float64
	label float64
}

// qnnInputs draws the training set of seed: one sample with angles x_q
// uniform in [0, π), or several distinct computational-basis states (exact
// orthogonal inputs: with non-orthogonal inputs, ±1 labels of a Pauli
// output are in general not realizable); labels ±1 with equal chance.
func qnnInputs(seed uint64, n, samples int) []qnnInput {
	r := rng.New(seed, rng.Data)
	in := make([]qnnInput, samples)
	var basis []int
	if samples > 1 {
		basis = r.Perm(1 << n)
	}
	for k := range in {
		in[k].c, in[k].s = make([]float64, n), make([]float64, n)
		for q := range n {
			if samples == 1 {
				x := float64(math.Pi * rng.Uniform(r))
				in[k].c[q], in[k].s[q] = fmath.Cos(x/2), fmath.Sin(x/2)
			} else if basis[k]>>q&1 == 1 {
				in[k].s[q] = 1
			} else {
				in[k].c[q] = 1
			}
		}
	}
	lr := rng.New(seed, rng.LabelNoise)
	for k := range in {
		in[k].label = 1
		if rng.Uniform(lr) < 0.5 {
			in[k].label = -1
		}
	}
	return in
}

// encode sets s to the product state of input x.
func (s *state) encode(x qnnInput) {
	for i := range s.re {
		a := 1.0
		for q := range s.n {
			if i>>q&1 == 1 {
				a *= x.s[q]
			} else {
				a *= x.c[q]
			}
		}
		s.re[i], s.im[i] = a, 0
	}
}

// forwardGrad runs the circuit on input x and returns ŷ = γ⟨Z₀⟩ with its
// gradient in grad, by the adjoint method: λ = γZ₀ψ, then walking the
// gates backwards, ∂ŷ/∂θ_k = Im⟨λ_k|G_k|ψ_k⟩ with ψ_k the state after gate
// k and λ_k = (U_P⋯U_{k+1})†λ (Jones & Gacon 2020). normErr is |‖ψ‖ − 1|.
func forwardGrad(gs []gate, theta []float64, x qnnInput, gamma float64, psi, lam *state, grad []float64) (y, normErr float64) {
	psi.encode(x)
	for _, g := range gs {
		psi.apply(g, angle(g, theta))
	}
	z, norm := psi.z0()
	for i := range psi.re {
		sign := gamma
		if i&1 == 1 {
			sign = -gamma
		}
		lam.re[i], lam.im[i] = sign*psi.re[i], sign*psi.im[i]
	}
	for k := len(gs) - 1; k >= 0; k-- {
		g := gs[k]
		if g.param >= 0 {
			grad[g.param] = imInner(g, lam, psi)
		}
		psi.apply(g, -angle(g, theta))
		lam.apply(g, -angle(g, theta))
	}
	return gamma * z, math.Abs(math.Sqrt(norm) - 1)
}

func angle(g gate, theta []float64) float64 {
	if g.param < 0 {
		return 0
	}
	return theta[g.param]
}

// output returns ŷ = γ⟨Z₀⟩ of the circuit on input x, without gradients.
func output(gs []gate, theta []float64, x qnnInput, gamma float64, psi *state) float64 {
	psi.encode(x)
	for _, g := range gs {
		psi.apply(g, angle(g, theta))
	}
	z, _ := psi.z0()
	return gamma * z
}

// recordSteps returns the steps recorded of a run of steps steps: 0, every
// steps/200-th step and the steps nearest 10^(j/40), ascending, ending
// with steps.
func recordSteps(steps int) []int {
	every := max(1, steps/200)
	logs := map[int]bool{}
	for v := 1.0; v < float64(steps)+1; v = float64(v * decade40) {
		logs[int(math.Round(v))] = true
	}
	var out []int
	for t := 0; t <= steps; t++ {
		if t%every == 0 || logs[t] || t == steps {
			out = append(out, t)
		}
	}
	return out
}

// decade40 is 10^(1/40), the ratio of the recorded log-spaced steps.
const decade40 = 1.0592537251772889

// trainQNN trains the circuit of depth L with measurement scale γ by
// gradient descent on ½Σ(ŷ_i − y_i)², θ ← θ − (η/L)∇, from θ uniform in
// [0, 2π) (stream Init of the spec's seed), recording the residual and
// sample 0's tangent kernel.
func trainQNN(s *kernels.Spec, gamma float64, depth int, progress func(Progress) bool) (*kernels.QNNRun, error) {
	n := s.Qubits
	gs := circuit(n, depth)
	p := 2 * n * depth
	theta := make([]float64, p)
	r := rng.New(s.Seed, rng.Init)
	for i := range theta {
		theta[i] = float64(2 * math.Pi * rng.Uniform(r))
	}
	inputs := qnnInputs(s.Seed, n, s.QSamples)
	psi, lam := newState(n), newState(n)
	grad, total := make([]float64, p), make([]float64, p)
	run := &kernels.QNNRun{Gamma: gamma, Depth: depth, Params: p, Label: inputs[0].label}
	record := recordSteps(s.Steps)
	next := 0
	step := s.LR / float64(depth)
	for t := 0; t <= s.Steps; t++ {
		clear(total)
		var loss, y0, k0 float64
		for k, x := range inputs {
			y, ne := forwardGrad(gs, theta, x, gamma, psi, lam, grad)
			run.NormError = max(run.NormError, ne)
			res := y - x.label
			loss += float64(res * res)
			for i, g := range grad {
				total[i] += float64(res * g)
			}
			if k == 0 {
				y0 = y
				for _, g := range grad {
					k0 += float64(g * g)
				}
			}
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, fmt.Errorf("γ = %g, L = %d: the loss is not finite at step %d", gamma, depth, t)
		}
		if next < len(record) && record[next] == t {
			run.Steps = append(run.Steps, t)
			run.Residual = append(run.Residual, math.Sqrt(loss))
			run.Output = append(run.Output, y0)
			run.Kernel = append(run.Kernel, k0)
			run.Reference = append(run.Reference, float64(gamma*gamma)-float64(y0*y0))
			next++
		}
		if t == s.Steps {
			break
		}
		for i := range theta {
			theta[i] -= float64(step * total[i])
		}
		if (t+1)%100 == 0 && !progress(Progress{Phase: fmt.Sprintf("γ = %g, L = %d", gamma, depth), Done: t + 1, Total: s.Steps}) {
			return nil, fmt.Errorf("γ = %g, L = %d: %w at step %d", gamma, depth, ErrCanceled, t+1)
		}
	}
	summarize(run, s.Steps)
	return run, nil
}

// summarize fills in the run's final residual, its late log-log slope
// (over the recorded t in [steps/10, steps]), the R² of log residual
// against t over the second half, and K/(γ² − ŷ²) at both ends.
func summarize(run *kernels.QNNRun, steps int) {
	last := len(run.Steps) - 1
	run.Final = run.Residual[last]
	var lx, ly, tx, ty []float64
	for i, t := range run.Steps {
		res := run.Residual[i]
		if t == 0 || !(res > 0) {
			continue
		}
		if 10*t >= steps {
			lx, ly = append(lx, fmath.Log(float64(t))), append(ly, fmath.Log(res))
		}
		if 2*t >= steps {
			tx, ty = append(tx, float64(t)), append(ty, fmath.Log(res))
		}
	}
	if len(lx) >= 2 {
		run.Slope, _ = lineFit(lx, ly)
	}
	if len(tx) >= 2 {
		_, run.R2 = lineFit(tx, ty)
	}
	run.KStart = run.Kernel[0] / run.Reference[0]
	run.KEnd = run.Kernel[last] / run.Reference[last]
}
