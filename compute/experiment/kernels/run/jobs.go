package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	"github.com/overparam/overparam/compute/job"
)

var once sync.Once

// RegisterJobs registers the kernels request kinds: kernels.point (one
// curve at one width, or one γ at one depth), kernels.assemble and
// kernels.run. A worker module calls it alone, so it links only this
// experiment's code.
func RegisterJobs() {
	once.Do(func() {
		job.RegisterSweep[kernels.Spec, kernels.Point]("kernels",
			func(*kernels.Spec) bool { return false },
			Point,
			func(s kernels.Spec, parts []*kernels.Point) (any, error) { return Assemble(s, parts) },
			func(s kernels.Spec, a experiment.Assets, progress job.Progress) (any, error) {
				return Run(s, a, progress)
			})
	})
}

func init() { job.Provide(RegisterJobs) }
