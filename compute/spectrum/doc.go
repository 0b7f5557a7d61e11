// Package spectrum computes eigenvalues and spectral densities of large
// symmetric operators — Hessians and Gauss-Newton matrices of neural networks,
// seen only through matrix-vector products — and the statistics the
// Hessian-spectrum page shows: the top and bottom eigenvalues with residuals,
// the density of the bulk, the trace, and the count of outliers above the
// bulk.
//
// # Conventions
//
//   - Everything depends only on Operator: Dim() and MulVecTo(dst, x), dst =
//     A·x for a symmetric A. Sym, a dense symmetric matrix, is one.
//   - Eigenvalues are in the units of the operator. Slices of eigenvalues are
//     ascending unless a name says otherwise (Top is descending).
//   - Lanczos uses full reorthogonalization in float64: classical
//     Gram–Schmidt against every previous Lanczos vector, applied twice per
//     step. It stores all m basis vectors, m·n·8 bytes (LanczosBytes), which
//     a MemoryBudget bounds; NewLanczos refuses a run over budget before
//     allocating.
//   - Iterative work is stepped by the caller (reverse communication):
//     Lanczos.Vector gives the vector to multiply and Lanczos.Step takes the
//     product, so a caller can report progress and cancel between operator
//     products. The Run/Estimate helpers drive it with a progress callback
//     func(done, total int) bool; returning false cancels with an error
//     wrapping ErrCanceled. Nothing here starts goroutines or timers.
//   - Settings structs treat zero fields as documented defaults: 80 Lanczos
//     steps, 10 probes, a 512-point grid, a Gaussian kernel of variance
//     10⁻⁵·range², a 512 MiB budget.
//   - Randomness comes from compute/rng's Probes stream. SLQ and Hutchinson
//     probe i depends only on (seed, i), so probes can run on separate Web
//     Workers in any order and combine to the same bits.
//   - Results are bit-for-bit the same natively (amd64, arm64) and in
//     js/wasm: the vector kernels, Sym.MulVecTo, the Householder reduction of
//     DenseEigenvalues and the implicit QR iteration on tridiagonal matrices
//     (our own: gonum's dsteqr fuses multiply-adds on arm64) are plain Go
//     with a fixed summation order and every product rounded, and
//     exponentials come from compute/fmath.
//   - A programmer's mistake (a length mismatch) panics with a message
//     starting "spectrum: ". A problem of the data or the run is returned as
//     an error wrapping ErrSettings, ErrMemory, ErrCanceled, ErrNotFinite or
//     ErrNoConvergence, with the step, probe or size in the message.
//
// # Methods
//
// Lanczos (Lanczos 1950) builds an orthonormal basis Q_m of the Krylov space
// span{q₁, Aq₁, …, A^{m−1}q₁} in which T_m = Q_mᵀ A Q_m is tridiagonal. The
// eigenvalues θ_i of T_m (Ritz values) approximate the extreme eigenvalues of
// A first; |β_m s_{m,i}| is the residual norm of the Ritz pair and bounds the
// distance from θ_i to the spectrum of A. In floating point, plain Lanczos
// loses orthogonality as Ritz values converge (Paige 1972) and then produces
// spurious copies ("ghosts") of converged eigenvalues; full
// reorthogonalization (Parlett 1998, ch. 13) prevents that at a cost of 4jn
// flops at step j.
//
// Stochastic Lanczos quadrature (SLQ) estimates the spectral density
// (1/n) Σ_j δ(λ − λ_j): for a unit probe v, the measure Σ_j (vᵀu_j)² δ_{λ_j}
// is approximated by the m-point Gauss quadrature rule Σ_i τ_i² δ_{θ_i}, with
// τ_i the first component of the i-th eigenvector of T_m (Golub & Meurant
// 2010), averaged over n_v random probes (Ubaru, Chen & Saad 2017) and
// smoothed by a Gaussian kernel, as in Ghorbani, Krishnan & Xiao (2019) and
// PyHessian (Yao et al. 2020):
//
//	φ(λ) = (1/n_v) Σ_probes Σ_i τ_i² N(λ; θ_i, σ²).
//
// Its Wasserstein-1 error is analysed by Chen, Trogdon & Ubaru (2021).
// Hutchinson's estimator tr A ≈ (1/p) Σ_k v_kᵀ A v_k with Rademacher v_k
// (Hutchinson 1989) gives the trace; FindOutliers counts the converged top
// Ritz values above the bulk edge, a gap in the SLQ measure measured from the
// top of the bulk.
//
// # References
//
//   - C. Lanczos (1950). An iteration method for the solution of the
//     eigenvalue problem of linear differential and integral operators.
//     J. Res. Nat. Bur. Standards 45(4), 255–282.
//   - C. C. Paige (1972). Computational variants of the Lanczos method for
//     the eigenproblem. IMA J. Appl. Math. 10(3), 373–381.
//   - B. N. Parlett (1998). The Symmetric Eigenvalue Problem. SIAM Classics
//     in Applied Mathematics 20. (§4.5 residual bounds, §6.9 "twice is
//     enough", ch. 13 Lanczos in practice.)
//   - E. Anderson et al. (1999). LAPACK Users' Guide, 3rd ed. SIAM.
//     (dsyev, dsytd2, dlarfg: DenseEigenvalues.)
//   - G. H. Golub & C. F. Van Loan (2013). Matrix Computations, 4th ed.
//     Johns Hopkins University Press. (Alg. 8.3.1, Householder
//     tridiagonalization; Alg. 8.3.2 and §8.3.5, the implicit symmetric QR
//     step with Wilkinson's shift of tridiagEigen; §8.3 their backward
//     stability.)
//   - G. H. Golub & G. Meurant (2010). Matrices, Moments and Quadrature with
//     Applications. Princeton University Press. (Ch. 6–7: Lanczos and Gauss
//     quadrature.)
//   - S. Ubaru, J. Chen & Y. Saad (2017). Fast estimation of tr(f(A)) via
//     stochastic Lanczos quadrature. SIAM J. Matrix Anal. Appl. 38(4),
//     1075–1099.
//   - B. Ghorbani, S. Krishnan & Y. Xiao (2019). An investigation into neural
//     net optimization via Hessian eigenvalue density. ICML.
//   - Z. Yao, A. Gholami, K. Keutzer & M. W. Mahoney (2020). PyHessian:
//     Neural networks through the lens of the Hessian. IEEE BigData.
//   - M. F. Hutchinson (1989). A stochastic estimator of the trace of the
//     influence matrix for Laplacian smoothing splines. Commun. Stat. Simul.
//     Comput. 18(3), 1059–1076.
//   - H. Avron & S. Toledo (2011). Randomized algorithms for estimating the
//     trace of an implicit symmetric positive semi-definite matrix. J. ACM
//     58(2), 8. (Variance of Hutchinson's estimator.)
//   - T. Chen, T. Trogdon & S. Ubaru (2021). Analysis of stochastic Lanczos
//     quadrature for spectrum approximation. ICML.
//   - G. L. Steele, D. Lea & C. H. Flood (2014). Fast splittable
//     pseudorandom number generators. OOPSLA. (SplitMix64, for probe seeds.)
//   - L. Sagun, U. Evci, V. U. Güney, Y. Dauphin & L. Bottou (2017).
//     Empirical analysis of the Hessian of over-parametrized neural networks.
//     arXiv:1706.04454. (Bulk and outliers.)
//   - V. Papyan (2020). Traces of class/cross-class structure pervade deep
//     learning spectra. JMLR 21(252). (C − 1 class outliers from the
//     Gauss-Newton class means.)
//   - T. Kato (1949). On the upper and lower bounds of eigenvalues. J. Phys.
//     Soc. Japan 4, 334–339. (Kato–Temple bound: Converged.)
package spectrum
