// Package run runs the representations experiment family
// (compute/experiment/representations): the numerics of SVCCA, the
// training whose representations it compares, and the sweep points and
// their assembly that the CLI and the browser's workers call.
//
// # SVCCA, as computed here
//
// A representation is an N×p matrix of one layer's activations on N probe
// points. Each is centered (column means removed). Its SVD truncation keeps
// the fewest top singular directions whose squared singular values sum to
// at least the fraction v of the total (Spec.Variance; directions with
// eigenvalue at most RankTol times the largest are never kept), found from
// the eigenvectors of the p×p Gram matrix XᵀX by cyclic Jacobi; the kept
// directions' scores XV_k are orthonormalised by two passes of modified
// Gram–Schmidt into an N×k basis Q. The canonical correlations of two
// representations are the singular values of Q_xᵀQ_y (Björck & Golub
// 1973), the square roots of the eigenvalues of the smaller of
// (Q_xᵀQ_y)ᵀ(Q_xᵀQ_y) and its transpose, descending. The SVCCA similarity
// is their plain mean over all min(k_x, k_y) of them — not google/svcca's
// default, which drops the trailing correlations making up the last 2% of
// Σρ. A representation with no variance (every unit dead) correlates with
// nothing: its similarity is 0.
//
// Every reduction sums in a fixed order (ascending index) with rounded
// products, so the numbers are the same bits natively and in js/wasm; no
// gonum decomposition is used (its LAPACK paths fuse multiply-adds on
// arm64).
//
// # References
//
//   - M. Raghu, J. Gilmer, J. Yosinski & J. Sohl-Dickstein, "SVCCA", NeurIPS
//     2017, §2 and §4.
//   - Å. Björck & G. H. Golub, "Numerical methods for computing angles
//     between linear subspaces", Math. Comp. 27(123), 1973: canonical
//     correlations as the singular values of Q_xᵀQ_y.
//   - G. H. Golub & C. F. Van Loan, "Matrix Computations", 4th ed., §8.5
//     (the cyclic Jacobi method) and §5.2.8 (modified Gram–Schmidt).
//   - T. W. Anderson, "An Introduction to Multivariate Statistical
//     Analysis", 3rd ed., §12: the null distribution of canonical
//     correlations, E Σρ² = pq/(N−1) for independent Gaussian rows.
package run
