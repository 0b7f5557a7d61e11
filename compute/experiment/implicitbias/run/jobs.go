package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/implicitbias"
	"github.com/overparam/overparam/compute/job"
)

// RegisterJobs registers the implicitbias request kinds (a sweep: point,
// assemble and run), once however often it is called. A worker module
// registers only its own experiment's kinds, so it links only its code.
func RegisterJobs() { once.Do(register) }

var once sync.Once

func register() {
	job.RegisterSweep[implicitbias.Spec, implicitbias.Point]("implicitbias", func(*implicitbias.Spec) bool { return false },
		Point,
		func(s implicitbias.Spec, parts []*implicitbias.Point) (any, error) { return Assemble(s, parts) },
		func(s implicitbias.Spec, a experiment.Assets, progress job.Progress) (any, error) {
			return Run(s, a, progress)
		})
}

func init() { job.Provide(RegisterJobs) }
