package job_test

import (
	"encoding/json"
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

// Every registered experiment has a plan of jobs (RegisterSweep and
// RegisterRun register one; the spectrum its own), which the CLI's
// -workers pool and `overparam jobs` run, and its default spec's plan has
// at least one job. Truth: the registry, experiment.Experiments.
func TestEveryRegisteredExperimentHasAPlanOfJobs(t *testing.T) {
	job.RegisterAll()
	for _, e := range experiment.Experiments() {
		if !job.HasPlan(e.Name) {
			t.Errorf("experiment %s has no plan of jobs: register its kinds with job.RegisterSweep or job.RegisterRun, or call job.RegisterPlan", e.Name)
			continue
		}
		raw, err := json.Marshal(e.Defaults(""))
		if err != nil {
			t.Fatal(err)
		}
		plan, err := job.NewPlan(e.Name, raw)
		if err != nil {
			t.Errorf("%s: the plan of its default spec: %v", e.Name, err)
			continue
		}
		if tasks, err := plan.Stage(0, nil); err != nil || len(tasks) == 0 {
			t.Errorf("%s: the first stage of its default spec has %d jobs (%v), want at least one", e.Name, len(tasks), err)
		}
	}
}
