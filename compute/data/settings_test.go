package data

import (
	"math"
	"testing"
)

func TestValidateRejectsOutOfRangeSettingsNamingTheField(t *testing.T) {
	cases := []struct {
		name  string
		err   error
		words []string
	}{
		{"mixture with one class", MixtureSettings{Classes: 1}.Validate(), []string{"Classes", "2…100"}},
		{"mixture with 101 classes", MixtureSettings{Classes: 101}.Validate(), []string{"Classes", "2…100"}},
		{"mixture with negative dimension", MixtureSettings{Dim: -1}.Validate(), []string{"Dim", "1…4096"}},
		{"mixture with 4097 dimensions", MixtureSettings{Dim: 4097}.Validate(), []string{"Dim", "1…4096"}},
		{"mixture with negative separation", MixtureSettings{Separation: -1}.Validate(), []string{"Separation"}},
		{"mixture with NaN separation", MixtureSettings{Separation: math.NaN()}.Validate(), []string{"Separation", "NaN"}},
		{"mixture with infinite separation", MixtureSettings{Separation: math.Inf(1)}.Validate(), []string{"Separation"}},
		{"mixture with negative train count", MixtureSettings{Train: -5}.Validate(), []string{"Train", "1…100000"}},
		{"mixture with too many test samples", MixtureSettings{Test: 100_001}.Validate(), []string{"Test"}},
		{"mixture over the memory budget", MixtureSettings{Dim: 4096, Train: 100_000}.Validate(), []string{"Train", "Test", "Dim"}},
		{"moons with negative noise", ShapeSettings{Noise: -0.1}.Validate(), []string{"Noise", "0…100"}},
		{"circles with factor 1", ShapeSettings{Factor: 1}.Validate(), []string{"Factor", "0 < Factor < 1"}},
		{"circles with negative factor", ShapeSettings{Factor: -0.5}.Validate(), []string{"Factor"}},
		{"shapes with negative train count", ShapeSettings{Train: -1}.Validate(), []string{"Train"}},
		{"teacher with no neurons", TeacherSettings{Hidden: -1}.Validate(), []string{"Hidden", "1…1024"}},
		{"teacher with 5000 dimensions", TeacherSettings{Dim: 5000}.Validate(), []string{"Dim", "1…4096"}},
		{"teacher with NaN noise", TeacherSettings{Noise: math.NaN()}.Validate(), []string{"Noise"}},
		{"teacher with negative test count", TeacherSettings{Test: -1}.Validate(), []string{"Test"}},
		{"digits with 10,001 training digits", DigitsSettings{Train: 10_001}.Validate(), []string{"Train", "1…10000"}},
		{"digits with 2,001 test digits", DigitsSettings{Test: 2_001}.Validate(), []string{"Test", "1…2000"}},
		{"digits of size 7", DigitsSettings{Size: 7}.Validate(), []string{"Size", "28 or 14"}},
		{"two bad fields", MixtureSettings{Classes: 1, Dim: -1}.Validate(), []string{"Classes", "Dim"}},
	}
	for _, c := range cases {
		checkErrorNames(t, c.name, c.err, c.words...)
	}
}

func TestZeroSettingsAreValidAndMeanTheDocumentedDefaults(t *testing.T) {
	for name, err := range map[string]error{
		"mixture": MixtureSettings{}.Validate(),
		"shapes":  ShapeSettings{}.Validate(),
		"teacher": TeacherSettings{}.Validate(),
		"digits":  DigitsSettings{}.Validate(),
	} {
		if err != nil {
			t.Errorf("zero %s settings: %v", name, err)
		}
	}
	// Truth: the defaults stated in the doc comments of the Settings types.
	if got, want := (MixtureSettings{}).WithDefaults(), (MixtureSettings{Classes: 3, Dim: 2, Separation: 3, Train: 100, Test: 1000}); got != want {
		t.Errorf("mixture defaults %+v, want %+v", got, want)
	}
	if got, want := (ShapeSettings{}).WithDefaults(), (ShapeSettings{Factor: 0.5, Train: 200, Test: 1000}); got != want {
		t.Errorf("shape defaults %+v, want %+v", got, want)
	}
	if got, want := (TeacherSettings{}).WithDefaults(), (TeacherSettings{Dim: 10, Hidden: 4, Train: 1000, Test: 1000}); got != want {
		t.Errorf("teacher defaults %+v, want %+v", got, want)
	}
	if got, want := (DigitsSettings{}).WithDefaults(), (DigitsSettings{Train: 1000, Test: 500, Size: 28}); got != want {
		t.Errorf("digits defaults %+v, want %+v", got, want)
	}
}

func TestGeneratorsReturnValidationErrorsAndNoData(t *testing.T) {
	if sp, err := Mixture(MixtureSettings{Classes: 1}); err == nil || sp.Train.N != 0 {
		t.Errorf("Mixture with one class: err %v, %d samples", err, sp.Train.N)
	}
	if sp, err := Moons(ShapeSettings{Noise: -1}); err == nil || sp.Train.N != 0 {
		t.Errorf("Moons with negative noise: err %v, %d samples", err, sp.Train.N)
	}
	if sp, err := Circles(ShapeSettings{Factor: 2}); err == nil || sp.Train.N != 0 {
		t.Errorf("Circles with factor 2: err %v, %d samples", err, sp.Train.N)
	}
	if sp, _, err := TeacherStudent(TeacherSettings{Hidden: 2000}); err == nil || sp.Train.N != 0 {
		t.Errorf("TeacherStudent with 2000 neurons: err %v, %d samples", err, sp.Train.N)
	}
	if sp, err := Digits(nil, DigitsSettings{Size: 3}); err == nil || sp.Train.N != 0 {
		t.Errorf("Digits of size 3: err %v, %d samples", err, sp.Train.N)
	}
}
