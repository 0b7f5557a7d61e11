package job

import (
	"encoding/json"
	"time"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/train"
)

// reporter throttles a run's progress into messages: at most one progress
// message per ProgressInterval, with the curve points gathered since the
// last one sent just before it.
type reporter struct {
	post       Post
	start      time.Time
	last       time.Time
	phase      string
	phaseStart time.Time
	status     Status
	pending    bool
	points     []train.Point
}

func newReporter(post Post) *reporter {
	now := time.Now()
	return &reporter{post: post, start: now, phaseStart: now}
}

// progress is the experiment's progress callback; it never cancels (the UI
// cancels by terminating the worker).
func (r *reporter) progress(p experiment.Progress) bool {
	now := time.Now()
	if p.Phase != r.phase {
		r.flush()
		r.phase, r.phaseStart = p.Phase, now
		r.last = time.Time{} // the first message of a phase goes at once
	}
	if p.Point != nil {
		r.points = append(r.points, *p.Point)
	}
	r.status = Status{Phase: p.Phase, Done: p.Done, Total: p.Total, ElapsedMs: now.Sub(r.start).Milliseconds(), EtaMs: eta(now.Sub(r.phaseStart), p.Done, p.Total)}
	r.pending = true
	if now.Sub(r.last) >= ProgressInterval || p.Done >= p.Total {
		r.flush()
		r.last = now
	}
	return true
}

// eta extrapolates the phase's rate so far; −1 when nothing is done yet.
func eta(elapsed time.Duration, done, total int) int64 {
	if done <= 0 || total <= done {
		if total > 0 && done >= total {
			return 0
		}
		return -1
	}
	return (elapsed * time.Duration(total-done) / time.Duration(done)).Milliseconds()
}

// flush sends the pending points and status.
func (r *reporter) flush() {
	if len(r.points) > 0 {
		r.send(TypePartial, Partial{Points: r.points})
		r.points = nil
	}
	if r.pending {
		r.send(TypeProgress, r.status)
		r.pending = false
	}
}

func (r *reporter) send(typ string, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		b, _ = json.Marshal(Failure{Error: "encoding a " + typ + " message: " + err.Error()})
		typ = TypeError
	}
	r.post(typ, b, nil)
}

// fail sends what progress was made, so the curve shows the run up to
// where it stopped, then the error.
func (r *reporter) fail(err error) {
	r.flush()
	r.send(TypeError, Failure{Error: err.Error()})
}
