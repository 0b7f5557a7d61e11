package job

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Every registered experiment is served: after RegisterAll, its kind
// <name>.run (which tools/mkthumbs and the one-worker runs use) has a
// handler. Truth: the registry, experiment.Experiments.
func TestEveryRegisteredExperimentHasItsRunKind(t *testing.T) {
	RegisterAll()
	if len(experiment.Experiments()) == 0 {
		t.Fatal("no experiment is registered")
	}
	for _, e := range experiment.Experiments() {
		if _, ok := handlers[e.Name+SuffixRun]; !ok {
			t.Errorf("experiment %s is registered, but no handler serves %s%s: register its kinds in RegisterAll", e.Name, e.Name, SuffixRun)
		}
	}
}
