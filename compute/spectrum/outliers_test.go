package spectrum

import (
	"math"
	"testing"
)

// Truth: the rule in DetectOutliers' doc comment, applied by hand to each
// spectrum (the expected values are worked out in the comments).
func TestOutlierRule(t *testing.T) {
	cases := []struct {
		name string
		top  []float64
		min  float64
		want Outliers
	}{
		// r = 10/9, 9/8, 8/1, 1/0.9, 0.9/0.8 → i* = 3, r = 8.
		{"three outliers above a bulk at 1", []float64{10, 9, 8, 1, 0.9, 0.8}, 0,
			Outliers{Count: 3, Edge: 1, Ratio: 8, Index: 3}},
		// All r_i = 1 < 1.2: no outliers, edge λ₁; i* = 1 by the tie rule.
		{"no outliers when all values are equal", []float64{2, 2, 2, 2}, 0,
			Outliers{Count: 0, Edge: 2, Ratio: 1, Index: 1}},
		// r = 1.3/1.2 ≈ 1.083, 1.2/1.15 ≈ 1.043: i* = 1, below 1.2.
		{"no outliers when the largest gap is below MinRatio", []float64{1.3, 1.2, 1.15}, 0,
			Outliers{Count: 0, Edge: 1.3, Ratio: 1.3 / 1.2, Index: 1}},
		// The same spectrum with MinRatio 1.05 counts one outlier.
		{"a lower MinRatio accepts a modest gap", []float64{1.3, 1.2, 1.15}, 1.05,
			Outliers{Count: 1, Edge: 1.2, Ratio: 1.3 / 1.2, Index: 1}},
		// C−1 = 3 outliers for C = 4 classes (Sagun et al. 2017,
		// arXiv:1706.04454) above a bulk at 3: λ₃/λ₄ = 3.9/3 = 1.3 is the
		// largest ratio, above the default MinRatio 1.2.
		{"three class outliers with a 1.3 gap", []float64{5, 4.5, 3.9, 3, 2.9, 2.85, 2.8}, 0,
			Outliers{Count: 3, Edge: 3, Ratio: 1.3, Index: 3}},
		// Unsorted input is sorted first: same as the first case.
		{"unsorted input", []float64{0.8, 9, 1, 10, 0.9, 8}, 0,
			Outliers{Count: 3, Edge: 1, Ratio: 8, Index: 3}},
		// λ_{i+1} must exceed ε·λ₁ = 1e-11: the gap to 0 does not count;
		// r₁ = 10/5 = 2 is the largest admissible.
		{"a gap to zero is ignored", []float64{10, 5, 0, 0}, 0,
			Outliers{Count: 1, Edge: 5, Ratio: 2, Index: 1}},
		// Negative λ_{i+1} is below ε·λ₁: only r₁ = 4/2 qualifies.
		{"negative values never bound a gap", []float64{4, 2, -1, -3}, 0,
			Outliers{Count: 1, Edge: 2, Ratio: 2, Index: 1}},
		// λ_i > 0 fails everywhere.
		{"an all-negative spectrum has no outliers", []float64{-1, -2, -5}, 0,
			Outliers{Count: 0, Edge: -1, Ratio: 0, Index: 0}},
		{"a single value has no outliers", []float64{3}, 0,
			Outliers{Count: 0, Edge: 3}},
		{"an empty input has no outliers", nil, 0, Outliers{}},
		// NaN sorts last and never qualifies: as for [10, 1].
		{"NaN is ignored", []float64{10, math.NaN(), 1}, 0,
			Outliers{Count: 1, Edge: 1, Ratio: 10, Index: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := DetectOutliers(c.top, c.min)
			if got.Count != c.want.Count || got.Index != c.want.Index ||
				math.Abs(got.Edge-c.want.Edge) > 1e-15 || math.Abs(got.Ratio-c.want.Ratio) > 1e-12 {
				t.Errorf("DetectOutliers(%v, %v) = %+v, want %+v", c.top, c.min, got, c.want)
			}
			i, r := LargestGap(c.top)
			if i != got.Index || r != got.Ratio {
				t.Errorf("LargestGap(%v) = (%d, %v), want (%d, %v) as in DetectOutliers", c.top, i, r, got.Index, got.Ratio)
			}
		})
	}
}

// Truth: the spiked Wishart matrix has five spikes (5 … 80) well above its
// bulk edge (1+√½)² ≈ 2.9, so the rule on the top ten Ritz values finds 5.
func TestOutliersOfASpikedMatrix(t *testing.T) {
	a := spikedWishart(200, 400, []float64{5, 10, 20, 40, 80}, 0, 31)
	res, err := RunLanczos(a, LanczosSettings{Steps: 60}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var top []float64
	for _, r := range res.Top(10) {
		top = append(top, r.Value)
	}
	if o := DetectOutliers(top, 0); o.Count != 5 {
		t.Errorf("top ten %v: %+v, want 5 outliers", top, o)
	}
}
