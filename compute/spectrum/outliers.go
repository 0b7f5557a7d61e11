package spectrum

import (
	"cmp"
	"slices"
)

// Constants of the outlier rule.
const (
	// DefaultMinRatio is the smallest gap ratio λ_i/λ_{i+1} that counts as
	// a separation between outliers and bulk.
	DefaultMinRatio = 1.2
	// OutlierEpsilon is ε of the outlier rule: eigenvalues at or below
	// ε·λ₁ are treated as zero and never bound a gap.
	OutlierEpsilon = 1e-12
)

// Outliers is the result of the outlier rule (see DetectOutliers).
type Outliers struct {
	// Count is the number of outlier eigenvalues above the bulk.
	Count int
	// Edge is the bulk edge, in eigenvalue units: λ_{Count+1}, or λ₁ when
	// there are no outliers (0 for an empty input).
	Edge float64
	// Ratio is the largest gap ratio r_{i*} = λ_{i*}/λ_{i*+1} (0 when no i
	// qualifies), whether or not it reached MinRatio.
	Ratio float64
	// Index is i*, the 1-based position of the largest gap, so that
	// top[Index−1]/top[Index] = Ratio (0 when no i qualifies).
	Index int
}

// DetectOutliers counts the outliers at the top of a spectrum by this rule:
//
// Given the top eigenvalues λ_1 ≥ λ_2 ≥ … ≥ λ_K (K ≥ 2), consider
// i = 1…K−1 with λ_{i+1} > ε·λ_1 (ε = 1e-12) and λ_i > 0; the gap ratio is
// r_i = λ_i/λ_{i+1}. Let i* be the i with the largest r_i. If
// r_{i*} ≥ MinRatio (default 1.2) the outlier count is i* and the bulk edge
// is λ_{i*+1}; otherwise the count is 0 and the bulk edge is λ_1.
//
// top need not be sorted: DetectOutliers sorts a copy in decreasing order
// (NaN last; NaN never qualifies). Ties in r_i go to the smallest i. minRatio
// ≤ 0 means DefaultMinRatio. Fewer than two values give count 0 (with edge
// λ₁, or 0 if top is empty). The rule looks for the largest relative gap, as
// in the top-of-spectrum analyses of Sagun et al. (2017) and Papyan (2020).
func DetectOutliers(top []float64, minRatio float64) Outliers {
	if minRatio <= 0 {
		minRatio = DefaultMinRatio
	}
	lam := sortedDesc(top)
	var out Outliers
	if len(lam) == 0 {
		return out
	}
	out.Edge = lam[0]
	out.Index, out.Ratio = largestGap(lam)
	if out.Index > 0 && out.Ratio >= minRatio {
		out.Count = out.Index
		out.Edge = lam[out.Index]
	}
	return out
}

// LargestGap returns i* and r_{i*} of the outlier rule (see DetectOutliers):
// the 1-based position of the largest ratio λ_i/λ_{i+1} among qualifying i,
// and that ratio; (0, 0) if no i qualifies. top is sorted as in
// DetectOutliers.
func LargestGap(top []float64) (index int, ratio float64) {
	return largestGap(sortedDesc(top))
}

// largestGap implements LargestGap on values sorted in decreasing order.
func largestGap(lam []float64) (index int, ratio float64) {
	if len(lam) < 2 {
		return 0, 0
	}
	floor := OutlierEpsilon * lam[0]
	for i := 0; i+1 < len(lam); i++ {
		// 0-based i here is the rule's i−1: λ_i = lam[i], λ_{i+1} = lam[i+1].
		if !(lam[i+1] > floor && lam[i] > 0) {
			continue
		}
		if r := lam[i] / lam[i+1]; r > ratio {
			index, ratio = i+1, r
		}
	}
	return index, ratio
}

// sortedDesc returns a copy of x sorted in decreasing order, NaN last.
func sortedDesc(x []float64) []float64 {
	s := slices.Clone(x)
	slices.SortFunc(s, func(a, b float64) int { return cmp.Compare(b, a) })
	return s
}
