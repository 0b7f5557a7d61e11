// Package run serves the spectrum experiment's job kinds (jobs.go: RegisterJobs,
// provided to compute/job from init) for its worker module
// (wasm/worker/spectrum), the CLI and the tools. Import it as spectrumrun. The run
// code itself is in compute/experiment/runner for now.
package run
