package app

import (
	"testing"
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/train"
)

// Truth: the run-state contract documented on Apply — one run at a time,
// terminal states are final, and events of other runs are stale.
func TestApplyFollowsTheRunLifecycle(t *testing.T) {
	t0 := time.Unix(0, 0)
	res := &spectrum.Result{Train: []train.Point{{Step: 0}, {Step: 5}}}
	steps := []struct {
		name string
		e    Event
		want Status
		ok   func(RunState) bool
	}{
		{"start", Event{Kind: EvStart, Run: 2, At: t0}, Running, func(s RunState) bool { return s.Phase == "starting" && s.EtaMs == -1 }},
		{"progress", Event{Kind: EvProgress, Run: 2, Phase: "training", Done: 3, Total: 4, EtaMs: 100, At: t0.Add(time.Second)}, Running,
			func(s RunState) bool { return s.Fraction() == 0.75 && s.Elapsed == time.Second }},
		{"points", Event{Kind: EvPoints, Run: 2, Points: []train.Point{{Step: 1}, {Step: 2}}}, Running, func(s RunState) bool { return len(s.Points) == 2 }},
		{"a stale run's event", Event{Kind: EvFail, Run: 1, Message: "old"}, Running, func(s RunState) bool { return s.Message == "" }},
		{"result", Event{Kind: EvResult, Run: 2, Result: res, ResultJSON: "{}"}, Done, func(s RunState) bool { return len(s.Points) == 2 && s.Points[1].Step == 5 }},
		{"cancel after done", Event{Kind: EvCancel, Run: 2}, Done, nil},
		{"a new run", Event{Kind: EvStart, Run: 3, At: t0}, Running, func(s RunState) bool { return s.Result == nil && len(s.Points) == 0 }},
		{"failure", Event{Kind: EvFail, Run: 3, Message: "training: diverged at step 4"}, Failed, func(s RunState) bool { return s.Message == "training: diverged at step 4" }},
		{"progress after failure", Event{Kind: EvProgress, Run: 3, Phase: "Lanczos"}, Failed, nil},
		{"another run", Event{Kind: EvStart, Run: 4}, Running, nil},
		{"cancel", Event{Kind: EvCancel, Run: 4}, Canceled, func(s RunState) bool { return s.Message != "" }},
	}
	var s RunState
	for _, st := range steps {
		s = s.Apply(st.e)
		if s.Status != st.want {
			t.Fatalf("%s: status %v, want %v", st.name, s.Status, st.want)
		}
		if st.ok != nil && !st.ok(s) {
			t.Fatalf("%s: unexpected state %+v", st.name, s)
		}
	}
}

// Truth: points appended by one state must not show up in an earlier
// state value that shares the slice (Apply is pure).
func TestApplyDoesNotAlias(t *testing.T) {
	s := RunState{}.Apply(Event{Kind: EvStart, Run: 1})
	a := s.Apply(Event{Kind: EvPoints, Run: 1, Points: []train.Point{{Step: 1}}})
	b := a.Apply(Event{Kind: EvPoints, Run: 1, Points: []train.Point{{Step: 2}}})
	c := a.Apply(Event{Kind: EvPoints, Run: 1, Points: []train.Point{{Step: 3}}})
	if b.Points[1].Step != 2 || c.Points[1].Step != 3 || len(a.Points) != 1 {
		t.Errorf("states share points: a=%v b=%v c=%v", a.Points, b.Points, c.Points)
	}
}
