// Package app is Overparam's browser UI: go-app components, the pages, URL
// state and the run orchestration that sends jobs to the compute workers.
// It renders state and sends requests; every number it shows comes from
// compute, through a worker (app/pool) or, in tests, a fake.
//
// Conventions (after go-app's own site): one component per kebab-case
// file; state changes happen on the UI goroutine through ctx.Dispatch; a
// run's state changes through the pure RunState.Apply, tested natively.
package app
