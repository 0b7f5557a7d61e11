package representations

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: the spec's tags and Validate's documented rules; each refusal
// names the value and what is allowed.
func TestValidateRefusesWithTheRule(t *testing.T) {
	for _, c := range []struct {
		query, want string
	}{
		{"v=1&every=3000", "every = 3000 is more than steps = 2000"},
		{"v=1&batch=5000", "batch = 5000 is more than samples = 4000"},
		{"v=1&data=digits&samples=10000&batch=32", ""},
		{"v=1&seed=4294967295&seeds=3", "the largest seed is 4294967295"},
		{"v=1&steps=100000&every=10&width=256&seeds=8", "the limit is 1024 MiB"},
		{"v=1&steps=100000&every=50000&width=256&seeds=8", "the limit is 10 min"},
	} {
		s := Default()
		if n := experiment.ParseQuery(c.query, &s); len(n) > 0 {
			t.Fatalf("%s: notices %v", c.query, n)
		}
		err := s.Validate()
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v; want accepted", c.query, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v; want %q", c.query, err, c.want)
		}
	}
	s := Default()
	s.Layers = 11
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "[1, 10]") {
		t.Errorf("layers = 11: %v; want the range [1, 10]", err)
	}
	s.Layers = 1
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "at least 2") {
		t.Errorf("svcca with layers = 1: %v; want at least 2", err)
	}
}

// Truth: Preset's contract (each preset's query is a valid spec) and the
// issue-independent limit experiment.AutoRunSeconds, under which a link
// runs without a click: every preset starts at once.
func TestPresetsAreValidAndStartAtOnce(t *testing.T) {
	ids := map[string]bool{}
	for _, p := range Presets() {
		s := Default()
		if n := experiment.ParseQuery(p.Query, &s); len(n) > 0 {
			t.Errorf("%s: notices %v", p.ID, n)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if c := s.Cost(); c.Seconds > experiment.AutoRunSeconds {
			t.Errorf("%s: estimate %s; want at most %d s", p.ID, c.Text(), experiment.AutoRunSeconds)
		}
		if ids[p.ID] || !strings.HasPrefix(p.ID, Name+"-") {
			t.Errorf("preset id %q is repeated or lacks the prefix %s-", p.ID, Name)
		}
		ids[p.ID] = true
	}
}

// Truth: the arithmetic of Cost's documentation: the training term alone
// for one seed is Steps·Batch·(3F − F₁) multiply-adds of matrix products.
func TestCostCountsTheTrainingProducts(t *testing.T) {
	s := Default()
	s.Seeds = 1
	f := 20*32 + 4*32*32 + 32*10
	want := int64(s.Steps * s.Batch * (3*f - 20*32))
	c := s.Cost()
	forward := int64(len(s.SnapshotSteps()) * s.Probe * f)
	if c.MatMul != want+forward {
		t.Errorf("MatMul = %d; want %d (training) + %d (snapshots)", c.MatMul, want, forward)
	}
	s.Seeds = 3
	if c3 := s.Cost(); c3.Ops < 3*c.Ops-3 || c3.Ops > 3*c.Ops+3 {
		t.Errorf("three seeds cost %d; want 3 × %d", c3.Ops, c.Ops)
	}
}

// Truth: ParseQuery's contract — it never panics, every field ends within
// its declared range, and Validate then either accepts the spec or says
// why in words.
func FuzzParseQuery(f *testing.F) {
	d := Default()
	f.Add(experiment.Query(&d))
	f.Add("v=1&layers=10&width=256&steps=100000&every=1")
	f.Add("v=1&lr=NaN&variance=-Inf&data=<script>&model=%00")
	f.Add("v=1&seed=18446744073709551616&probe=,,,")
	f.Fuzz(func(t *testing.T, q string) {
		s := Default()
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: field out of range after parsing: %v", q, err)
		}
		if err := s.Validate(); err != nil && len(err.Error()) < 10 {
			t.Fatalf("%q: unclear error %q", q, err)
		}
	})
}
