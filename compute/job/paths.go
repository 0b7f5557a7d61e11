package job

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/runner"
)

// RegisterPaths registers the paths request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterPaths() { oncePaths.Do(registerPaths) }

var oncePaths sync.Once

func registerPaths() {
	RegisterSweep[experiment.Paths, experiment.PathsPoint]("paths",
		func(s *experiment.Paths) bool { return s.Data == "digits" },
		runner.RunPathsPoint,
		func(s experiment.Paths, parts []*experiment.PathsPoint) (any, error) {
			return runner.AssemblePaths(s, parts)
		},
		func(s experiment.Paths, a experiment.Assets, progress Progress) (any, error) {
			return runner.RunPaths(s, a, progress)
		})
}
