package data

import (
	"math"
	"testing"
)

func TestSetValidateAcceptsConsistentSetsAndNamesTheProblemOtherwise(t *testing.T) {
	good := func() Set {
		return Set{X: []float64{0, 1, 2, 3, 4, 5}, N: 3, Dim: 2, Classes: 3, Labels: []int{0, 2, 1}}
	}
	reg := func() Set {
		return Set{X: []float64{0, 1, 2}, N: 3, Dim: 1, Out: 2, Targets: []float64{0, 1, 2, 3, 4, 5}}
	}
	for name, s := range map[string]Set{"zero set": {}, "classification set": good(), "regression set": reg()} {
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	cases := []struct {
		name   string
		mutate func(*Set)
		word   string
	}{
		{"negative N", func(s *Set) { s.N = -1 }, "N"},
		{"short X", func(s *Set) { s.X = s.X[:5] }, "len(Set.X)"},
		{"NaN input", func(s *Set) { s.X[3] = math.NaN() }, "X[3]"},
		{"one class", func(s *Set) { s.Classes = 1 }, "Classes"},
		{"label out of range", func(s *Set) { s.Labels[1] = 3 }, "Labels[1]"},
		{"negative label", func(s *Set) { s.Labels[0] = -1 }, "Labels[0]"},
		{"missing labels", func(s *Set) { s.Labels = nil }, "len(Set.Labels)"},
		{"targets on a classification set", func(s *Set) { s.Out = 1 }, "regression targets"},
		{"short noise records", func(s *Set) { s.Noisy = []bool{false} }, "Noisy"},
		{"noise record disagreeing with labels", func(s *Set) {
			s.Noisy, s.Original = []bool{false, false, false}, []int{0, 1, 1}
		}, "Noisy[1]"},
	}
	for _, c := range cases {
		s := good()
		c.mutate(&s)
		checkErrorNames(t, c.name, s.Validate(), c.word)
	}
	for _, c := range []struct {
		name   string
		mutate func(*Set)
		word   string
	}{
		{"regression set with Out 0", func(s *Set) { s.Out = 0 }, "Out"},
		{"regression set with labels", func(s *Set) { s.Labels = []int{0, 0, 0} }, "labels"},
		{"infinite target", func(s *Set) { s.Targets[5] = math.Inf(-1) }, "Targets[5]"},
		{"short targets", func(s *Set) { s.Targets = s.Targets[:1] }, "len(Set.Targets)"},
	} {
		s := reg()
		c.mutate(&s)
		checkErrorNames(t, c.name, s.Validate(), c.word)
	}
}

func TestSubsetCopiesTheChosenSamplesInOrder(t *testing.T) {
	s := Set{X: []float64{0, 1, 10, 11, 20, 21}, N: 3, Dim: 2, Classes: 3, Labels: []int{0, 1, 2},
		Noisy: []bool{false, true, false}, Original: []int{0, 0, 2}}
	sub := s.Subset([]int{2, 1, 2})
	want := Set{X: []float64{20, 21, 10, 11, 20, 21}, N: 3, Dim: 2, Classes: 3, Labels: []int{2, 1, 2},
		Noisy: []bool{false, true, false}, Original: []int{2, 0, 2}}
	if fingerprint(&sub) != fingerprint(&want) {
		t.Errorf("Subset = %+v, want %+v", sub, want)
	}
	sub.X[0] = -1
	if s.X[4] != 20 {
		t.Errorf("Subset shares memory with the original")
	}
	reg := Set{X: []float64{1, 2}, N: 2, Dim: 1, Out: 2, Targets: []float64{1, 2, 3, 4}}
	if got := reg.Subset([]int{1}); got.N != 1 || got.Targets[0] != 3 || got.Targets[1] != 4 || got.X[0] != 2 {
		t.Errorf("regression Subset = %+v", got)
	}
	defer func() {
		if recover() == nil {
			t.Errorf("Subset with index 3 of 3 did not panic")
		}
	}()
	s.Subset([]int{3})
}
