package app

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/overparam/overparam/compute/job"
)

// sweepFake answers sweep jobs in a random order: a point returns its
// index, assemble returns the indices of the parts it got, in order.
type sweepFake struct {
	fakeJobs
	failPoint int
}

func (f *sweepFake) step() bool {
	if len(f.queue) == 0 {
		return false
	}
	i := f.rnd.IntN(len(f.queue))
	j := f.queue[i]
	f.queue = append(f.queue[:i], f.queue[i+1:]...)
	if j.canceled {
		return true
	}
	f.ran++
	var req job.Request
	json.Unmarshal([]byte(j.body), &req)
	switch {
	case strings.HasSuffix(req.Kind, job.SuffixPoint) && req.Index == f.failPoint:
		j.on(job.TypeError, `{"error":"diverged at step 3"}`, nil)
	case strings.HasSuffix(req.Kind, job.SuffixPoint):
		j.on(job.TypeProgress, `{"phase":"x","done":1,"total":2}`, nil)
		j.on(job.TypeResult, fmt.Sprintf(`{"index":%d}`, req.Index), nil)
	default:
		var idx []int
		for _, p := range req.Parts {
			var v struct{ Index int }
			json.Unmarshal(p, &v)
			idx = append(idx, v.Index)
		}
		b, _ := json.Marshal(idx)
		j.on(job.TypeResult, string(b), nil)
	}
	return true
}

func decodeInts(s string) (any, error) {
	var v []int
	err := json.Unmarshal([]byte(s), &v)
	return v, err
}

// Truth: the sweep contract — every point runs once, each streams in as
// it finishes, and assemble gets the parts in index order whatever order
// the points finished in.
func TestSweepStreamsPointsAndAssemblesInOrder(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		f := &sweepFake{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(seed, 9))}, failPoint: -1}
		var st RunState
		startSweep(f, 1, "demo", map[string]int{"x": 1}, 6, decodeInts, record(&st), time.Now)
		seen := 0
		for f.step() {
			if len(st.Parts) < seen {
				t.Fatal("parts went missing")
			}
			seen = len(st.Parts)
		}
		if st.Status != Done || f.ran != 7 || len(st.Parts) != 6 {
			t.Fatalf("seed %d: status %v, %d jobs, %d parts", seed, st.Status, f.ran, len(st.Parts))
		}
		if got := fmt.Sprint(st.Result); got != "[0 1 2 3 4 5]" {
			t.Errorf("seed %d: assembled %s, want the parts in index order", seed, got)
		}
	}
}

// Truth: the run-state contract — a failing point fails the run naming the
// point, and cancels the others.
func TestSweepFailureNamesThePoint(t *testing.T) {
	f := &sweepFake{fakeJobs: fakeJobs{rnd: rand.New(rand.NewPCG(2, 2))}, failPoint: 3}
	var st RunState
	startSweep(f, 1, "demo", nil, 6, decodeInts, record(&st), time.Now)
	for f.step() {
	}
	if st.Status != Failed || !strings.HasPrefix(st.Message, "point 4 of 6: diverged") {
		t.Errorf("status %v, message %q", st.Status, st.Message)
	}
}
