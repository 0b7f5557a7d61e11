package data

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// MaxElements bounds the number of input values, (Train + Test)·Dim, that
// one generator call may produce: 2²⁴ float64s, 128 MiB, which a browser tab
// can hold. A larger request is an error, not an attempt.
const MaxElements = 1 << 24

// Bounds on the sample counts of a generated set.
const (
	maxSamples = 100_000 // largest Train or Test of a synthetic generator
	maxDim     = 4096    // largest input dimension of a synthetic generator
	maxNoise   = 100     // largest noise standard deviation, in input units
)

// intField checks an integer setting whose zero value means def: it must be
// 0 or in [lo, hi]. The error names the settings type and field.
func intField(typ, field string, v, lo, hi, def int) error {
	if v == 0 || (lo <= v && v <= hi) {
		return nil
	}
	return fmt.Errorf("data: %s.%s = %d, want %d…%d (0 means %d)", typ, field, v, lo, hi, def)
}

// floatField checks a float setting: it must be finite and in [lo, hi]. The
// error names the settings type and field and, if def is not NaN, says what
// 0 means.
func floatField(typ, field string, v, lo, hi, def float64) error {
	if lo <= v && v <= hi { // false for NaN
		return nil
	}
	if math.IsNaN(def) {
		return fmt.Errorf("data: %s.%s = %v, want %v…%v", typ, field, v, lo, hi)
	}
	return fmt.Errorf("data: %s.%s = %v, want %v…%v (0 means %v)", typ, field, v, lo, hi, def)
}

// budget checks that (train + test)·dim inputs fit in MaxElements.
func budget(typ string, train, test, dim int) error {
	if n := (train + test) * dim; n > MaxElements {
		return fmt.Errorf("data: %s asks for (Train + Test)·Dim = (%d + %d)·%d = %d inputs, more than the %d a run may hold",
			typ, train, test, dim, n, MaxElements)
	}
	return nil
}

// orDefault returns v, or def if v is zero.
func orDefault[T int | float64](v, def T) T {
	if v == 0 {
		return def
	}
	return v
}

// shuffle permutes p uniformly at random (Fisher–Yates, drawing j from
// [0, i] for i = len(p)−1 down to 1).
func shuffle(r *rand.Rand, p []int) {
	for i := len(p) - 1; i > 0; i-- {
		j := r.IntN(i + 1)
		p[i], p[j] = p[j], p[i]
	}
}

// choose returns k distinct indices drawn uniformly without replacement from
// [0, n), in the random order of a partial Fisher–Yates shuffle (draw j from
// [i, n) for i = 0 … k−1). It panics if k > n, a programmer's error.
func choose(r *rand.Rand, n, k int) []int {
	if k > n || k < 0 {
		panic("data: choose more items than there are")
	}
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + r.IntN(n-i)
		p[i], p[j] = p[j], p[i]
	}
	return p[:k:k]
}

// balancedLabels returns n labels in [0, c) in which class k appears
// ⌈(n−k)/c⌉ times: label i mod c for sample i, then shuffled.
func balancedLabels(r *rand.Rand, n, c int) []int {
	y := make([]int, n)
	for i := range y {
		y[i] = i % c
	}
	shuffle(r, y)
	return y
}

// newClassSet allocates a classification set of n samples of dimension dim
// with the given labels.
func newClassSet(n, dim, classes int, labels []int) Set {
	return Set{X: make([]float64, n*dim), N: n, Dim: dim, Classes: classes, Labels: labels}
}
