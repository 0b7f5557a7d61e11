package job

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
)

// Request kinds of the paths experiment (see registerSweep): "paths.point"
// runs point Index — 0 the pair of solutions and their linear path, then
// one per mean-field width and repeat — "paths.assemble" combines Parts,
// and "paths.run" does it all in one worker. All give the bits of
// experiment.RunPaths.
const (
	KindPathsPoint    = "paths" + SuffixPoint
	KindPathsAssemble = "paths" + SuffixAssemble
	KindPathsRun      = "paths" + SuffixRun
)

// RegisterPaths registers the paths request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterPaths() { oncePaths.Do(registerPaths) }

var oncePaths sync.Once

func registerPaths() {
	registerSweep[experiment.Paths, experiment.PathsPoint]("paths",
		func(s *experiment.Paths) bool { return s.Data == "digits" },
		experiment.RunPathsPoint,
		func(s experiment.Paths, parts []*experiment.PathsPoint) (any, error) {
			return experiment.AssemblePaths(s, parts)
		},
		func(s experiment.Paths, a experiment.Assets, progress Progress) (any, error) {
			return experiment.RunPaths(s, a, progress)
		})
}
