// Package run serves the paths experiment's job kinds (jobs.go: RegisterJobs,
// provided to compute/job from init) for its worker module
// (wasm/worker/paths), the CLI and the tools. Import it as pathsrun. The run
// code itself is in compute/experiment/runner for now.
package run
