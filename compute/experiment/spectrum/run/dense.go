package run

import (
	"fmt"
	"math"

	numspectrum "github.com/overparam/overparam/compute/spectrum"
)

// denseEigenvalues returns every eigenvalue of the dense n×n curvature
// matrix h (row-major, both triangles), ascending, for the spec's -dense
// option. numspectrum.DenseEigenvalues returns nil when it cannot; this turns
// that into an error naming the cause — a NaN or infinite entry (its row
// and column), or a QL/QR iteration that did not converge — so a run never
// drops the dense eigenvalues silently.
func denseEigenvalues(h []float64, n int, curvature string) ([]float64, error) {
	if vals := numspectrum.DenseEigenvalues(numspectrum.Sym{N: n, Data: h}); vals != nil {
		return vals, nil
	}
	for k, v := range h {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("dense: the %d×%d %s matrix has the entry %v at row %d, column %d, so it has no eigenvalues", n, n, curvature, v, k/n+1, k%n+1)
		}
	}
	return nil, fmt.Errorf("dense: the QL/QR iteration for the eigenvalues of the %d×%d %s matrix did not converge", n, n, curvature)
}
