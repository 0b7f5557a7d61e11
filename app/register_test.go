package app

import "github.com/overparam/overparam/compute/job"

// The fake pools of these tests run compute/job in-process.
func init() { job.RegisterAll() }
