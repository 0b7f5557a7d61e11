package data

import (
	"slices"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/internal/parity"
)

// parityCases are small generator calls whose every bit must agree between
// native and js/wasm runs.
var parityCases = []struct {
	name string
	run  func(t *testing.T) string
}{
	{"mixture", func(t *testing.T) string {
		sp, _ := Mixture(MixtureSettings{Classes: 4, Dim: 3, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	}},
	{"moons", func(t *testing.T) string {
		sp, _ := Moons(ShapeSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	}},
	{"circles", func(t *testing.T) string {
		sp, _ := Circles(ShapeSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		return splitFingerprint(sp)
	}},
	{"teacher–student", func(t *testing.T) string {
		sp, teacher, _ := TeacherStudent(TeacherSettings{Noise: 0.1, Train: 50, Test: 20, Seed: 1})
		w := Set{X: slices.Concat(teacher.W, teacher.A), N: 1, Dim: len(teacher.W) + len(teacher.A)}
		return splitFingerprint(sp) + "/" + fingerprint(&w)
	}},
	{"label noise", func(t *testing.T) string {
		sp, _ := Mixture(MixtureSettings{Classes: 10, Dim: 1, Train: 100, Test: 1, Seed: 1})
		_ = AddLabelNoise(&sp.Train, 0.3, 1)
		return fingerprint(&sp.Train)
	}},
	{"digits", func(t *testing.T) string {
		_, a := loadDigits(t)
		sp, _ := a.Sample(DigitsSettings{Train: 20, Test: 10, Size: 14, Seed: 1})
		return splitFingerprint(sp)
	}},
}

// Truth: the native run of the same calls (package parity records the
// fingerprints in a native test run and compares in the js/wasm run); a
// difference would break every shared link.
func TestJSWasmDrawsTheNativeBits(t *testing.T) {
	for _, c := range parityCases {
		parity.Check(t, "data-"+strings.ReplaceAll(c.name, " ", "-"), c.run(t))
	}
}
