// Package run runs the paths experiment: it trains the pair of solutions,
// walks the loss along the linear path and a trained quadratic Bézier curve,
// measures the sharpness along it, and trains the mean-field networks whose
// dropout-stable paths it walks, one sweep point per width and repeat. Runs
// are deterministic: every random stream derives from the spec's seed
// (compute/rng) and all arithmetic is platform-independent (compute/kernel,
// compute/fmath), so the browser's workers and the native CLI give the same
// bits (the parity test). jobs.go registers its job kinds (RegisterJobs,
// provided to compute/job from init) for its worker module
// (wasm/worker/paths), the CLI and the tools. Import it as pathsrun; its
// spec is package compute/experiment/paths.
package run
