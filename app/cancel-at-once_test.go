package app

import (
	"testing"
	"time"

	"github.com/overparam/overparam/compute/job"
)

// silentJobs is a pool whose workers never answer a cancel: it keeps each
// job's callback, so a test can deliver a message late, as a worker busy
// in a long computation would before terminate() takes effect.
type silentJobs struct {
	on []func(typ, body string, data any)
}

type silentJob struct{ canceled *bool }

func (j silentJob) Cancel() { *j.canceled = true }

func (s *silentJobs) Submit(body string, _ any, on func(typ, body string, data any)) Job {
	s.on = append(s.on, on)
	return silentJob{new(bool)}
}

func TestCancelShowsCanceledAtOnceAndNoLateMessageRevivesTheRun(t *testing.T) {
	// Holds README.md, "Hessian spectrum": "a Cancel button that stops the
	// run at once". Truth: runCore.Cancel's contract (app/run-core.go) —
	// it emits the canceled state itself, without waiting for any worker,
	// and a run that has ended ignores its jobs' later messages. The e2e
	// test TestCancelStopsRunAtOnce checks the same in Chromium.
	jobs := &silentJobs{}
	var st RunState
	r := startSpectrum(jobs, 3, smallSpectrum(), record(&st), time.Now)
	if st.Status != Running || len(jobs.on) == 0 {
		t.Fatalf("after the start: status %v with %d jobs; want running with the training job", st.Status, len(jobs.on))
	}
	r.Cancel()
	if st.Status != Canceled {
		t.Fatalf("right after Cancel, with no worker answering: status %v, want canceled", st.Status)
	}
	progress := `{"phase":"train","done":5,"total":20,"elapsed_ms":10,"eta_ms":30}`
	for _, on := range jobs.on {
		on(job.TypeProgress, progress, nil)
		on(job.TypeError, `{"message":"late"}`, nil)
	}
	if st.Status != Canceled || st.Run != 3 {
		t.Errorf("after late messages of the canceled jobs: status %v of run %d, want canceled run 3", st.Status, st.Run)
	}
}
