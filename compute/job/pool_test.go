package job

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// The pool's test kinds: "pooltest.square" returns Index², "pooltest.fail"
// fails at Index 3 and 6.
func init() {
	Register("pooltest.square", func(req Request, _ Env, _ func(experiment.Progress) bool) (any, error) {
		return req.Index * req.Index, nil
	})
	Register("pooltest.fail", func(req Request, _ Env, progress func(experiment.Progress) bool) (any, error) {
		if req.Index == 3 || req.Index == 6 {
			return nil, fmt.Errorf("diverged at step %d", req.Index)
		}
		return req.Index, nil
	})
}

func tasksOf(kind string, n int) []Task {
	tasks := make([]Task, n)
	for i := range tasks {
		tasks[i] = Task{ID: PointID(i), Request: Request{Kind: kind, Index: i}}
	}
	return tasks
}

// Outcomes come back in the tasks' order whatever the number of workers
// (truth: i² of task i).
func TestPoolKeepsTheTasksOrder(t *testing.T) {
	for _, workers := range []int{1, 2, 5, 40} {
		outs, err := Pool{Workers: workers}.RunTasks(tasksOf("pooltest.square", 17))
		if err != nil {
			t.Fatalf("workers=%d: %v", workers, err)
		}
		for i, o := range outs {
			var v int
			if err := json.Unmarshal(o.Body, &v); err != nil || v != i*i {
				t.Errorf("workers=%d: outcome %d is %s, want %d", workers, i, o.Body, i*i)
			}
		}
	}
}

// The error is the first failure in the tasks' order, naming its job, as
// a run of the tasks one by one meets it, for any number of workers
// (truth: "pooltest.fail" fails at tasks 3 and 6, and the one-by-one run
// stops at task 3).
func TestPoolReturnsTheFirstFailureNamingTheJob(t *testing.T) {
	for _, workers := range []int{1, 2, 3, 8} {
		_, err := Pool{Workers: workers}.RunTasks(tasksOf("pooltest.fail", 8))
		if err == nil || !strings.Contains(err.Error(), `job "point 3"`) || !strings.Contains(err.Error(), "diverged at step 3") {
			t.Errorf("workers=%d: error %v, want the failure of job \"point 3\"", workers, err)
		}
	}
}
