package run

import (
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/paths"
)

// Truth: Garipov et al. (2018) — a quadratic Bézier curve trained on the
// loss along it joins two solutions with a lower barrier than the straight
// line; and θ(0), θ(1) are the solutions themselves, so the curve's end
// losses equal the line's exactly.
func TestBezierCurveLowersTheTwoSeedBarrier(t *testing.T) {
	skipUnderWasm(t)
	s := paths.Default()
	s.Pair, s.Hidden, s.Epochs, s.Widths, s.Width, s.Seeds = "seeds", []int{4}, 30, []int{16}, 16, 1
	s.Sharpness, s.Resolution, s.Bezier = 0, 20, 400
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	pt, err := Point(s, experiment.Assets{}, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(pt.Paths) != 2 || pt.Paths[1].Name != paths.BezierName {
		t.Fatalf("point 0 has paths %d; want the line and the Bézier curve", len(pt.Paths))
	}
	line, curve := pt.Paths[0], pt.Paths[1]
	at := func(p paths.Path, a float64) float64 {
		for i, x := range p.Alpha {
			if x == a {
				return p.TrainLoss[i]
			}
		}
		t.Fatalf("%s has no α = %g", p.Name, a)
		return 0
	}
	for _, a := range []float64{0, 1} {
		if at(line, a) != at(curve, a) {
			t.Errorf("α = %g: curve loss %g, line loss %g; the ends are the same networks", a, at(curve, a), at(line, a))
		}
	}
	if !(line.Barrier > 0.05) {
		t.Fatalf("the straight line between two narrow seeds has barrier %g; the test needs one", line.Barrier)
	}
	if !(curve.Barrier < line.Barrier/2) {
		t.Errorf("Bézier barrier %g is not well below the line's %g", curve.Barrier, line.Barrier)
	}
	t.Logf("barrier: line %.4g, Bézier %.4g", line.Barrier, curve.Barrier)
}
