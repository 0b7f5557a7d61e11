package run

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/job"

	"github.com/overparam/overparam/compute/experiment"
)

func init() { job.Provide(RegisterJobs) }

// RegisterJobs registers the paths request kinds: point, assemble and the
// one-worker run. A worker module calls it alone (wasm/worker/paths), so
// that it links only this experiment's code.
func RegisterJobs() { once.Do(registerJobs) }

var once sync.Once

func registerJobs() {
	job.RegisterSweep[paths.Spec, paths.Point]("paths",
		func(s *paths.Spec) bool { return s.Data == "digits" },
		Point,
		func(s paths.Spec, parts []*paths.Point) (any, error) {
			return Assemble(s, parts)
		},
		func(s paths.Spec, a experiment.Assets, progress job.Progress) (any, error) {
			return Run(s, a, progress)
		})
}
