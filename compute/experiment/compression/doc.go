// Package compression is the spec, presets and result types of the
// compression experiment: over-parameterized networks compress well. Its
// GPFQ model quantizes trained weights with the greedy path-following rule
// of Lybrand & Saab and of Zhang, Zhou & Saab, whose relative output error
// on the data falls like m·log N₀/N₀ as a layer widens while memoryless
// rounding (MSQ) stays flat; its network panel quantizes MLPs trained on
// MNIST digits at several hidden widths, and compares their test accuracy
// with the float network's. Its sparse model trains an MLP at a fixed
// density with dynamic sparse training — SET, RigL and DST-EE's
// exploration bonus — and follows accuracy and coverage.
//
// The package computes nothing (the page's app.wasm links it): the run is
// in package compression/run.
//
// # References
//
//   - E. Lybrand and R. Saab, "A Greedy Algorithm for Quantizing Neural
//     Networks", JMLR 22(156), 2021: GPFQ for one layer, ternary alphabets,
//     Gaussian data.
//   - J. Zhang, Y. Zhou and R. Saab, "Post-training Quantization for Neural
//     Networks with Provable Guarantees", SIAM J. Math. Data Sci. 5(2), 2023
//     (arXiv:2201.11113): GPFQ with the alphabets {kδ : |k| ≤ K}, layer by
//     layer on the inputs the quantized network feeds each layer, and the
//     single-layer bound, relative square error ≲ m·log N₀/N₀.
//   - S. Huang et al., "Dynamic Sparse Training via Balancing the
//     Exploration-Exploitation Trade-off", DAC 2023 (arXiv:2211.16667);
//     U. Evci et al., "Rigging the Lottery", ICML 2020; D. C. Mocanu et
//     al., Nature Communications 9, 2018.
package compression
