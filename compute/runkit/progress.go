package runkit

import (
	"github.com/overparam/overparam/compute/experiment"
)

func OrTrue(progress func(experiment.Progress) bool) func(experiment.Progress) bool {
	if progress == nil {
		return func(experiment.Progress) bool { return true }
	}
	return progress
}
