package app

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/overparam/overparam/compute/job/protocol"
)

// runCore is what every run shares: its id and jobs, the jobs still live,
// and how it reports and ends. A run type embeds it.
type runCore struct {
	jobs  Jobs
	id    int
	emit  func(Event)
	now   func() time.Time
	ended bool
	live  []Job
}

// Cancel stops every job of the run at once.
func (r *runCore) Cancel() {
	if r.ended {
		return
	}
	r.stop()
	r.send(Event{Kind: EvCancel})
}

func (r *runCore) stop() {
	r.ended = true
	for _, j := range r.live {
		j.Cancel()
	}
	r.live = nil
}

// finish ends the run with its result.
func (r *runCore) finish(res any, raw string) {
	r.ended, r.live = true, nil
	r.send(Event{Kind: EvResult, Result: res, ResultJSON: raw})
}

func (r *runCore) send(e Event) {
	e.Run, e.At = r.id, r.now()
	r.emit(e)
}

// fail ends the run with a message naming the stage.
func (r *runCore) fail(stage, msg string) {
	if r.ended {
		return
	}
	r.stop()
	if !strings.HasPrefix(msg, stage) {
		msg = stage + ": " + msg
	}
	r.send(Event{Kind: EvFail, Message: msg})
}

// track keeps a submitted job, so Cancel reaches it.
func (r *runCore) track(j Job) { r.live = append(r.live, j) }

// handler returns the callback of a job of stage: progress messages go to
// progress and partial ones to partial (either may be nil), the result and
// its payload to done, and failures end the run. Nothing reaches a run that
// has ended.
func (r *runCore) handler(stage string, progress func(protocol.Status), partial func(protocol.Partial), done func(body string, data any)) func(typ, body string, data any) {
	return func(typ, body string, data any) {
		if r.ended {
			return
		}
		switch typ {
		case protocol.TypeProgress:
			var s protocol.Status
			if progress != nil && json.Unmarshal([]byte(body), &s) == nil {
				progress(s)
			}
		case protocol.TypePartial:
			var p protocol.Partial
			if partial != nil && json.Unmarshal([]byte(body), &p) == nil {
				partial(p)
			}
		case protocol.TypeResult:
			done(body, data)
		case protocol.TypeError:
			var f protocol.Failure
			if json.Unmarshal([]byte(body), &f) != nil || f.Error == "" {
				f.Error = "the worker failed without a message"
			}
			r.fail(stage, f.Error)
		case "canceled":
		default:
			r.fail(stage, fmt.Sprintf("unexpected worker message %q", typ))
		}
	}
}
