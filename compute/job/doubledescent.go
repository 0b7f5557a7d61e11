package job

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/runner"
)

// RegisterDoubleDescent registers the doubledescent request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterDoubleDescent() { onceDoubleDescent.Do(registerDoubleDescent) }

var onceDoubleDescent sync.Once

func registerDoubleDescent() {
	RegisterSweep[experiment.DoubleDescent, experiment.DDPoint]("doubledescent",
		func(s *experiment.DoubleDescent) bool { return s.Model == "mlp" && s.Data == "digits" },
		runner.RunDoubleDescentPoint,
		func(s experiment.DoubleDescent, parts []*experiment.DDPoint) (any, error) {
			return runner.AssembleDoubleDescent(s, parts)
		},
		func(s experiment.DoubleDescent, a experiment.Assets, progress Progress) (any, error) {
			return runner.RunDoubleDescent(s, a, progress)
		})
}
