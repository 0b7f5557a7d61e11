package spectrum

import (
	"testing"

	"github.com/overparam/overparam/compute/internal/parity"
)

// Truth: the native run of the same code (package parity records it in a
// native test run and compares in the js/wasm run).
func TestJSWasmGivesTheNativeBits(t *testing.T) {
	a := withSpectrum(bulkAndOutliers(128, 5, 9), 50)
	res, err := RunLanczos(a, LanczosSettings{Steps: 40, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	parity.Check(t, "spectrum-lanczos", parity.Floats(res.Values, res.Weights, res.Residuals))
	d, err := EstimateDensity(a, DensitySettings{Probes: 3, Steps: 30, Kind: Gaussian, Seed: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	parity.Check(t, "spectrum-slq", parity.Floats(d.Nodes, d.Weights, d.Grid, d.Values, []float64{d.Trace, d.Mass}))
	// randomSym draws from compute/rng, which has the same bits everywhere.
	parity.Check(t, "spectrum-dense", parity.Floats(DenseEigenvalues(randomSym(100, 1, 51))))
}
