package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/job"
)

var once sync.Once

// RegisterJobs registers the sharpness request kinds (a sweep: one point
// per step size, then the assembly), once however often it is called.
func RegisterJobs() {
	once.Do(func() {
		job.RegisterSweep[sharpness.Spec, sharpness.Point]("sharpness",
			func(*sharpness.Spec) bool { return false },
			RunPoint,
			func(s sharpness.Spec, parts []*sharpness.Point) (any, error) { return Assemble(s, parts) },
			func(s sharpness.Spec, a experiment.Assets, progress job.Progress) (any, error) {
				return Run(s, a, progress)
			})
	})
}

func init() { job.Provide(RegisterJobs) }
