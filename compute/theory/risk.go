package theory

import "math"

// MinNormRisk returns the exact mean excess risk E‖β̂ − β‖² of the
// minimum-norm least-squares estimate β̂ = X⁺y from n samples with p
// isotropic Gaussian features, x ~ N(0, I_p), y = xᵀβ + ε, ‖β‖² = r2 and
// Var ε = sigma2 (Belkin, Hsu & Xu 2020):
//
//	p ≤ n−2:  σ² p/(n−p−1)
//	p ≥ n+2:  r²(1 − n/p) + σ² n/(p−n−1)
//
// For p ∈ {n−1, n, n+1} the mean is infinite when σ² > 0 and MinNormRisk
// returns +Inf; with σ² = 0 it is r²(1 − n/p)₊. It panics if n or p is below
// 1 or a variance is negative.
func MinNormRisk(n, p int, r2, sigma2 float64) float64 {
	if n < 1 || p < 1 {
		panic("theory: MinNormRisk needs n, p ≥ 1")
	}
	checkVariances(r2, sigma2)
	fn, fp := float64(n), float64(p)
	bias := 0.0
	if p > n {
		bias = r2 * (1 - fn/fp)
	}
	switch {
	case sigma2 == 0:
		return bias
	case p <= n-2:
		return sigma2 * fp / (fn - fp - 1)
	case p >= n+2:
		return bias + sigma2*fn/(fp-fn-1)
	}
	return math.Inf(1)
}

// MinNormAsymptotic returns the limit of MinNormRisk as n, p → ∞ with
// p/n → γ (Hastie et al. 2019):
//
//	γ < 1:  σ² γ/(1−γ)
//	γ > 1:  r²(1 − 1/γ) + σ²/(γ−1)
//
// and +Inf at γ = 1 when σ² > 0. It panics if γ ≤ 0 or a variance is
// negative.
func MinNormAsymptotic(gamma, r2, sigma2 float64) float64 {
	checkGamma(gamma)
	checkVariances(r2, sigma2)
	bias := 0.0
	if gamma > 1 {
		bias = r2 * (1 - 1/gamma)
	}
	switch {
	case sigma2 == 0:
		return bias
	case gamma < 1:
		return sigma2 * gamma / (1 - gamma)
	case gamma > 1:
		return bias + sigma2/(gamma-1)
	}
	return math.Inf(1)
}

// MP returns the Stieltjes transform m(−λ) = ∫ dF_γ(s)/(s + λ) of the
// Marchenko–Pastur law with ratio γ and its derivative m′(−λ) =
// ∫ dF_γ(s)/(s + λ)², both at the negative real point z = −λ (see the
// package documentation). It panics unless γ > 0 and λ > 0.
func MP(gamma, lambda float64) (m, dm float64) {
	checkGamma(gamma)
	if !(lambda > 0) || math.IsInf(lambda, 1) {
		panic("theory: MP needs a finite λ > 0")
	}
	a := 1 - gamma + lambda // 1 − γ − z at z = −λ
	d := math.Sqrt(float64(a*a) + float64(4*gamma*lambda))
	if a >= 0 {
		m = 2 / (d + a) // (d − a)/(2γλ) without the cancellation
	} else {
		m = (d - a) / (2 * gamma * lambda)
	}
	// Differentiating γz m² − (1−γ−z) m + 1 = 0 in z.
	dm = (float64(gamma*m*m) + m) / (a + float64(2*gamma*lambda*m))
	return m, dm
}

// RidgeAsymptotic returns the limiting excess risk of ridge regression
// β̂ = (XᵀX + nλI)⁻¹Xᵀy with isotropic features, p/n → γ, ‖β‖² = r2 and
// noise variance sigma2 (Hastie et al. 2019):
//
//	R(λ) = r² λ² m′(−λ) + σ² γ [m(−λ) − λ m′(−λ)].
//
// λ = 0 gives MinNormAsymptotic. It panics unless γ > 0 and λ ≥ 0 is finite,
// or if a variance is negative.
func RidgeAsymptotic(gamma, lambda, r2, sigma2 float64) float64 {
	checkVariances(r2, sigma2)
	if lambda == 0 {
		return MinNormAsymptotic(gamma, r2, sigma2)
	}
	m, dm := MP(gamma, lambda)
	return float64(r2*lambda*lambda*dm) + float64(sigma2*gamma*(m-float64(lambda*dm)))
}

// OptimalLambda returns the penalty λ* = σ²γ/r² that minimises
// RidgeAsymptotic (Hastie et al. 2019), +Inf when r² = 0.
func OptimalLambda(gamma, r2, sigma2 float64) float64 {
	checkGamma(gamma)
	checkVariances(r2, sigma2)
	if r2 == 0 {
		return math.Inf(1)
	}
	return sigma2 * gamma / r2
}

// OptimalRidgeAsymptotic returns the limiting excess risk of ridge
// regression at λ* = OptimalLambda, R* = σ² γ m(−λ*), which increases with
// γ: optimally tuned ridge shows no double descent. With σ² = 0 it is the
// limit r²(1 − 1/γ)₊; with r² = 0 it is 0 (λ* = ∞, β̂ = 0).
func OptimalRidgeAsymptotic(gamma, r2, sigma2 float64) float64 {
	lambda := OptimalLambda(gamma, r2, sigma2)
	switch {
	case r2 == 0:
		return 0
	case sigma2 == 0:
		return MinNormAsymptotic(gamma, r2, 0)
	}
	m, _ := MP(gamma, lambda)
	return sigma2 * gamma * m
}

func checkGamma(gamma float64) {
	if !(gamma > 0) || math.IsInf(gamma, 1) {
		panic("theory: the aspect ratio must be finite and > 0")
	}
}

func checkVariances(r2, sigma2 float64) {
	if !(r2 >= 0 && sigma2 >= 0) || math.IsInf(r2, 1) || math.IsInf(sigma2, 1) {
		panic("theory: signal and noise variances must be finite and ≥ 0")
	}
}

// ReLU constants of Mei & Montanari (2019) for σ(u) = max(u, 0) and
// u ~ N(0, 1): μ₁ = E[u σ(u)] = 1/2 and μ*² = E σ² − μ₀² − μ₁² =
// 1/2 − 1/(2π) − 1/4, so that ζ = μ₁/μ* measures how linear the feature
// map is.
const (
	ReLUMu1    = 0.5
	ReLUMuStar = 0.30140513749454345 // √(1/4 − 1/(2π))
	ReLUZeta   = ReLUMu1 / ReLUMuStar
)

// RandomFeaturesRisk returns the ridgeless (λ → 0⁺) excess test risk of
// random ReLU features regression in the limit d → ∞ with N/d → ψ₁ features
// and n/d → ψ₂ samples, for a linear target ⟨β, x⟩ with ‖β‖² = f1sq and
// noise variance tau2 (Mei & Montanari 2019). It is
// RandomFeaturesRiskZeta with ζ = ReLUZeta.
func RandomFeaturesRisk(psi1, psi2, f1sq, tau2 float64) float64 {
	return RandomFeaturesRiskZeta(psi1, psi2, ReLUZeta, f1sq, tau2)
}

// RandomFeaturesRiskZeta returns R = F₁² E₁/E₀ + τ² E₂/E₀ for an activation
// with ζ = μ₁/μ*, where, with ψ = min(ψ₁, ψ₂), a = ψζ² − ζ² − 1 and
// χ = −[a + √(a² + 4ζ²ψ)]/(2ζ²),
//
//	E₀ = −χ⁵ζ⁶ + 3χ⁴ζ⁴ + (ψ₁ψ₂ − ψ₂ − ψ₁ + 1)χ³ζ⁶ − 2χ³ζ⁴ − 3χ³ζ²
//	     + (ψ₁ + ψ₂ − 3ψ₁ψ₂ + 1)χ²ζ⁴ + 2χ²ζ² + χ² + 3ψ₁ψ₂χζ² − ψ₁ψ₂
//	E₁ = ψ₂χ³ζ⁴ − ψ₂χ²ζ² + ψ₁ψ₂χζ² − ψ₁ψ₂
//	E₂ = χ⁵ζ⁶ − 3χ⁴ζ⁴ + (ψ₁ − 1)χ³ζ⁶ + 2χ³ζ⁴ + 3χ³ζ² − (ψ₁ + 1)χ²ζ⁴
//	     − 2χ²ζ² − χ²
//
// E₀ vanishes at the interpolation threshold ψ₁ = ψ₂, where it returns +Inf:
// the nonlinear part of the features acts as noise, so even τ² = 0 gives a
// pole. It panics unless ψ₁, ψ₂, ζ > 0 and the variances are ≥ 0.
func RandomFeaturesRiskZeta(psi1, psi2, zeta, f1sq, tau2 float64) float64 {
	checkGamma(psi1)
	checkGamma(psi2)
	checkGamma(zeta)
	checkVariances(f1sq, tau2)
	if psi1 == psi2 {
		return math.Inf(1)
	}
	psi := min(psi1, psi2)
	z2 := float64(zeta * zeta)
	z4, z6 := float64(z2*z2), float64(z2*z2*z2)
	a := float64(psi*z2) - z2 - 1
	chi := -(a + math.Sqrt(float64(a*a)+float64(4*z2*psi))) / (2 * z2)
	c2 := float64(chi * chi)
	c3, c4 := float64(c2*chi), float64(c2*c2)
	c5 := float64(c4 * chi)
	pp := float64(psi1 * psi2)
	e0 := float64(-c5*z6) + float64(3*c4*z4) + float64((pp-psi2-psi1+1)*c3*z6) - float64(2*c3*z4) - float64(3*c3*z2) +
		float64((psi1+psi2-float64(3*pp)+1)*c2*z4) + float64(2*c2*z2) + c2 + float64(3*pp*chi*z2) - pp
	e1 := float64(psi2*c3*z4) - float64(psi2*c2*z2) + float64(pp*chi*z2) - pp
	e2 := float64(c5*z6) - float64(3*c4*z4) + float64((psi1-1)*c3*z6) + float64(2*c3*z4) + float64(3*c3*z2) - float64((psi1+1)*c2*z4) - float64(2*c2*z2) - c2
	return f1sq*e1/e0 + tau2*e2/e0
}
