package chart

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// randomRange draws a range with lo of either sign at 10⁻¹²…10¹² and a span
// between 10⁻⁶ of |lo| and 10¹² (so that the span is resolvable in float64).
func randomRange(r *rand.Rand) (lo, hi float64) {
	lo = (2*r.Float64() - 1) * math.Pow(10, 24*r.Float64()-12)
	span := math.Abs(lo)*math.Pow(10, 8*r.Float64()-6) + math.Pow(10, 24*r.Float64()-12)
	return lo, lo + span
}

// Truth: the definition of nice ticks: equally spaced multiples of a step
// in {1, 2, 5}×10^k, inside the range; and a count bound derived from the
// choice rule. The nice steps bracketing span/n are at most 2.5 apart, so
// some candidate has between n and 2.5n+1 ticks, and the chosen count c is
// no further from n in ratio: n²/(2.5n+1) ≤ c ≤ 2.5n+1.
func TestNiceTicksProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	for i := range 20000 {
		lo, hi := randomRange(r)
		n := 2 + i%9
		ts := NiceTicks(lo, hi, n)
		if len(ts) < 2 {
			t.Fatalf("lo=%g hi=%g n=%d: %d ticks", lo, hi, n, len(ts))
		}
		step := ts[1] - ts[0]
		e := math.Floor(math.Log10(step) + 1e-9)
		m := step / math.Pow(10, e)
		if !slices.ContainsFunc([]float64{1, 2, 5}, func(w float64) bool { return math.Abs(m-w) < 1e-6 }) {
			t.Fatalf("lo=%g hi=%g n=%d: step %g is not 1, 2 or 5 × 10^k", lo, hi, n, step)
		}
		// The difference of two ticks carries their rounding error; the
		// multiple check needs the exact nice step.
		step = math.Round(m) * math.Pow(10, e)
		for j, v := range ts {
			if v < lo-1e-9*step || v > hi+1e-9*step {
				t.Fatalf("lo=%g hi=%g n=%d: tick %g outside the range", lo, hi, n, v)
			}
			if j > 0 && math.Abs(v-ts[j-1]-step) > 1e-6*step {
				t.Fatalf("lo=%g hi=%g n=%d: ticks %g, %g not %g apart", lo, hi, n, ts[j-1], v, step)
			}
			if k := v / step; math.Abs(k-math.Round(k)) > 1e-6 {
				t.Fatalf("lo=%g hi=%g n=%d: tick %g not a multiple of %g", lo, hi, n, v, step)
			}
		}
		fn := float64(n)
		if c := float64(len(ts)); c < fn*fn/(2.5*fn+1) || c > 2.5*fn+1 {
			t.Fatalf("lo=%g hi=%g n=%d: %d ticks, want within [%.2f, %.1f]", lo, hi, n, len(ts), fn*fn/(2.5*fn+1), 2.5*fn+1)
		}
	}
}

// Truth: hand-worked examples.
func TestNiceTicksExamples(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
		want   []float64
	}{
		{0, 1, 5, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}}, // step 0.2 gives 6, step 0.25 is not nice
		{0, 0.3, 3, []float64{0, 0.1, 0.2, 0.3}},       // 3·0.1 must be exactly 0.3
		{-0.05, 0.05, 5, []float64{-0.04, -0.02, 0, 0.02, 0.04}},
		{3, 3, 5, []float64{3}},
		{nan, 1, 5, nil},
	} {
		got := NiceTicks(c.lo, c.hi, c.n)
		if slices.ContainsFunc(got, func(v float64) bool { return v == 0 && math.Signbit(v) }) {
			t.Errorf("NiceTicks(%g, %g, %d) = %v has a negative zero", c.lo, c.hi, c.n, got)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("NiceTicks(%g, %g, %d) = %v, want %v", c.lo, c.hi, c.n, got, c.want)
		}
	}
}

// Truth: the definition: on ranges holding three or more powers of ten,
// every tick is exactly math.Pow10(k), inside the range, at most n+1 of
// them, at least two.
func TestLogTicksArePowersOfTen(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for i := range 5000 {
		lo := math.Pow(10, 22*r.Float64()-12)
		hi := lo * math.Pow(10, 3+21*r.Float64())
		n := 2 + i%9
		ts := LogTicks(lo, hi, n)
		if len(ts) < 2 || len(ts) > n+1 {
			t.Fatalf("lo=%g hi=%g n=%d: %d ticks %v", lo, hi, n, len(ts), ts)
		}
		for _, v := range ts {
			if k := math.Round(math.Log10(v)); v != math.Pow10(int(k)) {
				t.Fatalf("lo=%g hi=%g n=%d: tick %g is not a power of ten", lo, hi, n, v)
			}
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				t.Fatalf("lo=%g hi=%g n=%d: tick %g outside the range", lo, hi, n, v)
			}
		}
	}
}

// Truth: the documented fallback on narrow log ranges: positive, ascending
// ticks inside the range, at least two, 1-2-5 values where there are two.
func TestLogTicksOnNarrowRanges(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for range 5000 {
		lo := math.Pow(10, 22*r.Float64()-12)
		hi := lo * math.Pow(10, 0.01+2.5*r.Float64())
		ts := LogTicks(lo, hi, 6)
		if len(ts) < 2 || !slices.IsSorted(ts) || ts[0] <= 0 {
			t.Fatalf("lo=%g hi=%g: ticks %v", lo, hi, ts)
		}
		for _, v := range ts {
			if v < lo*(1-1e-9) || v > hi*(1+1e-9) {
				t.Fatalf("lo=%g hi=%g: tick %g outside the range", lo, hi, v)
			}
		}
	}
	if got, want := LogTicks(1.5, 30, 6), []float64{2, 5, 10, 20}; !slices.Equal(got, want) {
		t.Errorf("LogTicks(1.5, 30) = %v, want %v", got, want)
	}
}

// Truth: the label formats of the package documentation (doc.go, Axes and
// ticks), worked by hand.
func TestFormatTick(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {0.5, "0.5"}, {1, "1"}, {1.25e-3, "0.00125"},
		{-0.02, "−0.02"}, {1e4, "10000"}, {1e5, "1e5"}, {1.25e-4, "1.25e−4"}, {-3e-12, "−3e−12"},
		{1e12, "1e12"}, {0.1 + 0.2, "0.3"}, {123456789, "1.23457e8"}, {nan, "NaN"},
	} {
		if got := FormatTick(c.v); got != c.want {
			t.Errorf("FormatTick(%g) = %q, want %q", c.v, got, c.want)
		}
	}
}

// Truth: one precision per axis, the step's, worked by hand.
func TestFormatLinearUsesTheStepPrecision(t *testing.T) {
	for _, c := range []struct {
		ts   []float64
		want string
	}{
		{[]float64{0, 0.5, 1, 1.5}, "0 0.5 1 1.5"},
		{NiceTicks(0, 0.3, 3), "0 0.1 0.2 0.3"},
		{[]float64{-0.02, 0, 0.02}, "−0.02 0 0.02"},
		{[]float64{0, 2e-13, 4e-13}, "0 2e−13 4e−13"},
		{[]float64{1e5, 2e5}, "1e5 2e5"},
		{[]float64{1e6, 1.0001e6}, "1e6 1.0001e6"},
		{[]float64{-10000, 0, 10000}, "−10000 0 10000"},
		{[]float64{7}, "7"},
	} {
		if got := strings.Join(formatLinear(c.ts), " "); got != c.want {
			t.Errorf("formatLinear(%v) = %q, want %q", c.ts, got, c.want)
		}
	}
}

// Truth: the documented log-axis labels, worked by hand.
func TestFormatLog(t *testing.T) {
	for _, c := range []struct {
		ts      []float64
		decades bool
		want    string
	}{
		{[]float64{0.01, 0.1, 1, 10}, true, "0.01 0.1 1 10"},
		{[]float64{1e-12, 1e-6, 1, 1e6, 1e12}, true, "10⁻¹² 10⁻⁶ 10⁰ 10⁶ 10¹²"},
		{[]float64{2e-7, 5e-7, 1e-6}, false, "2e−7 5e−7 1e−6"},
	} {
		if got := strings.Join(formatLog(c.ts, c.decades), " "); got != c.want {
			t.Errorf("formatLog(%v) = %q, want %q", c.ts, got, c.want)
		}
	}
}
