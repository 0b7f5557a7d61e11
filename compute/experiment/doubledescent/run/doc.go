// Package run serves the doubledescent experiment's job kinds (jobs.go: RegisterJobs,
// provided to compute/job from init) for its worker module
// (wasm/worker/doubledescent), the CLI and the tools. Import it as doubledescentrun. The run
// code itself is in compute/experiment/runner for now.
package run
