package run

import (
	"math"
	"strings"
	"testing"
)

func TestDenseEigenvaluesFailLoudlyOnANonFiniteMatrix(t *testing.T) {
	// Truth: the closed form — diag(1, 2) with an off-diagonal ½ has the
	// eigenvalues (3 ∓ √2)/2; a matrix with a NaN has none, and the error
	// says where the NaN is instead of returning no eigenvalues.
	vals, err := denseEigenvalues([]float64{1, 0.5, 0.5, 2}, 2, "hessian")
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{(3 - math.Sqrt2) / 2, (3 + math.Sqrt2) / 2}
	for i := range want {
		if math.Abs(vals[i]-want[i]) > 4e-16*want[1] {
			t.Errorf("eigenvalue %d = %.17g, want %.17g", i, vals[i], want[i])
		}
	}
	vals, err = denseEigenvalues([]float64{1, 0.5, 0.5, math.NaN()}, 2, "ggn")
	if err == nil {
		t.Fatalf("a NaN entry gave eigenvalues %v and no error", vals)
	}
	for _, s := range []string{"dense", "2×2 ggn", "NaN", "row 2, column 2"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %q", err, s)
		}
	}
}
