// Package run runs the spectrum experiment: it trains a network, runs its
// Lanczos probes (whole or split over workers by sample blocks, shard.go)
// and assembles the Hessian spectrum: the top eigenvalues, the SLQ density,
// the outliers and the dense reference. Runs are deterministic: every random
// stream derives from the spec's seed (compute/rng) and all arithmetic is
// platform-independent (compute/kernel, compute/fmath), so the browser's
// workers and the native CLI give the same bits (the parity test). jobs.go
// registers its job kinds (RegisterJobs, provided to compute/job from init)
// for its worker module (wasm/worker/spectrum), the CLI and the tools.
// Import it as spectrumrun; its spec is package compute/experiment/spectrum.
package run
