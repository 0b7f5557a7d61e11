package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/runkit"
)

// A double-descent sweep has two stages, so that a pool of workers can
// share it:
//
//	Point   every repeat at one size (one job per size);
//	Assemble   statistics and theory of all points.
//
// Repeat r at size k draws its random streams from a seed derived from
// (Seed, k, r) only (and the mlp's data, and the lstd's process, from Seed
// and r, or Seed alone), so a point never depends on which other points ran
// and the pooled run gives the same bits as Run.

// ddEnv is what every point of a sweep shares and rebuilds from the spec.
type ddEnv struct {
	mlp  *mlpEnv
	lstd *lstdEnv
}

func newDDEnv(s *doubledescent.Spec, assets experiment.Assets) (*ddEnv, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	e := &ddEnv{}
	var err error
	switch s.Model {
	case "mlp":
		e.mlp, err = newMLPEnv(s, assets)
	case "lstd":
		e.lstd = newLSTDEnv(s)
	}
	return e, err
}

// point runs every repeat at Sizes[index]; progress counts repeats from
// done0 of total.
func runDDPoint(s *doubledescent.Spec, e *ddEnv, index, done0, total int, progress func(experiment.Progress) bool) (*doubledescent.Point, error) {
	size := s.Sizes[index]
	curves := 1 + len(s.CurveNames())
	p := &doubledescent.Point{Index: index, Size: size, Values: make([][]float64, curves)}
	for c := range p.Values {
		p.Values[c] = make([]float64, s.Repeats)
	}
	for r := range s.Repeats {
		report := func() bool { return progress(experiment.Progress{Phase: "repeats", Done: done0 + r, Total: total}) }
		if !report() {
			return nil, fmt.Errorf("size %d, repeat %d: canceled", size, r+1)
		}
		var vals []float64
		var err error
		switch s.Model {
		case "linear":
			vals, err = linearRepeat(s, size, r)
		case "features":
			vals, err = featuresRepeat(s, size, r)
		case "mlp":
			vals, err = mlpRepeat(s, e.mlp, size, r, report)
		default:
			vals, p.Visited, err = lstdRepeat(s, e.lstd, size, r)
		}
		if err != nil {
			return nil, fmt.Errorf("size %d, repeat %d: %w", size, r+1, err)
		}
		for c, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("size %d, repeat %d: %s is %g", size, r+1, s.CurveName(c), v)
			}
			p.Values[c][r] = v
		}
	}
	progress(experiment.Progress{Phase: "repeats", Done: done0 + s.Repeats, Total: total})
	return p, nil
}

// Point validates s and computes every repeat at size
// Sizes[index]. progress, if not nil, counts repeats and cancels the run by
// returning false. It fails, naming the size and repeat, if a fit is
// singular, training diverges or a value is not finite.
func Point(s doubledescent.Spec, a experiment.Assets, index int, progress func(experiment.Progress) bool) (*doubledescent.Point, error) {
	if index < 0 || index >= len(s.Sizes) {
		return nil, fmt.Errorf("point %d is out of range; this spec has %d sizes", index, len(s.Sizes))
	}
	e, err := newDDEnv(&s, a)
	if err != nil {
		return nil, err
	}
	return runDDPoint(&s, e, index, 0, s.Repeats, runkit.OrTrue(progress))
}

// Run validates s and runs every point in turn, then
// assembles them; it gives the same bits as Point on
// separate workers followed by Assemble. progress counts the
// repeats of the whole sweep.
func Run(s doubledescent.Spec, a experiment.Assets, progress func(experiment.Progress) bool) (*doubledescent.Result, error) {
	progress = runkit.OrTrue(progress)
	e, err := newDDEnv(&s, a)
	if err != nil {
		return nil, err
	}
	parts := make([]*doubledescent.Point, len(s.Sizes))
	for i := range parts {
		if parts[i], err = runDDPoint(&s, e, i, i*s.Repeats, len(s.Sizes)*s.Repeats, progress); err != nil {
			return nil, err
		}
	}
	return Assemble(s, parts)
}
