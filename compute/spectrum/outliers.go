package spectrum

import "math"

// Constants of the outlier rule (see FindOutliers).
const (
	// BulkDepth is K₀, the fewest eigenvalues above the bulk reference s:
	// s lies at least this deep below the top of the spectrum, beneath the
	// outliers (about C − 1 for C classes) and inside the top of the bulk.
	BulkDepth = 20
	// BulkDepthFraction is the same depth as a fraction of the dimension n,
	// used when it is larger than BulkDepth.
	BulkDepthFraction = 0.01
	// MinGapRatio is the smallest ratio b/a between consecutive points of the
	// SLQ measure (0 < a < b) that can end the bulk.
	MinGapRatio = 1.2
	// StrongGapRatio is the gap ratio b/a below which a count is flagged
	// weak. Sagun et al. (2017, §3) and Papyan (2020) show modest gaps
	// between the last class outlier and the bulk; below 1.3 a second look
	// at the table is worth it.
	StrongGapRatio = 1.3
	// ConvergedFraction is η of the convergence test: a Ritz value θ with
	// residual r is converged when r ≤ η·|θ| and r ≤ η·gap, gap being the
	// distance to the nearest other Ritz value of its run.
	ConvergedFraction = 0.01
)

// Outliers is the result of the outlier rule (see FindOutliers).
type Outliers struct {
	// Count is the number of outliers: top eigenvalues above the bulk edge.
	Count int
	// Edge is the bulk edge a, the top of the bulk in eigenvalue units (the
	// largest point of the measure below the gap); with no gap, the largest
	// value.
	Edge float64
	// Ratio is the gap ratio b/a: the smallest point above the edge over the
	// edge (0 when there is no gap; then Count is 0).
	Ratio float64
	// Start is the bulk reference s from which gaps are measured (see
	// FindOutliers), in eigenvalue units.
	Start float64
	// Weak reports that the count is uncertain: the gap ratio is below
	// StrongGapRatio, a top Ritz value above the edge has not converged, or
	// every top value sits above the edge (more steps or a larger top-k
	// would be needed to see the bulk).
	Weak bool
}

// Converged reports whether the Ritz value values[i] of one Lanczos run
// (all of its Ritz values, ascending) with residual r = |β_m s_{m,i}| has
// converged: r is at most ConvergedFraction of |θ_i| and of the distance gap
// to its nearest neighbour among values. By the Kato–Temple inequality
// (Kato 1949) θ_i is then within r²/gap ≤ η·r of an eigenvalue, far closer
// than its distance to the next Ritz value.
func Converged(values []float64, i int, r float64) bool {
	th := values[i]
	gap := math.Inf(1)
	if i > 0 {
		gap = th - values[i-1]
	}
	if i+1 < len(values) {
		gap = min(gap, values[i+1]-th)
	}
	return r <= ConvergedFraction*math.Abs(th) && r <= ConvergedFraction*gap
}

// FindOutliers counts the outliers at the top of a spectrum by this rule:
//
//  1. The bulk reference s comes from the SLQ measure Σ_k w_k δ(λ − λ_k)
//     of d (nodes ascending, weights summing to 1): it is the largest node with at least K eigenvalues (n·w) at
//     or above it, where K = max(BulkDepth, BulkDepthFraction·n), but at
//     most a quarter of the eigenvalues above σ (the kernel width, the
//     density's resolution of zero) for a low-rank matrix; s is raised to σ
//     if lower.
//  2. The bulk edge is a gap between consecutive points a < b of s and the
//     nodes above it, with b/a ≥ MinGapRatio: among these the one with the
//     largest (b − s)/(a − s), the gap measured from the top of the bulk
//     rather than from zero (a = s counts as infinitely large; ties go to
//     the lowest gap). The edge is a and the gap ratio b/a.
//  3. The outliers are the leading run of converged Ritz values above the
//     edge: top[0], top[1], … (the largest Ritz values of one Lanczos run,
//     descending, with their residuals), counted while they exceed the
//     gap's geometric midpoint √(ab) (top and the measure's nodes come from
//     different Lanczos runs, so the top of the bulk can exceed a by an
//     ulp) and pass Converged among ritz, all Ritz values of that run
//     ascending.
//
// The count is flagged Weak when b/a < StrongGapRatio, when the run stops at
// an unconverged value above the edge, or when every value of top lies
// above the edge. Measuring gaps from s keeps a dominant λ₁/λ₂ (common with
// six classes, where λ₁/λ₂ can exceed the gap to the bulk) from outscoring
// the gap just above the bulk, whose a − s is small. The rule counts 0
// outliers when no gap of MinGapRatio lies above s.
//
// Sagun et al. (2017, §3) and Papyan (2020) describe this bulk near zero
// with outliers above it. d is the SLQ density of an n×n operator (its
// Nodes, Weights and Sigma are used). FindOutliers panics if len(residuals)
// ≠ len(top) or len(top) > len(ritz).
func FindOutliers(d Density, n int, ritz, top, residuals []float64) Outliers {
	if len(residuals) != len(top) || len(top) > len(ritz) {
		panic(msgOutlierLen)
	}
	var out Outliers
	if len(top) == 0 {
		return out
	}
	out.Edge = top[0]
	nodes, sigma := d.Nodes, d.Sigma
	if len(nodes) == 0 {
		return out
	}
	s := max(bulkReference(nodes, d.Weights, sigma, n), sigma)
	out.Start = s
	best := -1.0
	a := s
	for _, b := range nodes {
		if b <= s {
			continue
		}
		if a > 0 && b/a >= MinGapRatio {
			score := math.Inf(1)
			if a > s {
				score = (b - s) / (a - s)
			}
			if score > best {
				best, out.Edge, out.Ratio = score, a, b/a
			}
		}
		a = b
	}
	if out.Ratio == 0 {
		return out
	}
	out.Weak = out.Ratio < StrongGapRatio
	// A value counts as above the gap when it exceeds the gap's geometric
	// midpoint √(ab): top comes from another Lanczos run than the measure's
	// nodes, so the bulk's top eigenvalue can exceed a by an ulp in top.
	mid := math.Sqrt(out.Edge * float64(out.Ratio*out.Edge))
	for j, th := range top {
		if th <= mid {
			return out
		}
		if !Converged(ritz, len(ritz)-1-j, residuals[j]) {
			out.Weak = true
			return out
		}
		out.Count++
	}
	out.Weak = true // every top value is above the edge: the bulk is out of sight
	return out
}

// bulkReference returns s of FindOutliers before it is raised to σ: the
// largest node with at least K eigenvalues (n times the weight) at or above
// it, or the smallest node if there are fewer.
func bulkReference(nodes, weights []float64, sigma float64, n int) float64 {
	var aboveSigma float64
	for k, x := range nodes {
		if x > sigma {
			aboveSigma += weights[k]
		}
	}
	k := min(max(BulkDepth, BulkDepthFraction*float64(n)), float64(n)*aboveSigma/4)
	var count float64
	for i := len(nodes) - 1; i >= 0; i-- {
		count += float64(float64(n) * weights[i])
		if count >= k {
			return nodes[i]
		}
	}
	return nodes[0]
}
