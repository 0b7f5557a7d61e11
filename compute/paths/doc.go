// Package paths builds paths in parameter space between two trained
// networks, and the dropout operations on two-layer mean-field networks that
// Shevchenko & Mondelli's piecewise-linear path is made of. It only moves
// parameter vectors; package nn evaluates the loss along the way.
//
// # Paths
//
// A path is a curve α ↦ θ(α) with θ(0) = θ_A and θ(1) = θ_B. The linear path
// (Goodfellow et al. 2015; Sagun et al. 2017, §4) is
//
//	θ(α) = (1 − α)·θ_A + α·θ_B,
//
// computed in that form so that α = 0 and α = 1 give θ_A and θ_B exactly, bit
// for bit, and the losses at the ends of a path are the endpoints' own. It
// may be extended beyond [0, 1]. A Polygon is a piecewise-linear path through
// K vertices, with vertex k at α = k/(K−1) and each segment linear in α.
//
// The barrier of a path (Barrier) is the largest loss on α ∈ [0, 1] minus
// the larger of the two endpoint losses:
//
//	B = max_{α∈[0,1]} L(θ(α)) − max(L(θ_A), L(θ_B)) ≥ 0.
//
// # Mean-field networks and dropout
//
// A two-layer mean-field network with N neurons (MeanField) computes
//
//	f(x) = (1/N) Σᵢ aᵢ σ(wᵢᵀx),
//
// an nn.Arch with Sizes [d, N, 1], OutScale 1/N and no biases, so that its θ
// is W (N×d, row-major: wᵢ is row i) followed by a = (a₁ … a_N). Keeping a
// set A of M neurons (Shevchenko & Mondelli 2020) replaces 1/N by 1/M:
//
//	f_A(x) = (1/M) Σ_{i∈A} aᵢ σ(wᵢᵀx),
//
// which is the N-neuron network with aᵢ → (N/M)·aᵢ for i ∈ A and aᵢ → 0
// otherwise (KeepTo), or the M-neuron network of the kept neurons
// (Subnetwork). Half-dropout keeps A = {1 … h}, h = N/2, and so doubles the
// kept output weights. A network is ε_D-dropout stable if L(θ_A) − L(θ) ≤ ε_D;
// for SGD-trained mean-field networks their bound on ε_D shrinks as M grows
// and does not involve N: the loss change depends on M, not on N. For the
// squared loss and A drawn at random, E_A[L(θ_A) − L(θ)] is about
// σ²(1/M − 1/N)/2, with σ² the variance of aᵢσ(wᵢᵀx) over the neurons,
// averaged over x: the sampling variance of a mean of M of N terms.
//
// # The piecewise-linear path
//
// In the proof of their connectivity result, Shevchenko & Mondelli (2020)
// connect θ = (w, a) to θ′ = (w′, a′) through their half-dropout networks in
// five linear segments (Piecewise), with ≤h the neurons 1 … h and >h the
// rest:
//
//  1. a → (2a_{≤h}, 0): to the half-dropout network of θ on its first half;
//  2. w_{>h} → w′_{>h}: the loss is constant, those neurons' aᵢ are 0;
//  3. (2a_{≤h}, 0) → (0, 2a′_{>h}): to the half-dropout network of θ′ on its
//     second half;
//  4. w_{≤h} → w′_{≤h}: constant again;
//  5. (0, 2a′_{>h}) → a′.
//
// On segments 1, 3 and 5 only output weights move, so the network output is
// the convex combination of the segment's end outputs, and for a loss convex
// in the output (squared error, cross-entropy) the loss stays below the
// larger end loss. The barrier of the path is therefore at most
//
//	max(L(θ_A) − L(θ), L(θ′_B) − L(θ′), 0),
//
// the worse half-dropout loss change, which vanishes as N grows, whereas
// the linear path between two networks trained from different seeds keeps a
// barrier, since their neurons are not aligned.
//
// # Trained curves
//
// Garipov et al. (2018) instead train a curve between two minima (Bezier):
// the quadratic Bézier curve θ(t) = (1−t)²θ_A + 2t(1−t)θ_C + t²θ_B, whose
// control point θ_C minimises the loss averaged along it,
// E_{t∼U[0,1]} L(θ(t)), by SGD with one random t per step.
//
// # Conventions
//
// Parameter vectors are flat float64 slices in nn's layout. Functions
// writing a vector take the destination first and end in To. A length or
// architecture mismatch is a programmer's error and panics with a message
// starting "paths: ". Everything is plain arithmetic in a fixed order, so
// results are the same bits natively and in js/wasm.
//
// # References
//
//   - I. J. Goodfellow, O. Vinyals & A. M. Saxe, "Qualitatively
//     characterizing neural network optimization problems", ICLR 2015: the
//     linear path θ(α) = (1−α)θ_A + αθ_B.
//   - L. Sagun, U. Evci, V. U. Güney, Y. Dauphin & L. Bottou, "Empirical
//     analysis of the Hessian of over-parametrized neural networks",
//     arXiv:1706.04454, 2017, §4: small- and large-batch solutions from one
//     initialisation are joined by a linear path without a barrier.
//   - A. Shevchenko & M. Mondelli, "Landscape connectivity and dropout
//     stability of SGD solutions for over-parameterized neural networks",
//     ICML 2020: dropout stability, and connectivity through the
//     piecewise-linear path.
//   - T. Garipov, P. Izmailov, D. Podoprikhin, D. Vetrov & A. G. Wilson,
//     "Loss surfaces, mode connectivity, and fast ensembling of DNNs",
//     NeurIPS 2018, §3: curves trained between minima.
//   - S. Mei, A. Montanari & P.-M. Nguyen, "A mean field view of the
//     landscape of two-layer neural networks", PNAS 2018: the 1/N scaling.
package paths
