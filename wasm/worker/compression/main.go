//go:build js && wasm

// Command compression is the compute worker of the compression experiment,
// built as web/worker-compression.wasm: it serves only its request kinds,
// so it links only its code (each worker module stays under its download
// budget).
package main

import (
	compressionrun "github.com/overparam/overparam/compute/experiment/compression/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(compressionrun.RegisterJobs) }
