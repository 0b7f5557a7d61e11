package run

import (
	"reflect"
	"testing"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/nn"
	numpaths "github.com/overparam/overparam/compute/paths"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
)

// Package spec repeats a few constants and formulas of the numerics
// packages, so that the page validates and costs runs without linking them.
// Truth: the numerics packages' own definitions, which the runs here use.
func TestSpecRepeatsTheNumericsPackagesConstants(t *testing.T) {
	ints := []struct {
		name      string
		spec, num int
	}{
		{"MaxDigitsTrain", experiment.MaxDigitsTrain, data.MaxDigitsTrain},
		{"MaxDigitsTest", experiment.MaxDigitsTest, data.MaxDigitsTest},
		{"MaxElements", experiment.MaxElements, data.MaxElements},
		{"LanczosSteps", experiment.LanczosSteps, numspectrum.DefaultSteps},
		{"OutlierBulkDepth", spectrum.OutlierBulkDepth, numspectrum.BulkDepth},
	}
	for _, c := range ints {
		if c.spec != c.num {
			t.Errorf("spec.%s = %d; the numerics package's is %d", c.name, c.spec, c.num)
		}
	}
	floats := []struct {
		name      string
		spec, num float64
	}{
		{"OutlierBulkDepthFraction", spectrum.OutlierBulkDepthFraction, numspectrum.BulkDepthFraction},
		{"OutlierMinGapRatio", spectrum.OutlierMinGapRatio, numspectrum.MinGapRatio},
		{"OutlierStrongGapRatio", spectrum.OutlierStrongGapRatio, numspectrum.StrongGapRatio},
		{"OutlierConvergedFraction", spectrum.OutlierConvergedFraction, numspectrum.ConvergedFraction},
	}
	for _, c := range floats {
		if c.spec != c.num {
			t.Errorf("spec.%s = %g; package spectrum's is %g", c.name, c.spec, c.num)
		}
	}
}

// Truth: numspectrum.LanczosBytes and numpaths.MeanField, which the runs allocate
// and build.
func TestSpecFormulasEqualTheNumericsPackages(t *testing.T) {
	for _, n := range []int{0, 1, 7, 80, 81, 5000, 1 << 20, 1 << 40} {
		for _, steps := range []int{0, 1, 20, 80, 300} {
			if got, want := experiment.LanczosBytes(n, steps), numspectrum.LanczosBytes(n, steps); got != want {
				t.Errorf("LanczosBytes(%d, %d) = %d; package spectrum's is %d", n, steps, got, want)
			}
		}
	}
	for _, d := range []int{1, 2, 16} {
		for _, n := range []int{1, 3, 64, 1024} {
			if got, want := experiment.MeanFieldArch(d, n), numpaths.MeanField(d, n, nn.ReLU, nn.Squared); !reflect.DeepEqual(got, want) {
				t.Errorf("MeanFieldArch(%d, %d) = %+v; numpaths.MeanField gives %+v", d, n, got, want)
			}
		}
	}
}
