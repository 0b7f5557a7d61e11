// Package run runs the doubledescent experiment: it runs one model size of
// the sweep per point (min-norm and ridge least squares, random ReLU
// features, a one-hidden-layer network, LSTD with random features) and
// assembles the medians, quartiles, theory curve and peak. Runs are
// deterministic: every random stream derives from the spec's seed
// (compute/rng) and all arithmetic is platform-independent (compute/kernel,
// compute/fmath), so the browser's workers and the native CLI give the same
// bits (the parity test). jobs.go registers its job kinds (RegisterJobs,
// provided to compute/job from init) for its worker module
// (wasm/worker/doubledescent), the CLI and the tools. Import it as
// doubledescentrun; its spec is package compute/experiment/doubledescent.
package run
