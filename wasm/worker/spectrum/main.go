//go:build js && wasm

// Command spectrum is the compute worker of the spectrum experiments, built as
// web/worker-spectrum.wasm: it serves only their request kinds, so it links only
// their code (each worker module stays under its download budget).
package main

import (
	spectrumrun "github.com/overparam/overparam/compute/experiment/spectrum/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(spectrumrun.RegisterJobs) }
