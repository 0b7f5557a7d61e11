package run

import (
	"github.com/overparam/overparam/compute/experiment/spectrum"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
)

// setOutliers stores the outcome of the outlier rule in r.
func setOutliers(r *spectrum.Result, o numspectrum.Outliers) {
	r.Outliers, r.BulkEdge, r.GapRatio, r.WeakGap = o.Count, o.Edge, o.Ratio, o.Weak
}
