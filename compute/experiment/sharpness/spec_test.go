package sharpness

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: the tags of Spec (the ranges) and Validate's own rules; every
// preset is a valid spec whose estimate stays under the limit that starts a
// shared link without a click, or the page would wait for one.
func TestPresetsAreValidAndBadSpecsAreRefusedWithTheirRange(t *testing.T) {
	for _, p := range Presets() {
		s := Default()
		experiment.ParseQuery(p.Query, &s)
		if err := s.Validate(); err != nil {
			t.Errorf("preset %s: %v", p.ID, err)
		}
		if c := s.Cost(); c.Seconds > 4*experiment.AutoRunSeconds {
			t.Errorf("preset %s: estimated %s", p.ID, c.Text())
		}
	}
	// Links are clamped into range as they are read; a spec set directly
	// (a CLI flag, a worker request) is checked by Validate.
	direct := []struct {
		set  func(*Spec)
		want string
	}{
		{func(s *Spec) { s.Samples = 7 }, "allowed: [20, 2000]"},
		{func(s *Spec) { s.Zoom, s.Steps = 1000, 500 }, "longer than steps"},
		{func(s *Spec) { s.Optimizer = "adam" }, "choose one of"},
		{func(s *Spec) { s.Tau = 0 }, "allowed: [0.1, 100]"},
		{func(s *Spec) { s.Penalty = "l1" }, "choose one of"},
		{func(s *Spec) { s.Edges = []int{10, 0} }, "entry 0 is out of range"},
	}
	for i, c := range direct {
		s := Default()
		c.set(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("case %d: Validate = %v, want an error containing %q", i, err, c.want)
		}
	}
	for _, c := range []struct{ query, want string }{
		{"samples=41", "odd"},
		{"edges=", "edges is empty"},
		{"optimizer=saf&loss=ce", "needs loss = mse"},
		{"optimizer=mesa&loss=mse&penalty=kl", "needs loss = ce"},
		{"chunk=500", "larger than samples"},
		{"steps=50000&edges=1000,1000,1000,1000,1000&samples=2000&every=1", "the limit is"},
	} {
		s := Default()
		experiment.ParseQuery(c.query, &s)
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate = %v, want an error containing %q", c.query, err, c.want)
		}
	}
}

// Truth: Validate's rules for the penalties: the KL penalty with
// cross-entropy and the squared-error one with MSE run; the crossed pairs
// are refused (their edges assume the other loss), and the penalty key
// matters only to SAF and MESA.
func TestTheKLPenaltyGoesWithCrossEntropy(t *testing.T) {
	for _, q := range []string{"optimizer=saf&loss=ce&penalty=kl", "optimizer=mesa&loss=ce&penalty=kl&tau=1", "optimizer=saf&loss=mse&penalty=mse", "optimizer=gd&loss=ce&penalty=mse"} {
		s := Default()
		experiment.ParseQuery(q, &s)
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
}

// Truth: plain counting — the run tracks steps 0, every, 2·every, … below
// the zoom window, each step of the window, and the end.
func TestTrackedCountsTheEigenvalueComputations(t *testing.T) {
	s := Default()
	s.Steps, s.Every, s.Zoom = 100, 10, 5
	if got := s.Tracked(); got != 10+5+1 {
		t.Errorf("Tracked = %d, want 16 (0, 10, …, 90; 95 … 99; 100)", got)
	}
}
