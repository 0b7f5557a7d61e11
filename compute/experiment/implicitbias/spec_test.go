package implicitbias

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: the tags of Spec. The default and every preset validate, and
// their links read back as the same spec (experiment.Query is the spec).
func TestTheDefaultAndEveryPresetAreValidLinks(t *testing.T) {
	s := Default()
	if err := s.Validate(); err != nil {
		t.Fatalf("default: %v", err)
	}
	for _, p := range Presets() {
		s := Default()
		if notices := experiment.ParseQuery(p.Query, &s); len(notices) > 0 {
			t.Errorf("preset %s: its link needs corrections: %v", p.ID, notices)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("preset %s: %v", p.ID, err)
		}
		if q := experiment.Query(&s); q != p.Query {
			t.Errorf("preset %s: link %q reads back as %q", p.ID, p.Query, q)
		}
	}
}

// Truth: the tags' ranges and the browser's limits (experiment.OpsLimit).
// Validate names the key and its range, or the limit, for each bad spec.
func TestValidateRefusesWithTheRangeOrTheLimit(t *testing.T) {
	for _, c := range []struct {
		change func(*Spec)
		want   string
	}{
		{func(s *Spec) { s.Tokens = 1 }, "tokens = 1 is out of range; allowed: [2, 32]"},
		{func(s *Spec) { s.LR = 0 }, "lr = 0 is out of range"},
		{func(s *Spec) { s.Model = "lstm" }, `model = "lstm" is not allowed`},
		{func(s *Spec) { s.Seed = experiment.MaxSeed }, "would need seeds up to"},
		{func(s *Spec) { s.Iters, s.Seeds, s.Dim, s.Tokens, s.N = 100000, 32, 24, 32, 32 }, "more than the limit"},
	} {
		s := Default()
		c.change(&s)
		if err := s.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Validate = %v; want a message containing %q", err, c.want)
		}
	}
}

// Truth: Cost's formula: linear in the steps' share, and in the seeds.
func TestCostGrowsWithStepsAndSeeds(t *testing.T) {
	a := Default()
	b := a
	b.Seeds *= 2
	if ca, cb := a.Cost().Ops, b.Cost().Ops; cb != 2*ca && cb != 2*ca+1 && cb != 2*ca-1 {
		t.Errorf("twice the seeds cost %d, once %d", cb, ca)
	}
	c := a
	c.Iters *= 10
	if a.Cost().Ops >= c.Cost().Ops {
		t.Error("ten times the steps do not cost more")
	}
	if s := a.Cost().Seconds; !(s > 0.5 && s < experiment.AutoRunSeconds) {
		t.Errorf("the default is estimated at %.2g s; a page's default must run at once (≤ %d s)", s, experiment.AutoRunSeconds)
	}
}

// Truth: ParseQuery's contract (compute/experiment/query.go): whatever a
// link says, the spec it gives has every field in its tagged range, and
// Validate either accepts it or says why (a reader never gets a crash or a
// silent misreading); a link the page writes reads back as itself.
func FuzzLinks(f *testing.F) {
	for _, p := range Presets() {
		f.Add(p.Query)
	}
	f.Add("v=1&model=cogo&widths=,,,&modulus=12&decay=NaN")
	f.Add("v=1&model=ssm&states=64,1&ssmlr=1e308&steps=-1&pole=1")
	f.Add("v=1&model=attention&n=0&tokens=100000&seed=18446744073709551616&model=<script>")
	f.Fuzz(func(t *testing.T, q string) {
		s := Default()
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: field out of range after parsing: %v", q, err)
		}
		if err := s.Validate(); err != nil && len(err.Error()) < 10 {
			t.Fatalf("%q: unclear error %q", q, err)
		}
		link := experiment.Query(&s)
		again := Default()
		experiment.ParseQuery(link, &again)
		if experiment.Query(&again) != link {
			t.Fatalf("%q: the link %q does not read back as itself", q, link)
		}
	})
}
