package spectrum_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// Truth: Query and ParseQuery are inverses on valid specs — a link restores
// exactly the spec that wrote it, with no notices.
func TestQueryRoundTrip(t *testing.T) {
	s := spectrum.Default()
	s.Hidden, s.Data, s.LR, s.Seed, s.Before, s.Sigma = []int{32, 16}, "moons", 0.125, 4294967295, true, 0.01
	q := experiment.Query(&s)
	if !strings.HasPrefix(q, "v=1&data=moons&") || !strings.Contains(q, "hidden=32,16") {
		t.Errorf("query is not readable: %s", q)
	}
	got := spectrum.Default()
	if n := experiment.ParseQuery("?"+q, &got); len(n) != 0 {
		t.Errorf("round trip gave notices %q", n)
	}
	if !reflect.DeepEqual(got, s) {
		t.Errorf("round trip changed the spec:\n got %+v\nwant %+v", got, s)
	}
}

// Truth: the ranges in the struct tags (via Param.RangeText) and the rules
// documented on ParseQuery.
func TestParseQueryCorrectsWithNotices(t *testing.T) {
	cases := []struct {
		name, query string
		check       func(s spectrum.Spec) bool
		notice      string
	}{
		{"empty link keeps defaults", "", func(s spectrum.Spec) bool { return reflect.DeepEqual(s, spectrum.Default()) }, ""},
		{"clamps above the range", "v=1&classes=1000", func(s spectrum.Spec) bool { return s.Classes == 100 }, "classes = \"1000\" is out of range ([2, 100]); set to 100"},
		{"clamps below the range", "v=1&lr=-5", func(s spectrum.Spec) bool { return s.LR == 1e-6 }, "set to 1e-06"},
		{"NaN keeps the default", "v=1&lr=NaN", func(s spectrum.Spec) bool { return s.LR == 0.5 }, "not a finite number"},
		{"Inf keeps the default", "v=1&sep=Inf", func(s spectrum.Spec) bool { return s.Separation == 2 }, "not a finite number"},
		{"script in an enum keeps the default", "v=1&data=%3Cscript%3Ealert(1)%3C/script%3E", func(s spectrum.Spec) bool { return s.Data == "mixture" }, `data = "<script>alert(1)</script>" is not one of`},
		{"list entries clamp", "v=1&hidden=0,5000", func(s spectrum.Spec) bool { return reflect.DeepEqual(s.Hidden, []int{1, 1024}) }, "set to 1,1024"},
		{"long list truncates", "v=1&hidden=1,2,3,4,5,6,7,8", func(s spectrum.Spec) bool { return len(s.Hidden) == 6 }, "hidden"},
		{"unknown keys", "v=1&evil=%3Cimg%3E&zzz=1", func(s spectrum.Spec) bool { return true }, `ignored unknown keys: "evil", "zzz"`},
		{"repeated key uses the last", "v=1&seed=3&seed=9", func(s spectrum.Spec) bool { return s.Seed == 9 }, "seed appears 2 times"},
		{"missing version", "classes=3", func(s spectrum.Spec) bool { return s.Classes == 3 }, "no schema version"},
		{"other version", "v=7&classes=3", func(s spectrum.Spec) bool { return s.Classes == 3 }, "v=\"7\""},
		{"bad escape", "v=1&classes=%zz&seed=5", func(s spectrum.Spec) bool { return s.Seed == 5 && s.Classes == 10 }, "could not be read"},
		{"negative seed", "v=1&seed=-1", func(s spectrum.Spec) bool { return s.Seed == 1 }, "seed"},
		{"huge link", "v=1&seed=2&x=" + strings.Repeat("a", 5000), func(s spectrum.Spec) bool { return s.Seed == 2 }, "only the first 4096"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := spectrum.Default()
			notices := experiment.ParseQuery(c.query, &s)
			if !c.check(s) {
				t.Errorf("spec after %q: %+v", c.query, s)
			}
			joined := strings.Join(notices, "\n")
			if c.notice == "" && len(notices) != 0 || !strings.Contains(joined, c.notice) {
				t.Errorf("notices %q; want one containing %q", notices, c.notice)
			}
			if err := experiment.CheckAll(&s); err != nil {
				t.Errorf("a field is still out of range: %v", err)
			}
		})
	}
}

// Truth: ParseQuery's contract — it never panics, every field ends within
// its declared range, and Validate then either accepts the spec or says
// why in words.
func FuzzParseQuery(f *testing.F) {
	d := spectrum.Default()
	f.Add(experiment.Query(&d))
	f.Add("v=1&hidden=64,64&data=digits&samples=10000&steps=1000")
	f.Add("v=1&lr=NaN&sep=-Inf&classes=%00&data=<script>")
	f.Add("v=1&hidden=,,,&seed=18446744073709551616")
	f.Fuzz(func(t *testing.T, q string) {
		s := spectrum.Default()
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: field out of range after parsing: %v", q, err)
		}
		if err := s.Validate(); err != nil && len(err.Error()) < 10 {
			t.Fatalf("%q: unclear error %q", q, err)
		}
	})
}
