// Package run computes the sharpness experiment (package sharpness holds
// its spec): full-batch training of an MLP on two spirals with the top
// Hessian eigenvalues of the training loss tracked by warm-started Lanczos,
// for gradient descent, momentum, SAM, SAF and MESA, each against its
// stability edge, with an optional gradient-flow reference (a small-step
// run read against η·t); the catapult toy; and the layer-wise rescaling that
// changes the sharpness of a ReLU network without changing its function.
//
// Conventions: the MSE loss is ½·mean‖f − y‖² on one-hot targets, as in
// Cohen et al.'s code; eigenvalues are measured on θ_t before the update of
// step t; every reduction runs in a fixed order (package kernel and
// package nn), so a point gives the same bits natively and in js/wasm.
//
// # References
//
//   - J. Cohen, S. Kaur, Y. Li, J. Z. Kolter & A. Talwalkar, "Gradient
//     descent on neural networks typically occurs at the edge of
//     stability", ICLR 2021 (arXiv:2103.00065): progressive sharpening and
//     the 2/η edge; the momentum edges 2(1+β)/η and (2+2β)/((1+2β)η) (their
//     appendix, exact on quadratics).
//   - P. Foret, A. Kleiner, H. Mobahi & B. Neyshabur, "Sharpness-aware
//     minimization for efficiently improving generalization", ICLR 2021:
//     SAM, ε = ρ∇L/‖∇L‖, and m-sharpness (§4.1).
//   - A. Agarwala & Y. Dauphin, "SAM operates far from home: eigenvalue
//     regularization as a dynamical phenomenon", ICML 2023: the
//     unnormalised-SAM edge (√(1+8ρ/η) − 1)/(2ρ).
//   - P. M. Long & P. L. Bartlett, "Sharpness-aware minimization and the
//     edge of stability", arXiv:2309.12488: the SAM edge
//     (‖g‖/2ρ)(√(1+8ρ/(η‖g‖)) − 1).
//   - J. Du, D. Zhou, J. Feng, V. Tan & J. T. Zhou, "Sharpness-aware
//     training for free", NeurIPS 2022 (arXiv:2205.14083): SAF's
//     trajectory loss and MESA's EMA teacher; here in a full-batch form
//     with the lag counted in steps and a squared-error penalty (MSE) or
//     their τ²·KL of tempered softmax outputs (cross-entropy).
//   - S. S. Du, W. Hu & J. D. Lee, "Algorithmic regularization in learning
//     deep homogeneous models: layers are automatically balanced",
//     NeurIPS 2018: gradient flow conserves u² − v² in f = uv (the
//     balancing test beside the catapult's).
//   - A. Lewkowycz, Y. Bahri, E. Dyer, J. Sohl-Dickstein & G. Gur-Ari, "The
//     large learning rate phase of deep learning: the catapult mechanism",
//     arXiv:2003.02218: the two-layer linear toy and its recursions.
//   - L. Dinh, R. Pascanu, S. Bengio & Y. Bengio, "Sharp minima can
//     generalize for deep nets", ICML 2017: the α-rescaling of ReLU layers.
package run
