//go:build js && wasm

// Command sensing is the compute worker of the matrix-sensing experiment,
// built as web/worker-sensing.wasm: it serves only its request kinds, so it
// links only its code (each worker module stays under its download budget).
package main

import (
	sensingrun "github.com/overparam/overparam/compute/experiment/sensing/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(sensingrun.RegisterJobs) }
