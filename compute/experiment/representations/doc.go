// Package representations is the spec of the representations experiment
// family: what a run asks for, its presets and its result types, without
// computing anything (package representations/run runs it; the page's
// app.wasm links only this package).
//
// The family looks inside over-parameterized networks with one model
// selector, Spec.Model:
//
//   - svcca: a deep ReLU MLP trained with SGD while the activations of a
//     fixed probe set are snapshotted; each layer's SVCCA similarity to its
//     own final representation shows that networks converge bottom up.
//
// # References
//
//   - M. Raghu, J. Gilmer, J. Yosinski & J. Sohl-Dickstein, "SVCCA: Singular
//     Vector Canonical Correlation Analysis for Deep Learning Dynamics and
//     Interpretability", NeurIPS 2017: §2 (SVD truncation to 99% of the
//     variance, then CCA; the similarity is the mean canonical
//     correlation), §4 ("freeze training": lower layers converge first).
//   - H. Hotelling, "Relations between two sets of variates", Biometrika
//     28(3/4), 1936: canonical correlations.
package representations
