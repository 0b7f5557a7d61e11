package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

// RegisterJobs registers the compression request kinds (compression.point,
// compression.assemble, compression.run), once however often it is called.
// The worker module calls it, so it links only this experiment's code.
func RegisterJobs() {
	once.Do(func() {
		job.RegisterSweep[Spec, Point]("compression",
			func(*Spec) bool { return true },
			RunPoint,
			func(s Spec, parts []*Point) (any, error) { return Assemble(s, parts) },
			func(s Spec, a experiment.Assets, progress job.Progress) (any, error) { return Run(s, a, progress) })
	})
}

var once sync.Once

func init() { job.Provide(RegisterJobs) }
