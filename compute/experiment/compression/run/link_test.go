package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
)

// FuzzCompressionLink: any link query gives, after ParseQuery, a spec whose
// every field is in its declared range, and Validate either accepts it —
// then its Cost is finite and within the limits, and its points exist — or
// names the problem; nothing panics. Truth: ParseQuery's contract
// (compute/experiment/query.go) and Validate's documentation.
func FuzzCompressionLink(f *testing.F) {
	for _, p := range compression.Presets() {
		f.Add(p.Query)
	}
	f.Add("v=1&model=sparse&density=0&logc=&every=0")
	f.Add("v=1&bits=9,1&n0s=16384,8&widths=1024,2&samples=10&calib=10000&seed=4294967295&seeds=10")
	f.Add("v=1&model=<b>&scale=NaN&alpha=-Inf&logc=99,-99&bonus=%00")
	f.Fuzz(func(t *testing.T, q string) {
		s := compression.DefaultForQuery(q)
		experiment.ParseQuery(q, &s)
		if err := experiment.CheckAll(&s); err != nil {
			t.Fatalf("%q: field out of range after parsing: %v", q, err)
		}
		err := s.Validate()
		if err != nil {
			if len(err.Error()) < 10 {
				t.Fatalf("%q: unclear error %q", q, err)
			}
			return
		}
		c := s.Cost()
		if c.Ops <= 0 || c.Ops > experiment.OpsLimit || c.Bytes > experiment.MemoryLimit {
			t.Fatalf("%q: accepted with cost %v", q, c)
		}
		if s.Points() < 2 {
			t.Fatalf("%q: %d points", q, s.Points())
		}
		if s.Model == "gpfq" {
			if w, r := s.PointAt(1); w != s.Widths[len(s.Widths)-1] || r != 0 {
				t.Fatalf("%q: first network is width %d repeat %d, want the widest, repeat 0", q, w, r)
			}
			if w, r := s.PointAt(s.Points() - 1); w != s.Widths[0] || r != s.Seeds-1 {
				t.Fatalf("%q: last point is width %d repeat %d", q, w, r)
			}
			for i := range s.Widths {
				for r := range s.Seeds {
					if w, rr := s.PointAt(s.PointOf(i, r)); w != s.Widths[i] || rr != r {
						t.Fatalf("%q: PointAt(PointOf(%d, %d)) = %d, %d", q, i, r, w, rr)
					}
				}
			}
		}
	})
}
