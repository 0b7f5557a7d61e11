// Package nn implements fully connected networks with exact first- and
// second-order derivatives of their training loss.
//
// # Networks and parameters
//
// An Arch with Sizes [d, h₁, …, h_{L−1}, c] has L affine layers
// z_l = W_l a_{l−1} + b_l, hidden activations a_l = σ(z_l) and a linear output
// f = s·z_L, where s is OutScale (1 by default; 1/N gives the mean-field
// two-layer network f = (1/N) Σᵢ aᵢ σ(wᵢᵀx)). All parameters live in one flat
// float64 vector θ, layer by layer: W_1 (h₁×d, row-major: W_l[o][i] at
// offset o·in + i), then b_1 (h₁), then W_2, b_2, …, W_L, b_L. With NoBias the
// b_l are absent. Arch.Layer returns views of W_l and b_l inside θ.
//
// # Losses
//
// A dataset is scored by the sum of per-sample losses times a scale, by
// default 1/n, so that the loss is the mean over samples:
//
//	cross-entropy  ℓ(f, y) = −log softmax(f)_y = log Σ_j e^{f_j} − f_y
//	squared error  ℓ(f, y) = ½‖f − y‖²
//
// Because every quantity (loss, gradient, Hessian-vector product) is a scaled
// sum over samples, the values over disjoint subsets of samples, each with the
// full set's scale, add up to the value over the whole set. This is what lets
// a product be spread over several workers. Weight decay is not part of the
// loss here; package train adds it.
//
// # Second order
//
// Hessian-vector products use Pearlmutter's R-operator: a forward pass of
// directional derivatives R{·} = d/dε (·)(θ + εv) at ε = 0, then a backward
// pass of their adjoints. The forward pass and the backpropagated errors at θ
// do not depend on v, so the Hessian operator caches them once and each
// product costs about two gradients' worth of matrix products. The
// Gauss-Newton product Jᵀ H_f J v drops the terms that involve the network's
// own curvature (σ″ and the cross terms through v). For ReLU σ″ = 0 almost
// everywhere, and σ'(0) is taken as 0.
//
// # Determinism
//
// All arithmetic goes through package kernel and package fmath, whose results
// are the same bits in native builds and in js/wasm.
//
// # References
//
//   - B. A. Pearlmutter, "Fast exact multiplication by the Hessian", Neural
//     Computation 6(1), 1994: the R-operator, eqs. (3)–(6).
//   - N. N. Schraudolph, "Fast curvature matrix-vector products for
//     second-order gradient descent", Neural Computation 14(7), 2002: the
//     Gauss-Newton product Jᵀ H_f J v.
//   - K. He et al., "Delving deep into rectifiers", ICCV 2015, and PyTorch's
//     nn.Linear for the default initialisation U(−1/√in, 1/√in).
//   - S. Mei, A. Montanari & P.-M. Nguyen, "A mean field view of the landscape
//     of two-layer neural networks", PNAS 2018: the 1/N output scaling.
package nn
