package data

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/rng"
)

// Set is a dataset held in memory: N samples of dimension Dim, stored row-major
// in X (sample i is X[i*Dim : (i+1)*Dim]).
//
// A classification set has Classes ≥ 2 and one label per sample in Labels,
// each in [0, Classes). A regression set has Classes = 0 and Out target values
// per sample in Targets, row-major like X. Label noise, when applied, is
// recorded in Noisy (which samples were relabelled) and Original (their labels
// before relabelling), so a page can show which points are mislabelled.
//
// The zero Set is an empty dataset.
type Set struct {
	X   []float64
	N   int
	Dim int

	Classes int
	Labels  []int

	Out     int
	Targets []float64

	Noisy    []bool
	Original []int
}

// Split is a training set and a test set drawn from the same distribution.
type Split struct {
	Train, Test Set
}

// Row returns sample i's input, a view into X.
func (s *Set) Row(i int) []float64 { return s.X[i*s.Dim : (i+1)*s.Dim] }

// OutDim returns the width of the network output the set calls for: the
// number of classes for classification, Out for regression.
func (s *Set) OutDim() int {
	if s.Classes > 0 {
		return s.Classes
	}
	return s.Out
}

// OneHot returns the N×Classes one-hot encoding of Labels, the regression
// targets of a classification set under squared loss.
func (s *Set) OneHot() []float64 {
	y := make([]float64, s.N*s.Classes)
	for i, c := range s.Labels {
		y[i*s.Classes+c] = 1
	}
	return y
}

// Validate reports the first way in which s is internally inconsistent: a
// negative N or a Dim < 1 with samples, X not N·Dim long or not finite, a
// classification set with Classes < 2, a label count other than N or a label
// outside [0, Classes), a regression set with Out < 1, Targets not N·Out long
// or not finite, labels and targets mixed, or label-noise records (Noisy,
// Original) of the wrong length or disagreeing with Labels. The zero Set is
// valid. Validate is meant for data from outside the package, such as uploads.
func (s *Set) Validate() error {
	switch {
	case s.N < 0:
		return fmt.Errorf("data: Set.N = %d, want ≥ 0", s.N)
	case s.N > 0 && s.Dim < 1:
		return fmt.Errorf("data: Set.Dim = %d, want ≥ 1", s.Dim)
	case len(s.X) != s.N*s.Dim:
		return fmt.Errorf("data: len(Set.X) = %d, want N·Dim = %d", len(s.X), s.N*s.Dim)
	}
	if i := firstNonFinite(s.X); i >= 0 {
		return fmt.Errorf("data: Set.X[%d] = %v, want a finite number", i, s.X[i])
	}
	switch {
	case s.Classes < 0:
		return fmt.Errorf("data: Set.Classes = %d, want 0 (regression) or ≥ 2", s.Classes)
	case s.Classes == 1:
		return fmt.Errorf("data: Set.Classes = 1, want 0 (regression) or ≥ 2")
	case s.Classes > 0:
		return s.validateLabels()
	}
	switch {
	case s.Labels != nil || s.Noisy != nil || s.Original != nil:
		return fmt.Errorf("data: regression set (Classes = 0) has labels")
	case s.Out < 1 && s.N > 0:
		return fmt.Errorf("data: Set.Out = %d, want ≥ 1 for a regression set", s.Out)
	case len(s.Targets) != s.N*s.Out:
		return fmt.Errorf("data: len(Set.Targets) = %d, want N·Out = %d", len(s.Targets), s.N*s.Out)
	}
	if i := firstNonFinite(s.Targets); i >= 0 {
		return fmt.Errorf("data: Set.Targets[%d] = %v, want a finite number", i, s.Targets[i])
	}
	return nil
}

// validateLabels checks the labels and label-noise records of a
// classification set.
func (s *Set) validateLabels() error {
	switch {
	case s.Out != 0 || s.Targets != nil:
		return fmt.Errorf("data: classification set (Classes = %d) has regression targets", s.Classes)
	case len(s.Labels) != s.N:
		return fmt.Errorf("data: len(Set.Labels) = %d, want N = %d", len(s.Labels), s.N)
	}
	for i, c := range s.Labels {
		if c < 0 || c >= s.Classes {
			return fmt.Errorf("data: Set.Labels[%d] = %d, want 0…%d", i, c, s.Classes-1)
		}
	}
	if s.Noisy == nil && s.Original == nil {
		return nil
	}
	if len(s.Noisy) != s.N || len(s.Original) != s.N {
		return fmt.Errorf("data: len(Set.Noisy) = %d and len(Set.Original) = %d, want both N = %d",
			len(s.Noisy), len(s.Original), s.N)
	}
	for i, o := range s.Original {
		if o < 0 || o >= s.Classes {
			return fmt.Errorf("data: Set.Original[%d] = %d, want 0…%d", i, o, s.Classes-1)
		}
		if s.Noisy[i] != (o != s.Labels[i]) {
			return fmt.Errorf("data: Set.Noisy[%d] = %t but Original %d and Labels %d disagree with it",
				i, s.Noisy[i], o, s.Labels[i])
		}
	}
	return nil
}

// Subset returns a new set holding the samples idx[0], idx[1], … of s, in
// that order, with copies of their inputs, labels or targets and label-noise
// records. An index may repeat. Subset panics if an index is outside [0, N).
func (s *Set) Subset(idx []int) Set {
	out := Set{N: len(idx), Dim: s.Dim, Classes: s.Classes, Out: s.Out}
	out.X = make([]float64, 0, len(idx)*s.Dim)
	if s.Labels != nil {
		out.Labels = make([]int, len(idx))
	}
	if s.Targets != nil {
		out.Targets = make([]float64, 0, len(idx)*s.Out)
	}
	if s.Noisy != nil {
		out.Noisy = make([]bool, len(idx))
		out.Original = make([]int, len(idx))
	}
	for k, i := range idx {
		if i < 0 || i >= s.N {
			panic("data: Subset index out of range")
		}
		out.X = append(out.X, s.Row(i)...)
		if s.Labels != nil {
			out.Labels[k] = s.Labels[i]
		}
		if s.Targets != nil {
			out.Targets = append(out.Targets, s.Targets[i*s.Out:(i+1)*s.Out]...)
		}
		if s.Noisy != nil {
			out.Noisy[k], out.Original[k] = s.Noisy[i], s.Original[i]
		}
	}
	return out
}

// AddLabelNoise corrupts the labels of the classification set s in place, as
// in the symmetric label noise of Gu, Zheng & Aste (2023): it relabels
// exactly m = round(frac·N) samples (halves round away from zero), chosen
// uniformly without replacement, and gives each a new label drawn uniformly
// from the C − 1 classes other than its own. It records which samples were
// relabelled in s.Noisy and every sample's clean label in s.Original (equal
// to Labels where Noisy is false), so that the clean labels stay available.
//
// The draws come from stream rng.LabelNoise of seed: the m samples, by a
// partial Fisher–Yates shuffle of 0 … N−1, then, for each chosen sample in
// that order, an offset o uniform in 1 … C−1, the new label being
// (old + o) mod C.
//
// AddLabelNoise returns an error, and leaves s unchanged, if frac is not in
// [0, 1], if s is not a valid classification set, or if s already carries
// label noise (apply noise once, to clean labels).
func AddLabelNoise(s *Set, frac float64, seed uint64) error {
	if !(frac >= 0 && frac <= 1) {
		return fmt.Errorf("data: label-noise fraction = %v, want 0…1", frac)
	}
	if s.Classes < 2 {
		return fmt.Errorf("data: label noise needs a classification set, have Classes = %d", s.Classes)
	}
	if s.Noisy != nil || s.Original != nil {
		return fmt.Errorf("data: the set already carries label noise")
	}
	if err := s.Validate(); err != nil {
		return fmt.Errorf("data: label noise on an invalid set: %w", err)
	}
	m := int(math.Round(frac * float64(s.N)))
	r := rng.New(seed, rng.LabelNoise)
	s.Original = append([]int(nil), s.Labels...)
	s.Noisy = make([]bool, s.N)
	for _, i := range choose(r, s.N, m) {
		s.Labels[i] = (s.Labels[i] + 1 + r.IntN(s.Classes-1)) % s.Classes
		s.Noisy[i] = true
	}
	return nil
}

// NoisyCount returns how many samples of s carry a corrupted label: the
// number of true entries of Noisy, 0 for a set without label noise.
func (s *Set) NoisyCount() int {
	n := 0
	for _, b := range s.Noisy {
		if b {
			n++
		}
	}
	return n
}

// firstNonFinite returns the index of the first NaN or infinity in x, or −1.
func firstNonFinite(x []float64) int {
	for i, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return i
		}
	}
	return -1
}
