// Package experiment defines Overparam's experiments as specs and runs them.
//
// A spec is one struct with documented defaults and a Validate method. Its
// field tags (see Param) make it the single source of the CLI's flags, the
// page URL's keys and the worker's request, so the three never drift apart,
// and every value from any of them is checked in one place. A Run function
// turns a valid spec into a result struct whose JSON form is what the CLI
// prints with -json and what the worker sends to the page. Runs are
// deterministic: every random stream is derived from the spec's seed (package
// rng), and all arithmetic is platform-independent (packages kernel and
// fmath), so the browser and the native CLI produce the same bits.
//
// Each experiment's presets (Preset: id, title, claim, citation, link query
// and thumbnail name) are one list beside its spec — SpectrumPresets,
// PathsPresets, DoubleDescentPresets — read by the page's preset buttons,
// the home gallery, tools/mkthumbs and the CLI's doubledescent -preset.
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
package experiment
