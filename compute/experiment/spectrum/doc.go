// Package spectrum is the Hessian-spectrum experiment's spec: what a run
// asks for (Spec, Default, Validate, Cost), its presets and its result
// types (Result, Trained, ProbeResult), and the outlier rule it states. It
// computes nothing, so the page's app.wasm links it; package
// compute/experiment/spectrum/run runs it.
//
// # References
//
//   - L. Sagun, L. Bottou & Y. LeCun, "Eigenvalues of the Hessian in deep
//     learning: singularity and beyond", arXiv:1611.07476, 2016.
//   - L. Sagun, U. Evci, V. U. Güney, Y. Dauphin & L. Bottou, "Empirical
//     analysis of the Hessian of over-parametrized neural networks",
//     arXiv:1706.04454, 2017.
//   - B. Ghorbani, S. Krishnan & Y. Xiao, "An investigation into neural net
//     optimization via Hessian eigenvalue density", ICML 2019.
package spectrum
