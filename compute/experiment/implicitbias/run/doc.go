// Package run runs the implicit-bias experiments of package implicitbias:
// the numerics (normalized gradient descent on one-layer attention, the
// Frobenius and nuclear-norm attention SVMs solved without a QP library, a
// one-sided Jacobi SVD; the quadratic network on modular addition, Adam
// and its Fourier statistics; the SSM's gradient descent, its closed forms
// and an FFT) and the sweep over points (Point, Assemble, Run).
//
// Conventions: matrices are d×d, row-major []float64. Every sum runs in
// index order; products that feed a sum are rounded, float64(a*b), so no
// platform fuses them; exp and log come from compute/fmath. The results are
// the same bits natively and in js/wasm (the parity test).
//
// # References
//
//   - D. A. Tarzanagh, Y. Li, C. Thrampoulidis & S. Oymak, "Transformers as
//     Support Vector Machines", arXiv:2308.16898, 2023: the model (§2, eq. 1),
//     the Att-SVM (eq. Att-SVM), its nuclear-norm twin for W = KQᵀ
//     (Theorem 3), and the recipe of their code, umich-sota/TF-as-SVM
//     (local_converge.ipynb).
//   - C. Hildreth, "A quadratic programming procedure", Naval Research
//     Logistics Quarterly 4, 1957: dual coordinate ascent for the
//     Frobenius SVM.
//   - S. Boyd et al., "Distributed Optimization and Statistical Learning via
//     the Alternating Direction Method of Multipliers", 2011, §3.1.1 (scaled
//     ADMM) and J.-F. Cai, E. Candès & Z. Shen, "A singular value
//     thresholding algorithm for matrix completion", 2010 (the proximal map
//     of the nuclear norm).
//   - Y. Tian, "Composing Global Optimizers to Reasoning Tasks via Algebraic
//     Objects in Neural Nets", arXiv:2410.01779, 2024, and its code,
//     facebookresearch/luckmatters ssl/real-dataset/cogo
//     (modular_addition_simple2.py, analyze_util.py).
//   - J. Smékal et al., "Towards a theory of learning dynamics in deep state
//     space models", arXiv:2407.07279, 2024; A. M. Saxe, J. L. McClelland &
//     S. Ganguli, "Exact solutions to the nonlinear dynamics of learning in
//     deep linear neural networks", 2014 (the logistic solution); R. N.
//     Parnichkun et al., "State-Free Inference of State-Space Models: The
//     Transfer Function Approach", 2024.
//   - D. P. Kingma & J. Ba, "Adam: A Method for Stochastic Optimization",
//     2015, Algorithm 1.
//   - J. Demmel & K. Veselić, "Jacobi's method is more accurate than QR",
//     SIAM J. Matrix Anal. Appl. 13, 1992: the one-sided Jacobi SVD.
package run
