package data

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"testing"
)

// fingerprint returns a SHA-256 of every bit of s: its shape, inputs, labels,
// targets and label-noise records. Equal fingerprints mean identical sets.
func fingerprint(s *Set) string {
	h := sha256.New()
	put := func(v uint64) { _ = binary.Write(h, binary.BigEndian, v) }
	for _, v := range []int{s.N, s.Dim, s.Classes, s.Out} {
		put(uint64(v))
	}
	for _, v := range s.X {
		put(math.Float64bits(v))
	}
	for _, v := range s.Labels {
		put(uint64(v))
	}
	for _, v := range s.Targets {
		put(math.Float64bits(v))
	}
	for i, v := range s.Noisy {
		if v {
			put(uint64(i))
		}
	}
	for _, v := range s.Original {
		put(uint64(v))
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// splitFingerprint fingerprints both halves of a split.
func splitFingerprint(s Split) string {
	return fingerprint(&s.Train) + "/" + fingerprint(&s.Test)
}

// classCounts returns how often each class occurs in s.
func classCounts(s *Set) []int {
	n := make([]int, s.Classes)
	for _, c := range s.Labels {
		n[c]++
	}
	return n
}

// checkBalanced fails unless class counts differ by at most one and sum to N.
func checkBalanced(t *testing.T, name string, s *Set) {
	t.Helper()
	n := classCounts(s)
	lo, hi, sum := n[0], n[0], 0
	for _, v := range n {
		lo, hi, sum = min(lo, v), max(hi, v), sum+v
	}
	if hi-lo > 1 || sum != s.N {
		t.Errorf("%s: class counts %v for N = %d, want balanced within 1", name, n, s.N)
	}
}

// checkValid fails if s is not internally consistent or not of the given
// shape.
func checkValid(t *testing.T, name string, s *Set, n, dim int) {
	t.Helper()
	if err := s.Validate(); err != nil {
		t.Errorf("%s: %v", name, err)
	}
	if s.N != n || s.Dim != dim {
		t.Errorf("%s: N×Dim = %d×%d, want %d×%d", name, s.N, s.Dim, n, dim)
	}
}

// checkErrorNames fails unless err is non-nil and mentions every word.
func checkErrorNames(t *testing.T, name string, err error, words ...string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: no error, want one naming %v", name, words)
		return
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("%s: error %q does not mention %q", name, err, w)
		}
	}
}
