package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/job"

	"github.com/overparam/overparam/compute/experiment"
)

func init() { job.Provide(RegisterJobs) }

// RegisterJobs registers the double-descent request kinds: point, assemble
// and the one-worker run. A worker module calls it alone
// (wasm/worker/doubledescent), so that it links only this experiment's code.
func RegisterJobs() { once.Do(registerJobs) }

var once sync.Once

func registerJobs() {
	job.RegisterSweep[doubledescent.Spec, doubledescent.Point]("doubledescent",
		func(s *doubledescent.Spec) bool { return s.Model == "mlp" && s.Data == "digits" },
		Point,
		func(s doubledescent.Spec, parts []*doubledescent.Point) (any, error) {
			return Assemble(s, parts)
		},
		func(s doubledescent.Spec, a experiment.Assets, progress job.Progress) (any, error) {
			return Run(s, a, progress)
		})
}
