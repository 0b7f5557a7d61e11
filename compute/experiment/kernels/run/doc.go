// Package run computes the kernels experiment (package kernels holds its
// spec): the sensitivity of random-features and NTK interpolators of noise
// (robust.go), and a statevector quantum neural network trained with
// adjoint gradients (qnn.go), as sweep points (Point) that Assemble joins.
//
// Every reduction has one order, written in the code; products are
// rounded before they are added (no fused multiply-add); the transcendental
// functions are package fmath's and the random streams package rng's, so a
// link gives the same bits in the browser and the CLI.
//
// # References
//
//   - S. Bombari, S. Kiyani & M. Mondelli, "Beyond the Universal Law of
//     Robustness: Sharper Laws for Random Features and Neural Tangent
//     Kernels", ICML 2023, arXiv:2302.01629: the kernel form of the
//     interpolators and the input gradients (§5).
//   - X. You, S. Chakrabarti, B. Chen & X. Wu, "Analyzing Convergence in
//     Quantum Neural Networks: Deviations from Neural Tangent Kernels",
//     ICML 2023, arXiv:2303.14844: the circuit and the measurement scale γ.
//   - T. Jones & J. Gacon, "Efficient calculation of gradients in classical
//     simulations of variational quantum algorithms", arXiv:2009.02823,
//     2020: the adjoint method.
//   - M. Schuld, V. Bergholm, C. Gogolin, J. Izaac & N. Killoran,
//     "Evaluating analytic gradients on quantum hardware", Phys. Rev. A 99,
//     032331, 2019: the parameter-shift rule the tests check against.
package run
