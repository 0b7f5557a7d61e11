// Package kernels is the spec of the kernels experiment family: what a run
// asks for, its presets and its result types, without computing anything
// (package kernels/run computes them).
//
// Two models share the family. Robustness (model = robustness) measures the
// sensitivity S = √d‖∇_z f(z)‖ of the minimum-norm interpolator of
// pure-noise labels for random-features regression (p = k parameters) and
// for the neural tangent kernel of a two-layer network (p = dk), as the
// number of parameters p grows, against the universal bound √(Nd/p)
// (Bombari, Kiyani & Mondelli 2023). QNN (model = qnn) trains a classically
// simulated quantum neural network by gradient descent and follows its
// residual and tangent kernel, which leave the kernel regime because the
// circuit is unitary (You, Chakrabarti, Chen & Wu 2023).
//
// # References
//
//   - S. Bombari, S. Kiyani & M. Mondelli, "Beyond the Universal Law of
//     Robustness: Sharper Laws for Random Features and Neural Tangent
//     Kernels", ICML 2023, arXiv:2302.01629.
//   - S. Bubeck & M. Sellke, "A Universal Law of Robustness via
//     Isoperimetry", NeurIPS 2021, arXiv:2105.12806 (the bound √(Nd/p)).
//   - X. You, S. Chakrabarti, B. Chen & X. Wu, "Analyzing Convergence in
//     Quantum Neural Networks: Deviations from Neural Tangent Kernels",
//     ICML 2023, arXiv:2303.14844.
package kernels
