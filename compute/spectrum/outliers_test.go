package spectrum

import (
	"math"
	"testing"
)

// measure builds the SLQ measure of an n×n operator with the given
// eigenvalues (descending, one each, weight 1/n) whose other eigenvalues sit
// at base; top and residuals describe a Lanczos run that found the values
// exactly (residual 1e-15), largest first.
func measure(n int, sigma, base float64, values []float64) (d Density, ritz, top, residuals []float64) {
	d.Sigma = sigma
	d.Nodes = []float64{base}
	d.Weights = []float64{1 - float64(len(values))/float64(n)}
	for i := len(values) - 1; i >= 0; i-- { // values are descending
		d.Nodes = append(d.Nodes, values[i])
		d.Weights = append(d.Weights, 1/float64(n))
	}
	ritz = append([]float64(nil), d.Nodes...)
	top = append([]float64(nil), values...)
	residuals = make([]float64, len(top))
	for i := range residuals {
		residuals[i] = 1e-15
	}
	return d, ritz, top, residuals
}

// sixClasses is a spectrum shaped like the six-class preset with seed 1: five
// outliers whose λ₁/λ₂ = 1.5/0.95 ≈ 1.579 exceeds their gap to the bulk,
// 0.63/0.40 = 1.575, above a bulk whose top 30 eigenvalues are 0.40, 0.39,
// …, 0.11 (ratios ≤ 1.1).
func sixClasses() []float64 {
	v := []float64{1.5, 0.95, 0.86, 0.80, 0.63}
	for i := range 30 {
		v = append(v, 0.40-0.01*float64(i))
	}
	return v
}

// Truth: the rule in FindOutliers' doc comment, applied by hand (worked in
// each case's comment).
func TestOutlierRuleByHand(t *testing.T) {
	t.Run("a dominant λ₁/λ₂ does not beat the gap above the bulk", func(t *testing.T) {
		// n = 1000, all eigenvalues above σ: K = max(20, 10) = 20, so s is
		// the 20th value, 0.26
		// (5 outliers + 15 bulk values). Gaps of ≥ 1.2 above s: 0.40→0.63
		// scores (0.63−0.26)/(0.40−0.26) = 2.64, 0.63→0.80 scores 1.46 and
		// 0.95→1.5 scores 1.80, so the edge is 0.40 and the count 5, where
		// the largest adjacent ratio, λ₁/λ₂, would give 1.
		d, ritz, top, res := measure(1000, 1e-3, 0.05, sixClasses())
		got := FindOutliers(d, 1000, ritz, top, res)
		want := Outliers{Count: 5, Edge: 0.40, Ratio: 0.63 / 0.40, Start: 0.26}
		if got.Count != want.Count || got.Edge != want.Edge || math.Abs(got.Ratio-want.Ratio) > 1e-12 ||
			math.Abs(got.Start-want.Start) > 1e-12 || got.Weak {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
	t.Run("an unconverged value ends the run and flags the count", func(t *testing.T) {
		// The third value's residual 0.05 exceeds 1% of 0.86: the count stops
		// at 2 and is weak.
		d, ritz, top, res := measure(1000, 1e-3, 0.05, sixClasses())
		res[2] = 0.05
		if got := FindOutliers(d, 1000, ritz, top, res); got.Count != 2 || !got.Weak || got.Edge != 0.40 {
			t.Errorf("got %+v, want 2 weak outliers above 0.40", got)
		}
	})
	t.Run("a top-k that stops above the edge is flagged", func(t *testing.T) {
		// Only the top 3 Ritz values are reported: all three lie above the
		// edge 0.40, so the count is 3 and weak.
		d, ritz, top, res := measure(1000, 1e-3, 0.05, sixClasses())
		if got := FindOutliers(d, 1000, ritz, top[:3], res[:3]); got.Count != 3 || !got.Weak {
			t.Errorf("got %+v, want 3 weak outliers", got)
		}
	})
	t.Run("a gap below 1.3 is weak", func(t *testing.T) {
		// Outliers 0.5 and 0.6 above the bulk top 0.40 (ratio 1.25): s is
		// the 20th value, 0.23; 0.40→0.5 scores (0.5−0.23)/(0.40−0.23) =
		// 1.59, the only gap ≥ 1.2.
		v := []float64{0.6, 0.5}
		for i := range 30 {
			v = append(v, 0.40-0.01*float64(i))
		}
		d, ritz, top, res := measure(1000, 1e-3, 0.05, v)
		if got := FindOutliers(d, 1000, ritz, top, res); got.Count != 2 || !got.Weak || math.Abs(got.Ratio-1.25) > 1e-12 {
			t.Errorf("got %+v, want 2 outliers with a weak gap 1.25", got)
		}
	})
	t.Run("no gap means no outliers", func(t *testing.T) {
		// Values 0.40 … 0.11 in steps of 0.01: every ratio is below 1.2.
		d, ritz, top, res := measure(1000, 1e-3, 0.05, sixClasses()[5:])
		if got := FindOutliers(d, 1000, ritz, top, res); got.Count != 0 || got.Ratio != 0 || got.Edge != 0.40 {
			t.Errorf("got %+v, want 0 outliers, gap ratio 0 and the edge at λ₁", got)
		}
	})
	t.Run("a low-rank Gauss-Newton matrix", func(t *testing.T) {
		// The spectrum of the two-class Gauss-Newton example (n = 130, rank
		// 10): 7 values exceed σ = 6.9e-6, so K = min(20, 7/4) = 1.75 and s
		// is the 2nd value, 7.35e-4; the gap 7.35e-4 → 2.18e-3 starts at s.
		v := []float64{2.18e-3, 7.35e-4, 6.37e-4, 1.26e-4, 7.1e-5, 1.08e-5, 7.3e-6, 1.4e-6, 8.3e-7, 4.4e-8}
		d, ritz, top, res := measure(130, 6.9e-6, 0, v)
		got := FindOutliers(d, 130, ritz, top, res)
		if got.Count != 1 || got.Edge != 7.35e-4 || got.Weak {
			t.Errorf("got %+v, want 1 outlier above 7.35e-4", got)
		}
	})
	t.Run("empty input", func(t *testing.T) {
		if got := FindOutliers(Density{}, 0, nil, nil, nil); got != (Outliers{}) {
			t.Errorf("got %+v, want the zero Outliers", got)
		}
	})
}

// Truth: the definition in Converged's doc comment.
func TestConvergedNeedsASmallResidualAgainstValueAndGap(t *testing.T) {
	ritz := []float64{0.1, 0.5, 0.51, 2}
	cases := []struct {
		i    int
		r    float64
		want bool
	}{
		{3, 1e-3, true},    // 1e-3 ≤ 0.01·2 and ≤ 0.01·1.49
		{3, 0.03, false},   // above 1% of the value 2
		{1, 1e-3, false},   // the gap to 0.51 is 0.01: above 1% of it
		{1, 1e-5, true},    // 1e-5 ≤ 1e-4
		{0, 1e-3, true},    // 1e-3 ≤ 0.01·0.1 and ≤ 0.01·0.4
		{0, 1.1e-3, false}, // above 1% of the value 0.1
	}
	for _, c := range cases {
		if got := Converged(ritz, c.i, c.r); got != c.want {
			t.Errorf("Converged(%v, %d, %g) = %v, want %v", ritz, c.i, c.r, got, c.want)
		}
	}
}

// Truth: the spiked Wishart matrix has five spikes (5 … 80) well above its
// Marchenko–Pastur bulk edge (1+√½)² ≈ 2.9, so the rule on its SLQ density
// and top ten Ritz values finds 5, with the edge in the bulk.
func TestOutliersOfASpikedMatrix(t *testing.T) {
	a := spikedWishart(200, 400, []float64{5, 10, 20, 40, 80}, 0, 31)
	res, err := RunLanczos(a, LanczosSettings{Steps: 60}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, err := EstimateDensity(a, DensitySettings{Steps: 60, Probes: 4, Seed: 31}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var top, resid []float64
	for _, r := range res.Top(10) {
		top, resid = append(top, r.Value), append(resid, r.Residual)
	}
	o := FindOutliers(d, a.N, res.Values, top, resid)
	if o.Count != 5 || o.Weak || !(o.Edge < 3.2) {
		t.Errorf("top ten %v: %+v, want 5 outliers above a bulk edge near 2.9", top, o)
	}
}
