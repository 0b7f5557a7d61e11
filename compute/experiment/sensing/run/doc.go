// Package run computes the matrix-sensing experiment of package sensing:
// gradient descent on a factored low-rank model, XXᵀ or FGᵀ, fully
// observed or through Gaussian measurements, and the sub-gradient method
// on the ℓ1 loss under gross outliers. Each curve is one job (Point);
// Assemble joins them; Run does both, with the same bits.
//
// Conventions: matrices are row-major []float64; products go through
// compute/kernel; every other reduction sums in index order with rounded
// products, float64(a*b), so js/wasm, amd64 and arm64 give the same bits.
// Random numbers come from compute/rng's named streams: rng.Teacher for
// M*'s singular vectors, rng.Data for the measurement operator,
// rng.LabelNoise for the outliers, rng.Init for the initialisation.
//
// # References
//
//   - N. Xiong, L. Ding & S. S. Du, "How Over-Parameterization Slows Down
//     Gradient Descent in Matrix Sensing: The Curses of Symmetry and
//     Initialization", arXiv:2310.01769, 2023: the symmetric k > r rate
//     Θ(1/T), the asymmetric linear rate set by the initial imbalance
//     F₀ᵀF₀ − G₀ᵀG₀, and that changing one step of GD removes the α
//     dependence (the rebalancing step here is one such change; the
//     paper's exact step is not checked against it).
//   - J. Ma & S. Fattahi, "Global Convergence of Sub-gradient Method for
//     Robust Matrix Recovery: Small Initialization, Noisy Measurements,
//     and Over-parameterization", arXiv:2202.08788, 2022 (JMLR 2023): the
//     sub-gradient method on (1/m)‖y − 𝒜(UUᵀ)‖₁ with small initialisation
//     and geometrically decaying steps, with an over-estimated rank r′.
//   - G. H. Golub & C. F. Van Loan, Matrix Computations, 4th ed., 2013,
//     §8.5: the cyclic Jacobi eigenvalue method (eigSym).
package run
