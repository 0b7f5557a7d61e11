// Package sensing is the spec of the matrix-sensing experiment: how
// over-parameterisation slows gradient descent on a factored low-rank
// model, and how the sub-gradient method recovers a low-rank matrix from
// grossly corrupted measurements. It holds the spec (Spec: tags give the
// CLI's flags, the link's keys and ranges), its defaults, Validate, Cost,
// the result types and, outside the workers' build, the presets and the
// experiment's registration. It computes nothing; package
// sensing/run runs it.
//
// # References
//
//   - N. Xiong, L. Ding & S. S. Du, "How Over-Parameterization Slows Down
//     Gradient Descent in Matrix Sensing: The Curses of Symmetry and
//     Initialization", arXiv:2310.01769, 2023.
//   - J. Ma & S. Fattahi, "Global Convergence of Sub-gradient Method for
//     Robust Matrix Recovery: Small Initialization, Noisy Measurements,
//     and Over-parameterization", arXiv:2202.08788, 2022.
package sensing
