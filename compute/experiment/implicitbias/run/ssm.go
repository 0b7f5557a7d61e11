package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment/implicitbias"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// ssmData is the training set of the SSM experiment (Smékal et al. 2024):
// white-noise inputs u, the response g of one unit state
// x_t = a x_{t−1} + u_t, and the teacher's outputs y = w*·g. A student
// with A = aI_N fixed and b, c ∈ R^N learned outputs ŷ = (c·b) g, so its
// loss (1/2M) Σ (y − ŷ)² = const − wσ + ½ηw² with w = c·b.
type ssmData struct {
	m          int       // samples, sequences × length
	u, g, y    []float64 // sequence-major
	sigma, eta float64   // (1/M) Σ y g and (1/M) Σ g²
}

// newSSMData draws the inputs from the Data stream of s.Seed and runs the
// recurrence, summing σ and η in sample order.
func newSSMData(s *implicitbias.Spec) *ssmData {
	r := rng.New(s.Seed, rng.Data)
	m := s.Sequences * s.Length
	d := &ssmData{m: m, u: make([]float64, m), g: make([]float64, m), y: make([]float64, m)}
	rng.NormalVec(r, d.u)
	for q := range s.Sequences {
		var x float64
		for t := range s.Length {
			i := q*s.Length + t
			x = float64(s.Pole*x) + d.u[i]
			d.g[i], d.y[i] = x, float64(s.Gain*x)
		}
	}
	for i := range m {
		d.sigma += float64(d.y[i] * d.g[i])
		d.eta += float64(d.g[i] * d.g[i])
	}
	d.sigma /= float64(m)
	d.eta /= float64(m)
	return d
}

// frequencyCheck computes every sequence's unit-state response as the
// inverse DFT of G_k U_k, G the DFT of the truncated impulse response
// (a^l)_{l<L}, with zero padding to P ≥ 2L so that the circular
// convolution is the linear one (the transfer-function view of inference,
// Parnichkun et al. 2024), and σ, η by Parseval's identity,
// Σ_t x_t z_t = (1/P) Σ_k Re(conj(X_k) Z_k). It returns the largest
// difference from the recurrence's responses and the largest relative
// difference of σ and η.
func (d *ssmData) frequencyCheck(s *implicitbias.Spec) (convErr, parsevalErr float64) {
	l := s.Length
	p := nextPow2(2 * l)
	hr, hi := make([]float64, p), make([]float64, p)
	h := 1.0
	for k := range l {
		hr[k] = h
		h = float64(h * s.Pole)
	}
	fft(hr, hi, false)
	var sigma, eta float64
	ur, ui, gr, gi, yr, yi := make([]float64, p), make([]float64, p), make([]float64, p), make([]float64, p), make([]float64, p), make([]float64, p)
	for q := range s.Sequences {
		for k := range p {
			ur[k], ui[k], gr[k], gi[k], yr[k], yi[k] = 0, 0, 0, 0, 0, 0
		}
		copy(ur, d.u[q*l:(q+1)*l])
		copy(gr, d.g[q*l:(q+1)*l])
		copy(yr, d.y[q*l:(q+1)*l])
		fft(ur, ui, false)
		fft(gr, gi, false)
		fft(yr, yi, false)
		// X = G U; Parseval against the recurrence's g and y.
		for k := range p {
			xr := float64(hr[k]*ur[k]) - float64(hi[k]*ui[k])
			xi := float64(hr[k]*ui[k]) + float64(hi[k]*ur[k])
			ur[k], ui[k] = xr, xi
			sigma += float64(xr*yr[k]) + float64(xi*yi[k])
			eta += float64(xr*gr[k]) + float64(xi*gi[k])
		}
		fft(ur, ui, true)
		for t := range l {
			convErr = max(convErr, math.Abs(ur[t]/float64(p)-d.g[q*l+t]))
		}
	}
	sigma /= float64(float64(p) * float64(d.m))
	eta /= float64(float64(p) * float64(d.m))
	parsevalErr = max(math.Abs(sigma-d.sigma)/math.Abs(d.sigma), math.Abs(eta-d.eta)/d.eta)
	return convErr, parsevalErr
}

// ssmSamples is about how many points of w(t) a run records.
const ssmSamples = 200

// rk4Substeps is the number of RK4 steps per GD step of the 1-D ODE.
const rk4Substeps = 10

// trainSSM runs gradient descent on b, c ∈ R^N from the spec's
// initialisation, with the gradient from the time-domain residual:
// e = (1/M) Σ_t (y_t − w g_t) g_t = σ − ηw, then b ← b + lr·c e and
// c ← c + lr·b e. It records w = c·b, the half-time and the exact
// reduction's check (p = c + b and q = c − b scale by 1 ± lr e each step),
// and the closed form beside them.
func trainSSM(s *implicitbias.Spec, d *ssmData, n int, progress func(int) bool) (*implicitbias.SSMRun, error) {
	b, c := make([]float64, n), make([]float64, n)
	if s.Init == "balanced" {
		for i := range n {
			b[i], c[i] = s.Scale, s.Scale
		}
	} else {
		r := rng.New(s.Seed+uint64(n), rng.Init)
		for i := range n {
			b[i], c[i] = float64(s.Scale*rng.Normal(r)), float64(s.Scale*rng.Normal(r))
		}
	}
	norms := func() (pp, qq float64) {
		for i := range n {
			pp += float64((c[i] + b[i]) * (c[i] + b[i]))
			qq += float64((c[i] - b[i]) * (c[i] - b[i]))
		}
		return pp, qq
	}
	p0, q0 := norms()
	target := d.sigma / d.eta
	run := &implicitbias.SSMRun{N: n, HalfTime: -1}
	every := max(1, s.Steps/ssmSamples)
	logP, logQ := 0.0, 0.0 // Σ log(1 ± lr e), the discrete s
	for k := 0; ; k++ {
		w := dot(c, b)
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, fmt.Errorf("ssm N = %d: w = c·b is %g at step %d; lower ssmlr", n, w, k)
		}
		if run.HalfTime < 0 && w >= target/2 {
			run.HalfTime = float64(k)
		}
		if k%every == 0 || k == s.Steps {
			run.Steps, run.W = append(run.Steps, k), append(run.W, w)
			pp, qq := norms()
			dev := math.Abs(math.Sqrt(pp/p0)/fmath.Exp(logP) - 1)
			if q0 > 0 {
				dev = max(dev, math.Abs(math.Sqrt(qq/q0)/fmath.Exp(logQ)-1))
			}
			run.Conservation = max(run.Conservation, dev)
		}
		if k == s.Steps {
			break
		}
		var e float64
		for i := range d.m {
			e += float64((d.y[i] - float64(w*d.g[i])) * d.g[i])
		}
		e /= float64(d.m)
		step := float64(s.SSMLR * e)
		for i := range n {
			b[i], c[i] = b[i]+float64(step*c[i]), c[i]+float64(step*b[i])
		}
		logP += fmath.Log(1 + step)
		logQ += fmath.Log(1 - step)
		if progress != nil && k%100 == 0 && !progress(k) {
			return nil, errCanceled
		}
	}
	run.Predicted, run.HalfPredicted = predictSSM(s, d, p0, q0, n, run.Steps)
	return run, nil
}

// predictSSM returns the gradient flow's w at the given steps and its
// half-time. Balanced (b = c = u₀·1, w₀ = Nu₀²): the logistic
// w(t) = (σ/η)/(1 + (σ/(ηw₀) − 1)e^{−2σ·lr·t}), t½ = ln(σ/(ηw₀) − 1)/(2σ·lr)
// (Saxe, McClelland & Ganguli 2014, eq. 6, the scalar case). Random: the
// exact reduction p = (c + b) = p₀e^{s}, q = (c − b) = q₀e^{−s},
// w = (‖p₀‖²e^{2s} − ‖q₀‖²e^{−2s})/4, ds/dt = lr(σ − ηw), integrated by
// RK4 with rk4Substeps steps per GD step.
func predictSSM(s *implicitbias.Spec, d *ssmData, p0, q0 float64, n int, steps []int) (w []float64, half float64) {
	sig, eta, lr := d.sigma, d.eta, s.SSMLR
	if s.Init == "balanced" {
		w0 := float64(float64(n)*s.Scale) * s.Scale
		ratio := sig/(eta*w0) - 1
		for _, k := range steps {
			w = append(w, (sig/eta)/(1+float64(ratio*fmath.Exp(-2*sig*lr*float64(k)))))
		}
		if ratio <= 1 {
			return w, 0
		}
		return w, fmath.Log(ratio) / (2 * sig * lr)
	}
	wOf := func(x float64) float64 {
		return float64(0.25 * (float64(p0*fmath.Exp(2*x)) - float64(q0*fmath.Exp(-2*x))))
	}
	f := func(x float64) float64 { return float64(lr * (sig - float64(eta*wOf(x)))) }
	target := float64(0.5 * (sig / eta))
	half = -1
	x, h := 0.0, 1.0/rk4Substeps
	next := 0
	last := steps[len(steps)-1]
	for k := 0; k <= last; k++ {
		for next < len(steps) && steps[next] == k {
			w = append(w, wOf(x))
			next++
		}
		for j := range rk4Substeps {
			before := wOf(x)
			k1 := f(x)
			k2 := f(x + float64(h/2*k1))
			k3 := f(x + float64(h/2*k2))
			k4 := f(x + float64(h*k3))
			x += float64(h / 6 * (k1 + float64(2*k2) + float64(2*k3) + k4))
			if after := wOf(x); half < 0 && before < target && after >= target {
				frac := float64(float64(target-before) / float64(after-before))
				half = float64(k) + float64(h*float64(float64(j)+frac))
			}
		}
	}
	if half < 0 && wOf(0) >= target {
		half = 0
	}
	return w, half
}

// transfer returns |H(ω)| = |w|/|1 − a e^{−iω}| of a one-pole SSM with gain
// w at the frequencies omega.
func transfer(w, a float64, omega []float64) []float64 {
	out := make([]float64, len(omega))
	for i, om := range omega {
		out[i] = math.Abs(w) / math.Sqrt(1-float64(2*a*fmath.Cos(om))+float64(a*a))
	}
	return out
}
