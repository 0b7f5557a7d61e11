package kernels

import (
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: Validate's contract — each bad spec is refused with a message
// naming the key and what is allowed.
func TestValidateRefusesWithTheAllowedValues(t *testing.T) {
	cases := []struct {
		name, query, want string
	}{
		{"unknown activation", "ntk=relu", "choose among square, cos, tanh, softplus"},
		{"no curves", "ntk=none&rf=none", "at least one activation"},
		{"widths not increasing", "ntkwidths=5,5", "must increase"},
		{"too few random features", "rfwidths=10,100", "k ≥ 50"},
		{"random features past d²/2", "dim=20&ntk=none&rfwidths=100,200", "d²/2 = 200"},
		{"NTK too narrow", "dim=10&samples=100&ntkwidths=2", "k ≥ 10"},
		{"gamma below 1", "model=qnn&gammas=0.5", "[1, 4]"},
		{"gammas not increasing", "model=qnn&gammas=1.5,1", "must increase"},
		{"more samples than basis states", "model=qnn&qubits=2&qsamples=5", "qsamples ≤ 4"},
		{"too large", "model=qnn&qubits=6&depths=64&qsamples=64&steps=20000&gammas=1,2,3,4", "limit"},
	}
	for _, c := range cases {
		s := Default()
		for _, kv := range strings.Split(c.query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			if notice, ok := experiment.SetParam(&s, k, v); !ok || notice != "" {
				t.Fatalf("%s: setting %s: %q %v", c.name, kv, notice, ok)
			}
		}
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate() = %v; want an error containing %q", c.name, err, c.want)
		}
	}
}

// Truth: the presets' contract (experiment.Preset) — each preset's link
// gives a valid spec that starts at once (an estimate within
// experiment.AutoRunSeconds), and reading it back gives the same link.
func TestPresetsAreValidAndQuick(t *testing.T) {
	ps := Presets()
	if ps[0].Query != queryOf(Default()) {
		t.Errorf("the first preset is not the default spec")
	}
	models := map[string]int{}
	for _, p := range ps {
		s := Default()
		if notices := experiment.ParseQuery(p.Query, &s); len(notices) > 0 {
			t.Errorf("%s: notices %v", p.ID, notices)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if c := s.Cost(); c.Seconds > experiment.AutoRunSeconds {
			t.Errorf("%s: estimate %s; want at most %d s", p.ID, c.Text(), experiment.AutoRunSeconds)
		}
		if queryOf(s) != p.Query {
			t.Errorf("%s: the link does not round-trip", p.ID)
		}
		models[s.Model]++
	}
	if models["robustness"] < 2 || models["qnn"] < 2 {
		t.Errorf("presets per model %v; want at least two of each", models)
	}
}

// Truth: ParseQuery's contract — it never panics, every field ends within
// its declared range, and Validate then either accepts the spec or says
// why in words (and never panics on a spec it refuses).
func FuzzLinks(f *testing.F) {
	for _, p := range Presets() {
		f.Add(p.Query)
	}
	f.Add("v=1&ntk=square,,square&rf=%00&gammas=1,NaN,Inf")
	f.Add("v=1&model=qnn&depths=64,1&qubits=6&qsamples=64&steps=20000")
	f.Add("v=1&ntkwidths=&rfwidths=1,2,3&dim=2")
	f.Fuzz(func(t *testing.T, q string) {
		s := Default()
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: field out of range after parsing: %v", q, err)
		}
		if err := s.Validate(); err != nil && len(err.Error()) < 10 {
			t.Fatalf("%q: unclear error %q", q, err)
		} else if err == nil && s.Points() < 1 {
			t.Fatalf("%q: a valid spec with no points", q)
		}
	})
}

// Truth: Cost's definition — more width, seeds or steps never cost less.
func TestCostGrowsWithTheRun(t *testing.T) {
	a, b := Default(), Default()
	b.RFWidth = []int{250, 500, 1000, 2000, 4000, 16000}
	if a.Cost().Ops >= b.Cost().Ops {
		t.Errorf("wider random features cost %d ≤ %d", b.Cost().Ops, a.Cost().Ops)
	}
	q, r := DefaultQNN(), DefaultQNN()
	r.Steps *= 2
	if q.Cost().Ops >= r.Cost().Ops {
		t.Errorf("twice the steps cost %d ≤ %d", r.Cost().Ops, q.Cost().Ops)
	}
}

func queryOf(s Spec) string { return experiment.Query(&s) }
