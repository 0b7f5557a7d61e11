package sharpness

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// Truth: experiment.ParseQuery's contract — whatever a link holds, the
// spec it reads has every field in its tagged range, Validate and Cost
// return without panicking (a refusal names its problem), and the link the
// page writes back reads as the same spec.
func FuzzSharpnessLinks(f *testing.F) {
	d := Default()
	f.Add(experiment.Query(&d))
	for _, p := range Presets() {
		f.Add(p.Query)
	}
	f.Add("v=1&edges=0,,-3,99999&steps=NaN&tol=-Inf&optimizer=<script>&hidden=,,,")
	f.Add("v=1&samples=2001&chunk=99999&zoom=99999&lag=0&ema=1")
	f.Fuzz(func(t *testing.T, q string) {
		s := Default()
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: a field is out of range after parsing: %v", q, err)
		}
		if err := s.Validate(); err != nil && len(err.Error()) < 10 {
			t.Fatalf("%q: unclear refusal %q", q, err)
		}
		_ = s.Cost()
		back := experiment.Query(&s)
		s2 := Default()
		experiment.ParseQuery(back, &s2)
		if experiment.Query(&s2) != back {
			t.Fatalf("%q: the link %q reads back as %q", q, back, experiment.Query(&s2))
		}
	})
}
