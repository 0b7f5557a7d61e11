//go:build js && wasm

// Command sharpness is the compute worker of the sharpness experiment,
// built as web/worker-sharpness.wasm: it serves only its request kinds, so
// it links only its code.
package main

import (
	sharpnessrun "github.com/overparam/overparam/compute/experiment/sharpness/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(sharpnessrun.RegisterJobs) }
