//go:build js && wasm

// Command doubledescent is the compute worker of the doubledescent experiments, built as
// web/worker-doubledescent.wasm: it serves only their request kinds, so it links only
// their code (each worker module stays under its download budget).
package main

import (
	doubledescentrun "github.com/overparam/overparam/compute/experiment/doubledescent/run"
	"github.com/overparam/overparam/wasm/worker/serve"
)

func main() { serve.Main(doubledescentrun.RegisterJobs) }
