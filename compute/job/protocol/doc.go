// Package protocol holds the messages between the page and a compute
// worker: a job's Request, and the progress, partial, result and error
// messages a worker posts back, with every experiment's request kinds. It
// computes nothing, so the page (app.wasm) builds and reads these messages
// without linking the runs; package job, which the workers link, handles
// them.
package protocol
