//go:build js && wasm

// Command kernels is the compute worker of the kernels experiment, built as
// web/worker-kernels.wasm: it serves only its request kinds, so it links only
// its code (each worker module stays under its download budget).
package main

import (
	kernelsrun "github.com/overparam/overparam/compute/experiment/kernels/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(kernelsrun.RegisterJobs) }
