// Package job is the message protocol between the UI and a compute worker,
// and the worker's request handler. It is pure Go so the protocol is tested
// natively; wasm/worker only moves bytes between JavaScript and Handle.
//
// A request is one JSON object (Request). The worker answers with a stream
// of messages, each a type and a JSON body:
//
//	progress  Status: phase, steps done of total, elapsed time and ETA
//	partial   Partial: training-curve points since the last message
//	result    the stage's result (for a spectrum spectrum.Trained,
//	          spectrum.ProbeResult or spectrum.Result; for a
//	          sweep its point or its assembled result); the spectrum train
//	          stage's θ comes beside it as the message's float64 data
//	          (Post), and the page passes it to the later stages as their
//	          Env.Data
//	error     Failure: a message naming what went wrong and where
//
// Every request ends with exactly one result or error. The kinds split a
// run into stages so that a pool of workers can share it. A spectrum run is
// "spectrum.train", then one "spectrum.probe" per probe vector (in
// parallel), then "spectrum.assemble"; "spectrum.run" does it all in one
// worker. The sweeps, "paths" and "doubledescent", have the kinds
// name.point (point Index: one width or model size), name.assemble (the
// points in Parts, any order) and name.run (sweep.go). The stages give the
// same bits as the one-call runs (spectrumrun.Run, pathsrun.Run,
// doubledescentrun.Run).
//
// Each experiment registers its kinds from its run package
// (compute/experiment/<name>/run/jobs.go: RegisterJobs, with RegisterRun or
// RegisterSweep, and job.Provide in its init). A worker module calls only
// its own experiment's RegisterJobs, so it links only that code;
// RegisterAll registers every provided experiment, for tests and tools.
//
// The same stages, as a Plan (plan.go), are what the CLI runs: on a pool of
// goroutines (Pool, `overparam -workers N`), or written out as JSON lines
// for a scheduler (`overparam jobs`, `job`, `assemble`; deploy/).
// RegisterSweep and RegisterRun register their experiment's plan; the
// spectrum registers its own (spectrumrun's plan.go).
//
// A probe can also be split over several workers (Request.Shards): its
// "spectrum.probe" request leads, one "spectrum.shard" request per helper
// serves partial Hessian-vector products, and the workers exchange vectors
// directly over Env.Peers. Such a probe is the same bits as the one-worker
// probe (spectrumrun.ProbeSharded).
package job
