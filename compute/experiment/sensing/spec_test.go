package sensing

import (
	"reflect"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: the spec's tags and Validate's documentation. Each case changes
// the default link and names the words its refusal must contain: the key
// and the allowed range or the limit.
func TestValidateRefusesWithTheRangeOrLimit(t *testing.T) {
	cases := []struct{ query, want string }{
		{"n=1", "n = 1 is out of range; allowed: [2, 200]"},
		{"r=60", "r = 60 is out of range"},
		{"n=4&r=5", "r = 5 exceeds n = 4"},
		{"k=3,300", "k: entry 300 is out of range"},
		{"n=10&k=3,11", "k: 11 exceeds n = 10"},
		{"k=3,3", "k lists 3 twice"},
		{"init=0.1,0.1", "init lists 0.1 twice"},
		{"init=0", "init: entry 0 is out of range"},
		{"outliers=0.2", "outliers > 0 needs measurements > 0"},
		{"loss=l1", "loss = l1 needs measurements > 0"},
		{"loss=l1&measurements=100&param=asymmetric", "needs param = symmetric"},
		{"loss=l1&measurements=100&rankover=2", "rankover = 2 must be between r = 3 and n = 50"},
		{"rebalance=10", "rebalance = 10 needs param = asymmetric"},
		{"param=asymmetric&rebalance=20000", "rebalance = 20000 is after the last iteration"},
		{"k=1,2,3,4,5,6,7,8&init=0.1,0.2,0.3,0.4", "32 curves; the limit is 24"},
		{"n=200&measurements=1000", "m × n(n+1) = 4.02e+07 floats; the limit is 16777216 (128 MiB)"},
		{"n=100&measurements=1000&steps=1000000", "the limit is 10 min"},
	}
	for _, c := range cases {
		s := Default()
		if n := experiment.ParseQuery("v=1&"+c.query, &s); len(n) > 0 && !strings.Contains(c.want, "out of range") {
			t.Errorf("%s: the link needed corrections: %v", c.query, n)
		}
		s = Default()
		for _, kv := range strings.Split(c.query, "&") {
			k, v, _ := strings.Cut(kv, "=")
			for _, p := range experiment.Params(&s) {
				if p.Key == k {
					if err := p.Set(&s, v); err != nil {
						t.Fatalf("%s: %v", c.query, err)
					}
				}
			}
		}
		err := s.Validate()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: Validate = %v, want it to say %q", c.query, err, c.want)
		}
	}
}

// Truth: experiment.Query and ParseQuery (a link is the spec): the
// defaults and every preset validate, and their links read back to the
// same spec.
func TestPresetsValidateAndTheirLinksRoundTrip(t *testing.T) {
	d := Default()
	if err := d.Validate(); err != nil {
		t.Fatalf("defaults: %v", err)
	}
	ps := Presets()
	if len(ps) != 6 {
		t.Errorf("%d presets, want the 6 of the page", len(ps))
	}
	for _, p := range ps {
		s := Default()
		if n := experiment.ParseQuery(p.Query, &s); len(n) > 0 {
			t.Errorf("%s: %v", p.ID, n)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", p.ID, err)
		}
		if q := experiment.Query(&s); q != p.Query {
			t.Errorf("%s: link %s reads back as %s", p.ID, p.Query, q)
		}
		if c := s.Cost(); c.Seconds > 30 {
			t.Errorf("%s: estimated %s; a preset should run in well under a minute", p.ID, c.Text())
		}
	}
}

// Truth: ParseQuery's documentation. Any link, however malformed, reads
// into a spec without a panic; Validate then accepts or refuses it
// without a panic; an accepted spec has at most MaxCurves curves and a
// link that reads back to the same spec (float lists included).
func FuzzSensingLink(f *testing.F) {
	for _, p := range Presets() {
		f.Add(p.Query)
	}
	f.Add("v=1&init=1e-9,NaN,0.5,0.5&outliers=-1,2&k=,")
	f.Add("v=1&init=0.1,0.01&outliers=0,0.3&loss=l1&measurements=10&rankover=3")
	f.Fuzz(func(t *testing.T, q string) {
		s := Default()
		experiment.ParseQuery(q, &s)
		if s.Validate() != nil {
			return
		}
		if n := len(s.Curves()); n == 0 || n > MaxCurves {
			t.Fatalf("%q: %d curves", q, n)
		}
		again := Default()
		experiment.ParseQuery(experiment.Query(&s), &again)
		if !reflect.DeepEqual(s, again) {
			t.Fatalf("%q: link %s reads back as %+v, not %+v", q, experiment.Query(&s), again, s)
		}
	})
}
