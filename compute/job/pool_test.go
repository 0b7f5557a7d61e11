package job

import (
	"encoding/json"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// The pool's test kinds: "pooltest.square" returns Index², "pooltest.fail"
// fails at Index 3 and counts its calls.
var failCalls atomic.Int32

func init() {
	Register("pooltest.square", func(req Request, _ Env, _ func(experiment.Progress) bool) (any, error) {
		return req.Index * req.Index, nil
	})
	Register("pooltest.fail", func(req Request, _ Env, progress func(experiment.Progress) bool) (any, error) {
		failCalls.Add(1)
		if req.Index == 3 {
			return nil, errors.New("diverged at step 7")
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

// A failing task's error names its job, and the pool starts no task after
// it has seen the failure (one worker: tasks run one at a time, from the
// end, so tasks 2, 1 and 0 never start).
func TestPoolStopsAtAFailureNamingTheJob(t *testing.T) {
	failCalls.Store(0)
	_, err := Pool{Workers: 1}.RunTasks(tasksOf("pooltest.fail", 8))
	if err == nil || !strings.Contains(err.Error(), `job "point 3"`) || !strings.Contains(err.Error(), "diverged at step 7") {
		t.Fatalf("error %v, want one naming job \"point 3\" and its cause", err)
	}
	if n := failCalls.Load(); n != 5 {
		t.Errorf("%d tasks ran, want 5 (7, 6, 5, 4, then 3 failed)", n)
	}
}
