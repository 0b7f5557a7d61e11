package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/job"
)

var once sync.Once

// RegisterJobs registers the sensing request kinds, sensing.point (one
// curve), sensing.assemble and sensing.run. A worker module registers only
// its own family's kinds, so it links only this code.
func RegisterJobs() {
	once.Do(func() {
		job.RegisterSweep[sensing.Spec, sensing.CurveResult]("sensing",
			func(*sensing.Spec) bool { return false },
			Point,
			func(s sensing.Spec, parts []*sensing.CurveResult) (any, error) { return Assemble(s, parts) },
			func(s sensing.Spec, a experiment.Assets, progress job.Progress) (any, error) {
				return Run(s, a, progress)
			})
	})
}

func init() { job.Provide(RegisterJobs) }
