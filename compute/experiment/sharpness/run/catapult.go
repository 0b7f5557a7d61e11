package run

import (
	"math"

	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/rng"
)

// Catapults runs the catapult toy at every η·λ₀ of sharpness.CatapultEtas
// from one draw of u, v (stream rng.Sweep of seed).
func Catapults(seed uint64) []sharpness.Catapult {
	m := sharpness.CatapultWidth
	u, v := make([]float64, m), make([]float64, m)
	r := rng.New(seed, rng.Sweep)
	rng.NormalVec(r, u)
	rng.NormalVec(r, v)
	out := make([]sharpness.Catapult, len(sharpness.CatapultEtas))
	for i, c := range sharpness.CatapultEtas {
		out[i] = Catapult(u, v, c, sharpness.CatapultSteps)
	}
	return out
}

// Catapult runs gradient descent for steps steps on the two-layer linear
// network f = vᵀu/√m with one input x = 1 and target y = 0, L = f²/2
// (Lewkowycz et al. 2020, §2), at η = etaLambda0/λ₀ with λ = (‖u‖² + ‖v‖²)/m
// the tangent kernel, from copies of u and v. Its exact recursions are
//
//	f' = f(1 − ηλ + η²f²/m),   λ' = λ + ηf²(ηλ − 4)/m.
//
// The run stops early, "diverges", once L exceeds 10¹² L₀ or is NaN.
func Catapult(u0, v0 []float64, etaLambda0 float64, steps int) sharpness.Catapult {
	u, v := append([]float64(nil), u0...), append([]float64(nil), v0...)
	m := float64(len(u))
	sm := math.Sqrt(m)
	f, lam := uvState(u, v)
	eta := etaLambda0 / lam
	res := sharpness.Catapult{EtaLambda0: etaLambda0, Outcome: "monotone"}
	l0 := 0.5 * f * f
	res.Loss, res.EtaLambda = []float64{l0}, []float64{eta * lam}
	res.PeakRatio = 1
	for t := 1; t <= steps; t++ {
		g := eta * f / sm
		for i := range u {
			u[i], v[i] = u[i]-float64(g*v[i]), v[i]-float64(g*u[i]) // ∂L/∂u = f v/√m, ∂L/∂v = f u/√m
		}
		f, lam = uvState(u, v)
		l := 0.5 * f * f
		res.Loss, res.EtaLambda = append(res.Loss, l), append(res.EtaLambda, eta*lam)
		if l/l0 > res.PeakRatio {
			res.PeakRatio, res.PeakStep, res.Outcome = l/l0, t, "catapult" // the loss rose above L₀
		}
		if math.IsNaN(l) || l > 1e12*l0 {
			res.Outcome = "diverges"
			break
		}
	}
	return res
}

// uvState returns f = vᵀu/√m and λ = (‖u‖² + ‖v‖²)/m.
func uvState(u, v []float64) (f, lam float64) {
	var uv, ss float64
	for i := range u {
		uv += float64(u[i] * v[i])
		ss += float64(u[i]*u[i]) + float64(v[i]*v[i])
	}
	m := float64(len(u))
	return uv / math.Sqrt(m), ss / m
}
