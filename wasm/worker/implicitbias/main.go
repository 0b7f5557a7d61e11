//go:build js && wasm

// Command implicitbias is the compute worker of the implicit-bias
// experiments, built as web/worker-implicitbias.wasm: it serves only their
// request kinds, so it links only their code (each worker module stays
// under its download budget).
package main

import (
	implicitbiasrun "github.com/overparam/overparam/compute/experiment/implicitbias/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(implicitbiasrun.RegisterJobs) }
