package job_test

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	_ "github.com/overparam/overparam/compute/experiment/all"      // every experiment
	_ "github.com/overparam/overparam/compute/experiment/all/runs" // every run package
	"github.com/overparam/overparam/compute/job"
)

// Every registered experiment is served: after RegisterAll, its kind
// <name>.run (which tools/mkthumbs and the one-worker runs use) has a
// handler. Truth: the registry, experiment.Experiments.
func TestEveryRegisteredExperimentHasItsRunKind(t *testing.T) {
	job.RegisterAll()
	if len(experiment.Experiments()) == 0 {
		t.Fatal("no experiment is registered")
	}
	for _, e := range experiment.Experiments() {
		if !job.Serves(e.Name + job.SuffixRun) {
			t.Errorf("experiment %s is registered, but no handler serves %s%s: call job.Provide(RegisterJobs) from its run package's init, and run make generate", e.Name, e.Name, job.SuffixRun)
		}
	}
}
