//go:build js && wasm

// Command paths is the compute worker of the paths experiments, built as
// web/worker-paths.wasm: it serves only their request kinds, so it links only
// their code (each worker module stays under its download budget).
package main

import (
	pathsrun "github.com/overparam/overparam/compute/experiment/paths/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(pathsrun.RegisterJobs) }
