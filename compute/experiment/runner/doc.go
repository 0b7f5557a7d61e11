// Package runner runs Overparam's experiments: it turns a valid spec of
// packages spectrum, paths and doubledescent into its result, in
// stages a pool of workers can share (Train/Probe/Assemble for a spectrum,
// Point/Assemble for the sweeps) or whole (RunSpectrum, RunPaths,
// RunDoubleDescent). Runs are deterministic: every random stream is derived
// from the spec's seed (package rng), and all arithmetic is
// platform-independent (packages kernel and fmath), so the browser's
// workers and the native CLI produce the same bits.
//
// The specs, presets and result types are the experiments' spec packages
// (compute/experiment/<name>), which compute nothing so that the page links
// them alone; this package re-exports their names (aliases.go) for its code.
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
//   - T. Garipov, P. Izmailov, D. Podoprikhin, D. Vetrov & A. G. Wilson,
//     "Loss surfaces, mode connectivity, and fast ensembling of DNNs",
//     NeurIPS 2018.
package runner
