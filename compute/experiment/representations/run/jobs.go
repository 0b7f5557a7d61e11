package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/job"
)

var once sync.Once

// RegisterJobs registers the representations request kinds (a sweep:
// .point, .assemble and .run), once however often it is called.
func RegisterJobs() {
	once.Do(func() {
		job.RegisterSweep[representations.Spec, representations.Point](representations.Name,
			func(s *representations.Spec) bool { return s.Data == "digits" },
			Point,
			func(s representations.Spec, parts []*representations.Point) (any, error) { return Assemble(s, parts) },
			func(s representations.Spec, a experiment.Assets, progress job.Progress) (any, error) {
				return Run(s, a, progress)
			})
	})
}

func init() { job.Provide(RegisterJobs) }
