// Package train fits network parameters by full-batch gradient descent or
// minibatch stochastic gradient descent with heavy-ball momentum.
//
// The objective minimised is the mean training loss plus (λ/2)‖θ‖² weight
// decay. Full-batch GD is SGD with Batch = 0. Each epoch visits the training
// samples in an order drawn from the experiment's Batches stream, so a seed
// fixes the whole trajectory. Training stops after Epochs epochs, when the
// full-batch gradient norm falls to GradTol, when the progress callback asks
// it to, or with a *DivergedError naming the step once the loss or the
// gradient is NaN or infinite.
//
// # References
//
//   - B. T. Polyak, "Some methods of speeding up the convergence of iteration
//     methods", USSR Comput. Math. Math. Phys. 4(5), 1964: heavy-ball
//     momentum, here in PyTorch's form v ← μv + g, θ ← θ − ηv.
//   - L. Sagun, L. Bottou & Y. LeCun, "Eigenvalues of the Hessian in deep
//     learning", arXiv:1611.07476, 2016: full-batch GD at η = 0.1 until
//     ‖g‖ ≤ 1e-4, the spectrum page's default.
package train
