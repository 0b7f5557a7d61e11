// Package paths is the paths experiment's spec: the loss along paths
// between two trained networks, and the dropout stability of mean-field
// networks by width (Spec, Default, Validate, Cost), its presets and its
// result types (Result, Point). It computes nothing, so the page's app.wasm
// links it; package compute/experiment/paths/run runs it.
//
// # References
//
//   - L. Sagun, U. Evci, V. U. Güney, Y. Dauphin & L. Bottou, "Empirical
//     analysis of the Hessian of over-parametrized neural networks",
//     arXiv:1706.04454, 2017.
//   - A. Shevchenko & M. Mondelli, "Landscape connectivity and dropout
//     stability of SGD solutions for over-parameterized neural networks",
//     ICML 2020.
//   - T. Garipov, P. Izmailov, D. Podoprikhin, D. Vetrov & A. G. Wilson,
//     "Loss surfaces, mode connectivity, and fast ensembling of DNNs",
//     NeurIPS 2018.
package paths
