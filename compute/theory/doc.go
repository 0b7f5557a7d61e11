// Package theory holds closed-form risk curves of double descent: the exact
// finite-sample and asymptotic risk of minimum-norm least squares, the
// asymptotic risk of ridge regression at a given and at the optimal penalty,
// both for isotropic Gaussian features (Hastie et al. 2019), and the
// ridgeless risk of random ReLU features regression (Mei & Montanari 2019).
// The experiments overlay them on their Monte Carlo curves.
//
// # Conventions
//
//   - Risks are excess risks in the units of the response squared: R =
//     E(f(x) − f̂(x))² over a fresh input x, without the noise σ² that a test
//     MSE adds on top.
//   - Aspect ratios are real numbers: γ = p/n for linear regression, ψ₁ =
//     N/d and ψ₂ = n/d for random features.
//   - A risk whose mean is infinite (min-norm least squares at p ∈ {n−1, n,
//     n+1}; any ridgeless risk at the interpolation threshold γ = 1 or ψ₁ =
//     ψ₂) is returned as +Inf, never NaN. Callers that print JSON omit it.
//   - Arguments out of their domain (a negative variance, γ ≤ 0) are a
//     programmer's mistake and panic with a message starting "theory: ".
//   - Everything is arithmetic and math.Sqrt, correctly rounded by IEEE 754,
//     so values are the same bits natively and in js/wasm.
//
// # The Marchenko–Pastur law
//
// For X ∈ ℝ^{n×p} with i.i.d. N(0, 1) entries and p/n → γ, the spectrum of
// XᵀX/n tends to the Marchenko–Pastur law F_γ: density
// √((b−s)(s−a))/(2πγs) on [a, b] = [(1−√γ)², (1+√γ)²] plus an atom 1 − 1/γ
// at 0 when γ > 1. Its Stieltjes transform m(z) = ∫ dF_γ(s)/(s − z) solves
// γz m² − (1 − γ − z) m + 1 = 0, so at z = −λ < 0
//
//	m(−λ) = [√((1−γ+λ)² + 4γλ) − (1−γ+λ)] / (2γλ),
//	m′(z) = (γm² + m) / ((1−γ−z) − 2γzm).
//
// # References
//
//   - T. Hastie, A. Montanari, S. Rosset & R. J. Tibshirani, "Surprises in
//     high-dimensional ridgeless least squares interpolation", Annals of
//     Statistics 50(2), 2022 (arXiv:1903.08560, 2019): the asymptotic risk of
//     min-norm least squares with isotropic features, and of ridge regression
//     through m, with its optimal penalty λ* = σ²γ/r².
//   - M. Belkin, D. Hsu & J. Xu, "Two models of double descent for weak
//     features", SIAM J. Math. Data Sci. 2(4), 2020: the exact finite-n means
//     for a Gaussian design, from the inverse-Wishart moment
//     E (XᵀX)⁻¹ = I/(n−p−1).
//   - V. A. Marchenko & L. A. Pastur, "Distribution of eigenvalues for some
//     sets of random matrices", Math. USSR-Sbornik 1(4), 1967.
//   - S. Mei & A. Montanari, "The generalization error of random features
//     regression: precise asymptotics and the double descent curve",
//     Comm. Pure Appl. Math. 75(4), 2022 (arXiv:1908.05355, 2019): the
//     ridgeless limit λ → 0⁺ of their main theorem, R = F₁² E₁/E₀ + τ² E₂/E₀
//     for ReLU features and a linear target, with
//     μ₁ = 1/2, μ*² = 1/4 − 1/(2π), ζ = μ₁/μ*.
package theory
