package experiment

import (
	"fmt"

	"github.com/overparam/overparam/compute/spectrum"
)

// OutlierRule states, in one sentence for a reader of the page or the CLI,
// how SpectrumResult.Outliers is counted (spectrum.FindOutliers).
var OutlierRule = fmt.Sprintf("Outliers are the converged top eigenvalues (Ritz residual below %g%% of the value and of the gap to its neighbours) above the bulk edge, "+
	"the gap of at least %g× between neighbouring points of the SLQ density that is widest when measured from a point s inside the top of the bulk "+
	"(max(%d, %g%% of n) eigenvalues above it, fewer for a low-rank matrix) rather than from zero; a gap ratio below %g× is marked weak.",
	100*spectrum.ConvergedFraction, spectrum.MinGapRatio, spectrum.BulkDepth, 100*spectrum.BulkDepthFraction, spectrum.StrongGapRatio)

// setOutliers stores the outcome of the outlier rule in r.
func (r *SpectrumResult) setOutliers(o spectrum.Outliers) {
	r.Outliers, r.BulkEdge, r.GapRatio, r.WeakGap = o.Count, o.Edge, o.Ratio, o.Weak
}
