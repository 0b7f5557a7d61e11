package run

import (
	"math"

	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/fmath"
)

// Edge returns the stability edge of the optimizer of s at step size eta:
// the largest curvature a of a quadratic ½a·x² (along the top eigenvector,
// with the Gauss-Newton matrix equal to the Hessian for SAF and MESA) on
// which the linearised update does not diverge. gnorm is ‖∇L‖, which only
// the normalised SAM edge depends on.
//
//	gd         2/η
//	heavyball  2(1+β)/η
//	nesterov   (2+2β)/((1+2β)η)
//	usam       (√(1+8ρ/η) − 1)/(2ρ)            x' = x − ηa(1+ρa)x
//	sam        (‖g‖/2ρ)(√(1+8ρ/(η‖g‖)) − 1)    the same with ρ/‖g‖ for ρ
//	saf        SAFEdge(η, λκ, lag)
//	mesa       2/(η(1+λκ))                      the EMA teacher as β → 1
//
// with κ = 1 for the squared-error penalty. Edge is PenaltyEdge with κ = 1.
func Edge(s *sharpness.Spec, eta, gnorm float64) float64 { return PenaltyEdge(s, eta, gnorm, 1) }

// PenaltyEdge is Edge with the SAF or MESA penalty's curvature along the top
// eigenvector u₁ of the loss's Hessian H equal to λκ times the loss's,
// κ = uᵀG_pu/(λ·uᵀHu): on ½a·x² the penalty then adds ηλκa(x − x_ref) to the
// step, which is the squared-error analysis with λκ for λ. For the
// squared-error penalty G_p = λ·(the loss's Gauss-Newton matrix) and κ = 1
// where that is H. For the KL penalty (λτ²/n)Σ KL(softmax(r/τ) ‖ softmax(f/τ))
// the Hessian in the outputs at f = r is (λ/n)(diag(p_τ) − p_τp_τᵀ),
// p_τ = softmax(f/τ), so κ measures how much flatter the tempered softmax is
// than the loss's (klCurvature).
func PenaltyEdge(s *sharpness.Spec, eta, gnorm, kappa float64) float64 {
	b := s.Momentum
	switch s.Optimizer {
	case "heavyball":
		return 2 * (1 + b) / eta
	case "nesterov":
		return (2 + 2*b) / ((1 + 2*b) * eta)
	case "usam":
		return usamEdge(eta, s.Rho)
	case "sam":
		if !(gnorm > 0) {
			return 0
		}
		return usamEdge(eta, s.Rho/gnorm)
	case "saf":
		return SAFEdge(eta, float64(s.Lambda*kappa), s.Lag)
	case "mesa":
		return 2 / (eta * (1 + float64(s.Lambda*kappa)))
	}
	return 2 / eta
}

// usamEdge is the positive root a of ηa(1 + ρa) = 2.
func usamEdge(eta, rho float64) float64 {
	return (math.Sqrt(1+8*rho/eta) - 1) / (2 * rho)
}

// SAFEdge returns the stability edge of full-batch SAF with a squared-error
// penalty of weight lam on the outputs of lag steps ago: on ½a·x² the update
// is x' = x − ηa·x − ηλa·(x − x_{t−E}), whose characteristic polynomial is
//
//	z^{E+1} − (1 − A(1+λ)) z^E − Aλ,   A = ηa.
//
// For small A every root is inside the unit circle; the edge is the least A
// at which a root z = e^{iω} reaches it. Dividing by z^E gives
// e^{iω} − c − Aλe^{−iEω} = 0, c = 1 − A(1+λ), whose real part fixes
// A(ω) = (1 − cos ω)/(1 + λ − λ cos Eω) and whose imaginary part requires
// h(ω) = sin ω + A(ω)λ sin Eω = 0. ω = π always solves it (A = 2/(1+2λ) for
// odd E, the period-2 mode); the other roots of h on (0, π) are found by a
// scan of 4096 intervals and bisection. The edge is the least A/η.
func SAFEdge(eta, lam float64, lag int) float64 {
	e := float64(lag)
	A := func(w float64) float64 {
		return (1 - fmath.Cos(w)) / (1 + lam - float64(lam*fmath.Cos(e*w)))
	}
	h := func(w float64) float64 { return fmath.Sin(w) + float64(float64(A(w)*lam)*fmath.Sin(e*w)) }
	best := A(math.Pi)
	const grid = 4096
	prevW := math.Pi / grid
	prevH := h(prevW)
	for k := 2; k <= grid; k++ {
		w := math.Pi * float64(k) / grid
		hw := h(w)
		if k < grid && (prevH == 0 || (prevH < 0) != (hw < 0)) {
			lo, hi, hlo := prevW, w, prevH
			for range 60 {
				mid := 0.5 * (lo + hi)
				hm := h(mid)
				if (hm < 0) == (hlo < 0) {
					lo, hlo = mid, hm
				} else {
					hi = mid
				}
			}
			if a := A(0.5 * (lo + hi)); a > 0 {
				best = min(best, a)
			}
		}
		prevW, prevH = w, hw
	}
	return best / eta
}
