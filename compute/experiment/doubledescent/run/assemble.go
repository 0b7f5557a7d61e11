package run

import (
	"fmt"
	"math"
	"slices"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/runkit"

	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/theory"
)

// Assemble combines the points of s (one per size, in any
// order) into the result: statistics per size, the theory curves and the
// interpolation threshold. It fails if a point is missing, repeated,
// malformed or holds a value that is not finite.
func Assemble(s doubledescent.Spec, parts []*doubledescent.Point) (*doubledescent.Result, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	if len(parts) != len(s.Sizes) {
		return nil, fmt.Errorf("assemble: %d points for a spec with %d sizes", len(parts), len(s.Sizes))
	}
	names := s.CurveNames()
	byIndex := make([]*doubledescent.Point, len(parts))
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(parts) || byIndex[p.Index] != nil {
			return nil, fmt.Errorf("assemble: points are missing, repeated or out of range")
		}
		if err := checkDDPoint(&s, p, len(names)+1); err != nil {
			return nil, fmt.Errorf("assemble: point %d (size %d): %w", p.Index, p.Size, err)
		}
		byIndex[p.Index] = p
	}
	res := &doubledescent.Result{Spec: s, XLabel: s.XLabel(), YLabel: s.YLabel(), Visited: byIndex[0].Visited, TheoryPole: s.TheoryPole()}
	res.XAxis, res.YAxis = s.Axes()
	for _, p := range byIndex {
		if p.Visited != res.Visited {
			return nil, fmt.Errorf("assemble: points visit %d and %d states; the trajectory must be the same for every size", res.Visited, p.Visited)
		}
	}
	res.Curves = make([]doubledescent.Curve, len(names))
	for c := range res.Curves {
		res.Curves[c].Name = names[c]
	}
	for _, p := range byIndex {
		x := s.X(p.Size, res.Visited)
		res.Points = append(res.Points, withTheory(&s, ddStats(p.Size, x, p.Values[0]), ""))
		for c, name := range names {
			res.Curves[c].Points = append(res.Curves[c].Points, withTheory(&s, ddStats(p.Size, x, p.Values[c+1]), name))
		}
	}
	res.Threshold = interpolationThreshold(&s, res)
	res.Peak = doubledescent.FindPeak(res.Points)
	return res, nil
}

func checkDDPoint(s *doubledescent.Spec, p *doubledescent.Point, curves int) error {
	if p.Size != s.Sizes[p.Index] {
		return fmt.Errorf("its size is not sizes[%d] = %d", p.Index, s.Sizes[p.Index])
	}
	if len(p.Values) != curves {
		return fmt.Errorf("it has %d curves; the spec has %d", len(p.Values), curves)
	}
	for _, vs := range p.Values {
		if len(vs) != s.Repeats {
			return fmt.Errorf("a curve has %d values for repeats = %d", len(vs), s.Repeats)
		}
		for r, v := range vs {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return fmt.Errorf("repeat %d has the value %g", r+1, v)
			}
		}
	}
	if (s.Model == "lstd") != (p.Visited > 0) {
		return fmt.Errorf("visited = %d does not fit model = %s", p.Visited, s.Model)
	}
	return nil
}

// withTheory attaches the theory of curve name ("" for the main curve) to st:
// test MSE = excess risk + noise variance. Infinite values are left out.
func withTheory(s *doubledescent.Spec, st doubledescent.Stat, name string) doubledescent.Stat {
	sigma2, r2 := float64(s.Noise*s.Noise), s.Signal
	finite := func(v float64) *float64 {
		if math.IsInf(v, 0) || math.IsNaN(v) {
			return nil
		}
		v += sigma2
		return &v
	}
	n, k := s.N, st.Size
	gamma := float64(k) / float64(n)
	switch {
	case s.Model == "linear" && name == "":
		st.Theory = finite(theory.MinNormRisk(n, k, r2, sigma2))
		st.Asymptotic = finite(theory.MinNormAsymptotic(gamma, r2, sigma2))
	case s.Model == "linear" && name == "optimal ridge":
		st.Asymptotic = finite(theory.OptimalRidgeAsymptotic(gamma, r2, sigma2))
	case s.Model == "linear":
		st.Asymptotic = finite(theory.RidgeAsymptotic(gamma, s.Ridge, r2, sigma2))
	case s.Model == "features" && name == "":
		d := float64(s.Dim)
		st.Theory = finite(theory.RandomFeaturesRisk(float64(k)/d, float64(n)/d, r2, sigma2))
	}
	return st
}

// interpolationThreshold returns the interpolation threshold in x units (see doubledescent.Result).
func interpolationThreshold(s *doubledescent.Spec, res *doubledescent.Result) *float64 {
	if s.Model != "mlp" {
		one := 1.0
		return &one
	}
	for _, p := range res.Curves[0].Points { // train error
		if p.Median == 0 {
			x := p.X
			return &x
		}
	}
	return nil
}

// ddStats returns the statistics of the repeats' values at size k.
func ddStats(k int, x float64, values []float64) doubledescent.Stat {
	sorted := slices.Clone(values)
	slices.Sort(sorted)
	var sum float64
	for _, v := range values {
		sum += v
	}
	return doubledescent.Stat{Size: k, X: x, Mean: sum / float64(len(values)), Median: runkit.SampleQuantile(sorted, 0.5),
		Q1: runkit.SampleQuantile(sorted, 0.25), Q3: runkit.SampleQuantile(sorted, 0.75), Values: slices.Clone(values)}
}

// ddSeed returns the seed of repeat r at size k (k = 0 for streams shared by
// every size): a SplitMix64 hash of (seed, k, r), so repeats and sizes get
// unrelated streams and a point depends on nothing but its own size.
func ddSeed(seed uint64, k, r int) uint64 {
	return rng.SplitMix64(seed^rng.SplitMix64(uint64(k)<<32|uint64(r)+1, 1), 1)
}
