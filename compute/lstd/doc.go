// Package lstd evaluates a policy's value function by regularised
// least-squares temporal differences (LSTD) with random features, on a
// random finite Markov reward process (MRP), and scores the fit by its mean
// squared Bellman error (MSBE): the setting in which Brellmann et al. (2024)
// show double descent in reinforcement learning.
//
// # Conventions
//
//   - An MRP has S states, a row-stochastic S×S transition matrix P
//     (row-major), mean rewards r̄ and a discount γ ∈ [0, 1). Each state s
//     has an embedding e_s ∈ ℝᵈ.
//   - Random features are φ(s) = σ(W e_s/√d)/√N with W ∈ ℝ^{N×d} standard
//     Gaussian and σ = ReLU, stored as the S×N matrix Φ whose row s is φ(s).
//   - A trajectory holds n transitions (s_i, r_i, s′_i) with s′_i = s_{i+1}.
//     The visited states are the m distinct s_i, in ascending order.
//   - LSTD with penalty λ ≥ 0 returns θ = (A + λI)⁻¹ b with
//     A = (1/n) Σ φ(s_i)(φ(s_i) − γφ(s′_i))ᵀ and b = (1/n) Σ φ(s_i) r_i.
//     Grouping transitions by their start state gives A = Φ_mᵀ M and
//     b = Φ_mᵀ ρ, where Φ_m holds the m visited rows of Φ, row s of M is
//     (c_s φ(s) − γ Σ_{i: s_i = s} φ(s′_i))/n with c_s the visits of s, and
//     ρ_s = (1/n) Σ_{i: s_i = s} r_i. For N ≤ m Solve solves the N×N system;
//     for N > m it solves (MΦ_mᵀ + λI) α = ρ and returns θ = Φ_mᵀ α, which
//     satisfies (A + λI)θ = b as well (multiply by Φ_mᵀ) and is the λ → 0⁺
//     limit when λ = 0. Either way the cost is min(N, m)³ plus the products.
//   - The true MSBE of θ is Σ_s d_s (r̄_s + γ(PV)_s − V_s)² with V = Φθ and d
//     the stationary distribution of P; the empirical MSBE is the same on the
//     visited states of the empirical MRP, weighted by visit frequency, with
//     the observed mean rewards and next-state values. LSTD with λ → 0 and
//     N ≥ m interpolates: its empirical MSBE is 0. With every state visited
//     it converges to the true MSBE as n → ∞, whereas the mean squared
//     one-step TD error (1/n) Σ (r_i + γV(s′_i) − V(s_i))² would keep the
//     reward noise and the variance of V(s′) given s (the double-sampling
//     bias, Sutton & Barto 2018, §11.5); closedform_test.go checks both.
//   - Randomness comes from the *rand.Rand a caller passes, drawn from a
//     compute/rng stream; draws use rng.Normal and Float64 only, so the same
//     stream gives the same bits natively and in js/wasm. Products go
//     through package kernel, solves through package lstsq.
//
// # References
//
//   - S. J. Bradtke & A. G. Barto, "Linear least-squares algorithms for
//     temporal difference learning", Machine Learning 22, 1996: LSTD.
//   - D. Brellmann, E. Berthier, D. Filliat & G. Frehse, "On double descent
//     in reinforcement learning with LSTD and random features", ICLR 2024:
//     regularised LSTD with φ(s) = σ(Ws)/√N, the true and empirical MSBE, and
//     the peak at N ≈ m that a larger λ or visiting every state removes.
//   - R. S. Sutton & A. G. Barto, "Reinforcement Learning: An Introduction",
//     2nd ed., MIT Press, 2018, §11.4: the mean squared Bellman error.
package lstd
