package app

import (
	_ "github.com/overparam/overparam/compute/experiment/all/runs" // every experiment's job kinds
	"github.com/overparam/overparam/compute/job"
)

// The fake pools of these tests run compute/job in-process.
func init() { job.RegisterAll() }
