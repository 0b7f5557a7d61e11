package job

import (
	"sync"

	"github.com/overparam/overparam/compute/experiment"
)

// Request kinds of the double-descent experiment (see registerSweep):
// "doubledescent.point" runs every repeat at size Index, one job per size;
// "doubledescent.assemble" combines Parts into the experiment.DDResult; and
// "doubledescent.run" does it all in one worker. All give the bits of
// experiment.RunDoubleDescent.
const (
	KindDoubleDescentPoint    = "doubledescent" + SuffixPoint
	KindDoubleDescentAssemble = "doubledescent" + SuffixAssemble
	KindDoubleDescentRun      = "doubledescent" + SuffixRun
)

// RegisterDoubleDescent registers the doubledescent request kinds. A worker module registers
// only the families it serves, so each module links only their code.
func RegisterDoubleDescent() { onceDoubleDescent.Do(registerDoubleDescent) }

var onceDoubleDescent sync.Once

func registerDoubleDescent() {
	registerSweep[experiment.DoubleDescent, experiment.DDPoint]("doubledescent",
		func(s *experiment.DoubleDescent) bool { return s.Model == "mlp" && s.Data == "digits" },
		experiment.RunDoubleDescentPoint,
		func(s experiment.DoubleDescent, parts []*experiment.DDPoint) (any, error) {
			return experiment.AssembleDoubleDescent(s, parts)
		},
		func(s experiment.DoubleDescent, a experiment.Assets, progress Progress) (any, error) {
			return experiment.RunDoubleDescent(s, a, progress)
		})
}
