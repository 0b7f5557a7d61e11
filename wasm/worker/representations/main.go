//go:build js && wasm

// Command representations is the compute worker of the representations
// experiments, built as web/worker-representations.wasm: it serves only
// their request kinds, so it links only their code.
package main

import (
	representationsrun "github.com/overparam/overparam/compute/experiment/representations/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(representationsrun.RegisterJobs) }
