// Package lstsq solves the dense linear systems of least-squares fits: ridge
// regression and its ridgeless limit, the minimum-norm least-squares
// solution, through a Cholesky factorisation of the Gram matrix of the
// smaller side; and general square systems, such as those of least-squares
// temporal differences, by Gaussian elimination with partial pivoting.
//
// # Conventions
//
//   - Matrices are row-major float64 slices without padding, as in package
//     kernel: an n×p matrix X has element (i, j) at X[i*p+j].
//   - Ridge with penalty μ returns β̂ = (XᵀX + μI)⁻¹Xᵀy. For p ≤ n it
//     factors the p×p matrix XᵀX + μI; for p > n it uses the push-through
//     identity β̂ = Xᵀ(XXᵀ + μI)⁻¹y and factors the n×n matrix, so a fit
//     costs n·p·min(n, p) multiply-adds for the Gram matrix (computed once
//     for all penalties) plus min(n, p)³/3 per penalty. At μ = 0 this is the
//     minimum-norm least-squares solution X⁺y whenever X has full rank
//     (Golub & Van Loan 2013, §5.3 and §5.6).
//   - Normal equations square the condition number of X. That is harmless
//     here: the experiments' Gaussian designs have condition numbers of a
//     few times min(n, p) even at p = n, and a failure is reported, never
//     hidden.
//   - A problem of the data (a matrix that is not positive definite, a zero
//     pivot) is returned as an error wrapping ErrSingular, naming the
//     column. A shape mismatch panics with a message starting "lstsq: ".
//   - Products go through kernel.MulTo; factorisations and triangular solves
//     are plain Go loops with a fixed order of operations and no fused
//     multiply-add, so results are the same bits natively and in js/wasm.
//
// # References
//
//   - G. H. Golub & C. F. Van Loan, "Matrix Computations", 4th ed., Johns
//     Hopkins, 2013: §4.2 (the Cholesky factorisation, here row by row),
//     §3.4 (Gaussian elimination with partial pivoting), §5.3 and §5.6
//     (normal equations, and the minimum-norm solution of an
//     underdetermined system).
//   - A. E. Hoerl & R. W. Kennard, "Ridge regression: biased estimation for
//     nonorthogonal problems", Technometrics 12(1), 1970.
package lstsq
