package run

import (
	"fmt"
	"slices"

	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/runkit"
)

// Assemble combines the points of s (all s.Points() of them, in any
// order) into its result. It fails if the spec is invalid or a point is
// missing, repeated, or does not belong to s.
func Assemble(s paths.Spec, parts []*paths.Point) (*paths.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	byIndex := make([]*paths.Point, s.Points())
	if len(parts) != len(byIndex) {
		return nil, fmt.Errorf("assemble: %d points for a spec with %d", len(parts), len(byIndex))
	}
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(byIndex) || byIndex[p.Index] != nil || !pathsPointFits(&s, p) {
			return nil, fmt.Errorf("assemble: a point is repeated, malformed or not of this spec")
		}
		byIndex[p.Index] = p
	}
	res := &paths.Result{Spec: s, Paths: byIndex[0].Paths}
	for wi, width := range s.Widths {
		reps := byIndex[1+wi*s.Seeds : 1+(wi+1)*s.Seeds]
		if width == s.Width {
			res.Paths = append(res.Paths, reps[0].Paths...)
		}
		// Quartiles of the columns linear barrier, piecewise barrier and
		// ΔL(M) for each M; the last M is N/2, the half-dropout ΔL.
		ms := reps[0].M
		q := make([][3]float64, 2+len(ms))
		col := make([]float64, len(reps))
		for c := range q {
			for i, p := range reps {
				if c < 2 {
					col[i] = p.Paths[c].Barrier
				} else {
					col[i] = p.Delta[c-2]
				}
			}
			q[c] = quartiles(col)
		}
		lin, pw, half := q[0], q[1], q[len(q)-1]
		res.Widths = append(res.Widths, paths.WidthStat{Width: width, LinearBarrier: lin[1], DropoutBarrier: pw[1], DropoutDelta: half[1], LinearQ1: lin[0], LinearQ3: lin[2], DropoutQ1: pw[0], DropoutQ3: pw[2], DeltaQ1: half[0], DeltaQ3: half[2], Seeds: s.Seeds})
		curve := paths.DropoutCurve{Width: width, M: ms}
		for _, x := range q[2:] {
			curve.Delta = append(curve.Delta, x[1])
		}
		res.Dropout = append(res.Dropout, curve)
	}
	return res, nil
}

// fits reports whether p has the shape of point p.Index of s.
func pathsPointFits(s *paths.Spec, p *paths.Point) bool {
	if p.Index == 0 {
		curves := 1
		if s.Bezier > 0 {
			curves = 2 // and the Bézier curve, on [0, 1]
		}
		return p.Width == 0 && len(p.Paths) == curves && len(p.Paths[0].Alpha) == 2*s.Resolution+1
	}
	width, repeat := s.PointAt(p.Index)
	n := s.Resolution/2 + 1
	return p.Width == width && p.Repeat == repeat && len(p.Paths) == 2 && len(p.Paths[0].Alpha) == n && len(p.Paths[1].Alpha) == n &&
		slices.Equal(p.M, paths.DropoutMs(width)) && len(p.Delta) == len(p.M) && len(p.HalfDelta) == 2
}

// quartiles returns the first quartile, the median and the third quartile
// of x (type-7 quantiles, see sampleQuantile). It does not modify x.
func quartiles(x []float64) (q [3]float64) {
	s := slices.Clone(x)
	slices.Sort(s)
	for k := range q {
		q[k] = runkit.SampleQuantile(s, float64(k+1)/4)
	}
	return q
}
