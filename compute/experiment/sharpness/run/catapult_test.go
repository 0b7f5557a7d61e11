package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/rng"
)

// Truth: the exact recursions of the two-layer linear network under
// gradient descent (Lewkowycz et al. 2020, eqs. 3–4 with x = 1, y = 0):
// f' = f(1 − ηλ + η²f²/m) and λ' = λ + ηf²(ηλ − 4)/m, checked step by step
// against the simulated u, v to 1e-12 relative.
func TestTheCatapultToyFollowsItsExactRecursions(t *testing.T) {
	m := 1000
	u, v := make([]float64, m), make([]float64, m)
	r := rng.New(3, rng.Sweep)
	rng.NormalVec(r, u)
	rng.NormalVec(r, v)
	for _, c := range []float64{1.5, 2.5, 3.5, 3.9} {
		run := Catapult(u, v, c, 40)
		f0, lam0 := uvState(u, v)
		eta := c / lam0
		f, lam := f0, lam0
		for step := 1; step < len(run.Loss); step++ {
			f, lam = f*(1-eta*lam+eta*eta*f*f/float64(m)), lam+eta*f*f*(eta*lam-4)/float64(m)
			if got, want := run.EtaLambda[step], eta*lam; math.Abs(got-want) > 1e-12*want {
				t.Fatalf("η·λ₀ = %g, step %d: η·λ = %.15g, the recursion gives %.15g", c, step, got, want)
			}
			if got, want := run.Loss[step], 0.5*f*f; math.Abs(got-want) > 1e-10*want+1e-14*run.Loss[0] { // f = vᵀu/√m cancels as f → 0
				t.Fatalf("η·λ₀ = %g, step %d: L = %.15g, the recursion gives %.15g", c, step, got, want)
			}
		}
	}
}

// Truth: the phase boundaries of the catapult (Lewkowycz et al. 2020, §2):
// for η·λ₀ < 2 the loss falls monotonically, for 2 < η·λ₀ < 4 it first
// rises (here at least tenfold) and then converges with η·λ < 2 at the end,
// above 4 it diverges.
func TestTheCatapultHasItsThreePhases(t *testing.T) {
	for _, run := range Catapults(0) {
		c := run.EtaLambda0
		final := run.EtaLambda[len(run.EtaLambda)-1]
		switch {
		case c < 2:
			if run.Outcome != "monotone" || run.PeakRatio != 1 {
				t.Errorf("η·λ₀ = %g: %s with peak %g, want monotone", c, run.Outcome, run.PeakRatio)
			}
		case c < 4:
			if run.Outcome != "catapult" || run.PeakRatio < 10 || !(final < 2) || run.Loss[len(run.Loss)-1] > 1e-6*run.Loss[0] {
				t.Errorf("η·λ₀ = %g: %s, peak %g, final η·λ %g, final loss ratio %g; want a catapult (≥10×) converging below η·λ = 2",
					c, run.Outcome, run.PeakRatio, final, run.Loss[len(run.Loss)-1]/run.Loss[0])
			}
		default:
			if run.Outcome != "diverges" {
				t.Errorf("η·λ₀ = %g: %s, want divergence", c, run.Outcome)
			}
		}
	}
	if len(sharpness.CatapultEtas) != len(Catapults(0)) {
		t.Fatal("one run per η·λ₀")
	}
}
