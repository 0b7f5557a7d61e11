package app

import (
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/curve"
)

// Status is a run's visible state.
type Status int

// The states of a run.
const (
	Idle Status = iota
	Running
	Failed
	Done
	Canceled
)

// String names the status as the page shows it.
func (s Status) String() string {
	return [...]string{"idle", "running", "failed", "done", "canceled"}[s]
}

// EventKind says what happened to a run.
type EventKind int

// The events of a run.
const (
	EvStart    EventKind = iota // a run began
	EvProgress                  // Phase, Done, Total, EtaMs
	EvPoints                    // new training-curve points
	EvResult                    // the run finished with Result
	EvFail                      // the run failed with Message
	EvCancel                    // the user canceled the run
	EvPart                      // a part of a staged run finished: Part, PartIndex
	EvLive                      // new curve points of running part PartIndex: Points
)

// Event is one thing that happened to the run with id Run.
type Event struct {
	Kind        EventKind
	Run         int
	Phase       string
	Done, Total int
	EtaMs       int64
	Points      []curve.Point
	Result      any // the page's result type, e.g. *spectrum.Result
	ResultJSON  string
	Message     string
	At          time.Time
	// Part is a finished part of a staged run (a sweep point), as the
	// worker sent it, with its index.
	Part      string
	PartIndex int
}

// RunState is what the page knows about the current run.
type RunState struct {
	Status      Status
	Run         int // id of the current run; events of other runs are stale
	Phase       string
	Done, Total int
	EtaMs       int64
	Started     time.Time
	Elapsed     time.Duration
	Message     string
	Points      []curve.Point
	Parts       map[int]string // finished parts of a staged run, by index
	// Live are the curve points that the running parts of a sweep sent
	// so far, by part index (the sharpness page's live charts).
	Live       map[int][]curve.Point
	Result     any
	ResultJSON string
}

// Apply returns the state after e. It is pure: events of an older run, and
// events after the run ended, leave the state unchanged, so a canceled
// worker's late message cannot revive a run.
func (s RunState) Apply(e Event) RunState {
	if e.Kind == EvStart {
		return RunState{Status: Running, Run: e.Run, Phase: "starting", Started: e.At, EtaMs: -1}
	}
	if e.Run != s.Run || s.Status != Running {
		return s
	}
	if !e.At.IsZero() && !s.Started.IsZero() {
		s.Elapsed = e.At.Sub(s.Started)
	}
	switch e.Kind {
	case EvProgress:
		s.Phase, s.Done, s.Total, s.EtaMs = e.Phase, e.Done, e.Total, e.EtaMs
	case EvPoints:
		s.Points = append(s.Points[:len(s.Points):len(s.Points)], e.Points...)
	case EvPart:
		parts := make(map[int]string, len(s.Parts)+1)
		for k, v := range s.Parts {
			parts[k] = v
		}
		parts[e.PartIndex] = e.Part
		s.Parts = parts
	case EvLive:
		live := make(map[int][]curve.Point, len(s.Live)+1)
		for k, v := range s.Live {
			live[k] = v
		}
		old := live[e.PartIndex]
		live[e.PartIndex] = append(old[:len(old):len(old)], e.Points...)
		s.Live = live
	case EvResult:
		s.Status, s.Result, s.ResultJSON, s.Phase = Done, e.Result, e.ResultJSON, "done"
		if r, ok := e.Result.(*spectrum.Result); ok && r != nil {
			s.Points = r.Train
		}
	case EvFail:
		s.Status, s.Message = Failed, e.Message
	case EvCancel:
		s.Status, s.Message = Canceled, "canceled by you"
	}
	return s
}

// Fraction is the progress of the current phase in [0, 1].
func (s RunState) Fraction() float64 {
	if s.Total <= 0 {
		return 0
	}
	return min(1, max(0, float64(s.Done)/float64(s.Total)))
}
