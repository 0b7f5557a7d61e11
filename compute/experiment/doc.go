// Package experiment defines Overparam's experiments as specs: what a run
// asks for, its presets and its result types, without computing anything.
//
// A spec is one struct with documented defaults and a Validate method. Its
// field tags (see Param) make it the single source of the CLI's flags, the
// page URL's keys and the worker's request, so the three never drift apart,
// and every value from any of them is checked in one place. Cost estimates
// a run from the spec alone (plain arithmetic, the same on every platform),
// and Validate refuses runs above MemoryLimit or OpsLimit. A result
// struct's JSON form is what the CLI prints with -json and what the worker
// sends to the page.
//
// This package is the shared core: the registry (Experiment, Register),
// the parameter tags and link reading (Param, Query, ParseQuery), the
// validation limits, the cost model (Cost and the helpers the specs' Cost
// methods share), Preset, Progress, Assets, the export Model and the shard
// protocol's types. Each experiment is its own package beside it,
// compute/experiment/<name> (spectrum, paths, doubledescent): its spec,
// presets (one list, read by the page's preset buttons, the home gallery,
// tools/mkthumbs and the CLI's -preset) and result types.
//
// This package links no numerics (no nn, spectrum, train, data or gonum):
// the browser's page, app.wasm, imports it and the experiments' spec
// packages to read links, validate, estimate and draw, and stays small.
// Each experiment's run package (compute/experiment/<name>/run) runs its
// spec and serves its job kinds; the few
// constants of the numerics packages that validation states (the data
// generators' limits, the outlier rule's, the Lanczos memory) are repeated
// here, and a test in compute/experiment/spectrum/run checks that they
// agree.
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
