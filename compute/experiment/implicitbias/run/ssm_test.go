package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
	"github.com/overparam/overparam/compute/rng"
)

// Truth: the DFT's definition, X_k = Σ_t x_t e^{−2πikt/P}, summed
// explicitly with math's cos and sin; the inverse transform returns P·x.
func TestTheFFTMatchesTheExplicitDFT(t *testing.T) {
	r := rng.New(1, rng.Data)
	for _, p := range []int{1, 2, 8, 128} {
		xr, xi := make([]float64, p), make([]float64, p)
		rng.NormalVec(r, xr)
		rng.NormalVec(r, xi)
		fr, fi := append([]float64(nil), xr...), append([]float64(nil), xi...)
		fft(fr, fi, false)
		for k := range p {
			var sr, si float64
			for n := range p {
				a := -2 * math.Pi * float64(k*n%p) / float64(p)
				sr += xr[n]*math.Cos(a) - xi[n]*math.Sin(a)
				si += xr[n]*math.Sin(a) + xi[n]*math.Cos(a)
			}
			if math.Abs(fr[k]-sr) > 1e-12*float64(p) || math.Abs(fi[k]-si) > 1e-12*float64(p) {
				t.Errorf("P=%d: X_%d = %g%+gi, explicit sum %g%+gi", p, k, fr[k], fi[k], sr, si)
			}
		}
		fft(fr, fi, true)
		for n := range p {
			if math.Abs(fr[n]/float64(p)-xr[n]) > 1e-13 || math.Abs(fi[n]/float64(p)-xi[n]) > 1e-13 {
				t.Errorf("P=%d: the inverse does not return x at %d", p, n)
			}
		}
	}
}

// Truth: the convolution theorem and Parseval's identity (the
// transfer-function view of Parnichkun et al. 2024): the FFT of the
// truncated impulse response gives the recurrence's outputs, and σ, η from
// the frequency domain equal the time domain's, to 1e-12; and σ/η is the
// teacher's gain, since y = w*·g exactly.
func TestTheTransferFunctionGivesTheRecurrencesOutputs(t *testing.T) {
	for _, length := range []int{64, 50} {
		s := implicitbias.DefaultSSM()
		s.Length = length
		d := newSSMData(&s)
		conv, pars := d.frequencyCheck(&s)
		if conv > 1e-12 || pars > 1e-12 {
			t.Errorf("L=%d: recurrence vs FFT outputs differ by %.2g, σ and η by %.2g (relative); want both ≤ 1e-12", length, conv, pars)
		}
		if r := d.sigma / d.eta; math.Abs(r-s.Gain) > 1e-12 {
			t.Errorf("L=%d: σ/η = %.15g, want w* = %g", length, r, s.Gain)
		}
	}
}

// Truth: the logistic solution of the balanced scalar network (Saxe,
// McClelland & Ganguli 2014, eq. 6) and the exact 1-D reduction of Smékal
// et al. 2024 (p = c + b grows as e^{s}, q = c − b decays as e^{−s}): GD's
// half-time is within 0.5% + 2 steps of the closed form for every N, from
// the balanced and from a random initialisation; the discrete reduction
// (p_{k+1} = p_k(1 + lr·e_k), q_{k+1} = q_k(1 − lr·e_k)) holds to 1e-9;
// and from the balanced start the half-time falls strictly with N.
func TestSSMHalfTimesFollowTheClosedForm(t *testing.T) {
	for _, init := range []string{"balanced", "random"} {
		s := implicitbias.DefaultSSM()
		s.Init = init
		res, err := Run(s, experiment.Assets{}, nil)
		if err != nil {
			t.Fatal(err)
		}
		prev := math.Inf(1)
		for _, r := range res.SSM.Runs {
			if r.HalfTime < 0 || math.Abs(r.HalfTime-r.HalfPredicted) > 0.005*r.HalfPredicted+2 {
				t.Errorf("%s N=%d: GD half-time %g steps, closed form %.1f", init, r.N, r.HalfTime, r.HalfPredicted)
			}
			if r.Conservation > 1e-9 {
				t.Errorf("%s N=%d: the exact reduction is off by %.2g", init, r.N, r.Conservation)
			}
			if init == "balanced" && !(r.HalfTime < prev) {
				t.Errorf("balanced N=%d: half-time %g does not fall below %g", r.N, r.HalfTime, prev)
			}
			prev = r.HalfTime
		}
	}
}

// Truth: the logistic again. With q₀ = 0 and ‖p₀‖² = 4Nu₀² the random
// branch's RK4 integration of the 1-D ODE describes the balanced start, so
// its half-time must equal the logistic's closed form to 1e-6 steps.
func TestTheODEReducesToTheLogistic(t *testing.T) {
	s := implicitbias.DefaultSSM()
	d := newSSMData(&s)
	for _, n := range []int{1, 16} {
		s.Init = "balanced"
		_, want := predictSSM(&s, d, 0, 0, n, []int{0, 10})
		s.Init = "random"
		_, got := predictSSM(&s, d, float64(4*float64(n)*s.Scale*s.Scale), 0, n, []int{0, 3000})
		if math.Abs(got-want) > 1e-6 {
			t.Errorf("N=%d: the ODE's half-time %.9f, the logistic's %.9f", n, got, want)
		}
	}
}

// Truth: the native run of the same spec (js/wasm must give its bits).
func TestJSWasmSSMRunsGiveTheNativeResult(t *testing.T) {
	s := implicitbias.DefaultSSM()
	s.Init, s.States, s.Steps = "random", []int{1, 8}, 600
	res, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := res.SSM
	checkParity(t, "experiment-implicitbias-ssm", res)
	if len(r.Runs) != 2 {
		t.Fatalf("%d runs", len(r.Runs))
	}
}
