// Package run is the numerics and the run of the compression experiment
// (import it as compressionrun): GPFQ, the greedy path-following
// quantizer, and memoryless rounding (MSQ) on a single Gaussian layer and
// layer by layer on MLPs trained on MNIST digits; and dynamic sparse
// training (SET, RigL, DST-EE) of an MLP on index-list sparse layers; with
// the job kinds that fan a run out over the browser's workers (GPFQ: one
// point for the law, one per width and repeat; sparse: one per method).
//
// # GPFQ
//
// A neuron w ∈ ℝ^{N₀} with data X ∈ ℝ^{m×N₀} (columns X_t) is quantized in
// the order t = 1 … N₀ with u₀ = 0:
//
//	q_t = Q(⟨X̃_t, u_{t−1} + w_t X_t⟩ / ‖X̃_t‖²)
//	u_t = u_{t−1} + w_t X_t − q_t X̃_t
//
// (Lybrand & Saab 2021, Section 2; Zhang, Zhou & Saab 2023, Section 2, where
// X̃ holds the inputs that the already-quantized layers feed the layer and
// X those of the float network; X̃ = X for the first layer). So
// u_t = Σ_{s≤t} (w_s X_s − q_s X̃_s) and u_{N₀} = Xw − X̃q. A column with
// ‖X̃_t‖ = 0 gets q_t = 0, as in the authors' code. Writing
// v = u_{t−1} + w_t X_t = P⊥v + c X̃_t with c the argument of Q, the update
// splits into orthogonal parts,
//
//	‖u_t‖² = ‖P⊥_{X̃_t} u_{t−1}‖² + (c − q_t)² ‖X̃_t‖²   (X̃ = X),
//
// and (c − q_t)² ≤ δ²/4 while c is inside the alphabet's range: the error
// cannot grow by more than δ²‖X_t‖²/4 a step, and shrinks by its component
// along X_t, which is why it stays bounded while rounding's grows like
// √N₀ (Lybrand & Saab 2021, Section 3).
//
// Q rounds to the alphabet {kδ : |k| ≤ K}, K = 2^(b−1) for b bits, with
// Q(x) = clamp(⌊x/δ + ½⌋, −K, K)·δ: the nearest level, ties towards +∞,
// clipped to ±Kδ (the authors' code, src/step_algorithm.py, _msq). The
// step is δ = C·median|w|/K over the layer's weights, C the spec's scale.
//
// # Dynamic sparse training
//
// A fixed fraction of each layer's weights is active; SGD updates only
// them (SparseNet's passes run over per-row index lists). Every ΔT steps
// while t < T_end = 0.75·T, each layer drops its round(α_t·A) active
// weights of smallest |w|, α_t = α/2·(1 + cos(πt/T_end)) (Evci et al.
// 2020, Section 3), and grows as many among all inactive weights,
// just-dropped ones included: at random with fresh initial values (SET),
// by the largest |∂L/∂w| of the dense gradient on the step's batch with
// new weights 0 (RigL), or by |∂L/∂w| + c·bonus(t, N) with N the update
// rounds the weight was active in (DST-EE; the bonus is pluggable:
// c·ln t/(N + 1) or UCB1's c·√(ln t/(N + 1))). The paper's acquisition
// function is unverified: the copies of arXiv:2211.16667 searched on
// 2026-12-04 (its arXiv abstract page, v1–v3, and the deepai, emergentmind,
// tomesphere and paperswithcode pages, the last listing no code) hold only
// the abstract, which names "an acquisition function" of exploitation and
// coverage exploration without a formula. The form ln t/(N + ε) is from
// memory; ε = 1 keeps a never-active weight's bonus finite, c·ln t, so
// that c weighs it against |∂L/∂w|. Coverage is the fraction of weights
// ever active.
//
// The sparse passes run over the nonzero inputs of each sample and, for
// each, the active weights of that input (column lists); a skipped term
// w·0 changes no bit of a sum that starts at +0 (see SparseNet).
//
// # Same bits everywhere
//
// Every inner product sums in index order with rounded products
// (s += float64(a*b)), so no platform fuses them; logarithms come from
// fmath. Random draws come from rng streams in the order documented on
// each function.
//
// # References
//
//   - E. Lybrand and R. Saab, "A Greedy Algorithm for Quantizing Neural
//     Networks", JMLR 22(156), 2021.
//   - J. Zhang, Y. Zhou and R. Saab, "Post-training Quantization for Neural
//     Networks with Provable Guarantees", SIAM J. Math. Data Sci. 5(2), 2023,
//     arXiv:2201.11113, and its code,
//     github.com/YixuanSeanZhou/Quantized_Neural_Nets.
//   - D. C. Mocanu et al., "Scalable training of artificial neural networks
//     with adaptive sparse connectivity inspired by network science",
//     Nature Communications 9, 2018 (SET).
//   - U. Evci, T. Gale, J. Menick, P. S. Castro and E. Elsen, "Rigging the
//     Lottery: Making All Tickets Winners", ICML 2020 (RigL).
//   - S. Huang, B. Lei, D. Xu, H. Peng, Y. Sun, M. Xie and C. Ding, "Dynamic
//     Sparse Training via Balancing the Exploration-Exploitation
//     Trade-off", DAC 2023, arXiv:2211.16667 (DST-EE).
package run
