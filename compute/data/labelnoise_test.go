package data

import (
	"math"
	"slices"
	"testing"
)

// cleanMixture returns a small clean classification set for label noise.
func cleanMixture(t *testing.T, classes, n int) Set {
	t.Helper()
	sp, err := Mixture(MixtureSettings{Classes: classes, Dim: 2, Train: n, Test: 1, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	return sp.Train
}

func TestLabelNoiseFlipsExactlyTheRequestedCountAndNeverToTheSameClass(t *testing.T) {
	for _, c := range []struct {
		classes, n int
		frac       float64
		want       int // round(frac·n), by hand
	}{
		{2, 100, 0.2, 20},
		{10, 4000, 0.2, 800},
		{10, 999, 0.5, 500}, // 499.5 rounds away from zero
		{3, 7, 0.1, 1},      // 0.7 rounds to 1
		{5, 50, 0, 0},
		{5, 50, 1, 50},
		{2, 1, 0.49, 0},
	} {
		s := cleanMixture(t, c.classes, c.n)
		clean := slices.Clone(s.Labels)
		if err := AddLabelNoise(&s, c.frac, 42); err != nil {
			t.Fatalf("C=%d n=%d frac=%v: %v", c.classes, c.n, c.frac, err)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("C=%d n=%d frac=%v: %v", c.classes, c.n, c.frac, err)
		}
		changed := 0
		for i := range clean {
			if s.Original[i] != clean[i] {
				t.Fatalf("C=%d n=%d: Original[%d] = %d, clean label %d", c.classes, c.n, i, s.Original[i], clean[i])
			}
			if s.Labels[i] != clean[i] {
				changed++
			}
			if s.Noisy[i] != (s.Labels[i] != clean[i]) {
				t.Fatalf("C=%d n=%d: Noisy[%d] = %t, labels %d → %d", c.classes, c.n, i, s.Noisy[i], clean[i], s.Labels[i])
			}
		}
		if changed != c.want || s.NoisyCount() != c.want {
			t.Errorf("C=%d n=%d frac=%v: %d labels changed, NoisyCount %d, want %d",
				c.classes, c.n, c.frac, changed, s.NoisyCount(), c.want)
		}
	}
}

// Truth: each corrupted label is uniform over the C − 1 other classes, so
// with 4 classes and m flips from class 0 each of classes 1, 2, 3 receives
// m/3 on average, binomial standard deviation √(m·⅓·⅔). Tolerance: 5 of those.
func TestLabelNoiseIsUniformOverTheOtherClasses(t *testing.T) {
	s := cleanMixture(t, 4, 40000)
	if err := AddLabelNoise(&s, 0.6, 7); err != nil {
		t.Fatal(err)
	}
	var to [4][4]int
	for i, o := range s.Original {
		if s.Noisy[i] {
			to[o][s.Labels[i]]++
		}
	}
	for from := range to {
		m := 0
		for _, v := range to[from] {
			m += v
		}
		mean, sd := float64(m)/3, math.Sqrt(float64(m)*2/9)
		for c, v := range to[from] {
			if c == from && v != 0 {
				t.Errorf("%d labels of class %d stayed %d", v, from, c)
			}
			if c != from && math.Abs(float64(v)-mean) > 5*sd {
				t.Errorf("class %d → %d: %d flips, want %.0f ± %.0f", from, c, v, mean, 5*sd)
			}
		}
	}
}

func TestLabelNoiseIsDeterministicGivenItsSeed(t *testing.T) {
	a, b, c := cleanMixture(t, 5, 200), cleanMixture(t, 5, 200), cleanMixture(t, 5, 200)
	_ = AddLabelNoise(&a, 0.3, 1)
	_ = AddLabelNoise(&b, 0.3, 1)
	_ = AddLabelNoise(&c, 0.3, 2)
	if fingerprint(&a) != fingerprint(&b) {
		t.Errorf("two runs with seed 1 differ")
	}
	if fingerprint(&a) == fingerprint(&c) {
		t.Errorf("seeds 1 and 2 corrupt the same labels")
	}
}

func TestLabelNoiseRejectsBadInputAndLeavesTheSetUnchanged(t *testing.T) {
	reg := Set{X: []float64{1, 2}, N: 2, Dim: 1, Out: 1, Targets: []float64{0, 1}}
	noisy := cleanMixture(t, 3, 10)
	_ = AddLabelNoise(&noisy, 0.5, 1)
	broken := cleanMixture(t, 3, 10)
	broken.Labels[4] = 3
	for _, c := range []struct {
		name string
		set  Set
		frac float64
		word string
	}{
		{"a negative fraction", cleanMixture(t, 3, 10), -0.1, "fraction"},
		{"a fraction above one", cleanMixture(t, 3, 10), 1.5, "fraction"},
		{"a NaN fraction", cleanMixture(t, 3, 10), math.NaN(), "fraction"},
		{"a regression set", reg, 0.1, "Classes"},
		{"a set that already carries noise", noisy, 0.1, "already"},
		{"a label out of range", broken, 0.1, "Labels[4]"},
	} {
		before := fingerprint(&c.set)
		err := AddLabelNoise(&c.set, c.frac, 1)
		checkErrorNames(t, c.name, err, c.word)
		if fingerprint(&c.set) != before {
			t.Errorf("%s: the set changed", c.name)
		}
	}
}
