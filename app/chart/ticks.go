package chart

import (
	"math"
	"strconv"
	"strings"
)

// minus is the typographic minus sign, U+2212, used in every number the
// chart displays.
const minus = "−"

// NiceTicks returns tick values in [lo, hi] spaced by a "nice" step, one of
// 1, 2 or 5 times a power of ten, choosing the step whose tick count is
// closest to n in ratio (n is clamped to [2, 100]; on a tie the finer step
// wins). The
// ticks are k·step for integers k, computed without accumulating error. It
// returns nil if lo or hi is not finite and just lo if lo == hi. This is the
// nice-number idea of Heckbert (Graphics Gems, 1990) with the step chosen by
// counting instead of by thresholds.
func NiceTicks(lo, hi float64, n int) []float64 {
	if !finite(lo) || !finite(hi) {
		return nil
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		return []float64{lo}
	}
	n = max(2, min(n, 100))
	// span/n without overflowing when lo and hi are near ±MaxFloat64.
	raw := hi/float64(n) - lo/float64(n)
	if !(raw > 0) || !finite(raw) {
		return []float64{lo, hi} // lo and hi are adjacent denormals
	}
	e0 := int(math.Floor(math.Log10(raw)))
	best, bestE, bestM, bestD := 0, 0, 0.0, math.Inf(1)
	for e := e0 - 1; e <= e0+1; e++ {
		for _, m := range []float64{1, 2, 5} {
			c := len(niceRange(lo, hi, m, e))
			if c < 2 && best >= 2 {
				continue
			}
			// Distance as a ratio: 3 and 12 are equally far from 6.
			d := math.Abs(math.Log(float64(max(c, 1)) / float64(n)))
			if c >= 2 && best < 2 || d < bestD || d == bestD && c > best {
				best, bestE, bestM, bestD = c, e, m, d
			}
		}
	}
	return niceRange(lo, hi, bestM, bestE)
}

// niceRange returns the multiples of m·10^e in [lo, hi], allowing a relative
// slack of 1e-9 of the step at either end for rounding. It returns nil if
// there would be more than 1000.
func niceRange(lo, hi, m float64, e int) []float64 {
	step := m * math.Pow10(e)
	const slack = 1e-9
	k0, k1 := math.Ceil(lo/step-slack), math.Floor(hi/step+slack)
	if !(k1-k0 < 1000) {
		return nil
	}
	ts := make([]float64, 0, int(k1-k0)+1)
	for k := k0; k <= k1; k++ {
		// For e < 0, dividing by the exact integer 10^−e rounds correctly
		// (3·0.1 would give 0.30000000000000004).
		v := k * m * math.Pow10(e)
		if e < 0 && e >= -22 {
			v = k * m / math.Pow10(-e)
		}
		if v == 0 {
			v = 0 // not −0, from k = ceil(−slack)
		}
		ts = append(ts, v)
	}
	return ts
}

// LogTicks returns tick values for a logarithmic axis on [lo, hi], lo > 0.
// When the range holds at least three powers of ten it returns only powers
// of ten, every s-th decade with the smallest stride s that gives at most
// n+1 of them. On narrower ranges it returns the values 1, 2 and 5 times a
// power of ten inside the range, falling back to NiceTicks when there are
// fewer than two of those. It returns nil if lo or hi is not finite and
// positive.
func LogTicks(lo, hi float64, n int) []float64 {
	ts, _ := logTicks(lo, hi, n)
	return ts
}

// logTicks is LogTicks that also returns the decade stride, 0 when the ticks
// are not all powers of ten.
func logTicks(lo, hi float64, n int) ([]float64, int) {
	if !finite(lo) || !finite(hi) || lo <= 0 || hi <= 0 {
		return nil, 0
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	n = max(2, min(n, 100))
	const slack = 1e-9
	k0 := int(math.Ceil(math.Log10(lo) - slack))
	k1 := int(math.Floor(math.Log10(hi) + slack))
	if k1-k0+1 >= 3 {
		stride := 1
		for (k1-k0)/stride+1 > n+1 {
			stride++
		}
		var ts []float64
		for k := k0; k <= k1; k++ {
			if k%stride == 0 {
				ts = append(ts, pow10(k))
			}
		}
		return ts, stride
	}
	var ts []float64
	for k := k0 - 1; k <= k1; k++ {
		for _, m := range []float64{1, 2, 5} {
			v := m * pow10(k)
			if k < 0 && k >= -22 {
				v = m / math.Pow10(-k)
			}
			if v >= lo*(1-slack) && v <= hi*(1+slack) {
				ts = append(ts, v)
			}
		}
	}
	switch {
	case len(ts) > n+1 && k1 > k0:
		return []float64{pow10(k0), pow10(k1)}, 1
	case len(ts) < 2:
		return NiceTicks(lo, hi, n), 0
	}
	return ts, 0
}

// pow10 is 10^k, exact for the k where 10^k is representable.
func pow10(k int) float64 { return math.Pow10(k) }

// FormatTick formats v compactly for a tick label with up to six significant
// digits: plain decimals for 10⁻³ ≤ |v| < 10⁵ ("0.5", "0.00125", "12000"),
// otherwise e-notation ("1.25e−4", "1e12"). Negative numbers and exponents
// use the minus sign U+2212. Non-finite values give "NaN", "+Inf" or "−Inf".
func FormatTick(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "−Inf"
	case v == 0:
		return "0"
	}
	v, _ = strconv.ParseFloat(strconv.FormatFloat(v, 'g', 6, 64), 64)
	if a := math.Abs(v); a >= 1e-3 && a < 1e5 {
		return fixMinus(strconv.FormatFloat(v, 'f', -1, 64))
	}
	return fixMinus(cleanExp(strconv.FormatFloat(v, 'e', -1, 64)))
}

// formatLinear labels the ticks of a linear axis rounded to the precision of
// the step, without trailing zeros, so 0, 0.5, 1 and 1.5 read "0", "0.5",
// "1", "1.5" and 0.1·3 reads "0.3". Axes whose ticks reach 10⁵ or whose step
// is below 10⁻³ use e-notation with as many mantissa digits as the step
// needs.
func formatLinear(ts []float64) []string {
	labels := make([]string, len(ts))
	if len(ts) < 2 {
		for i, v := range ts {
			labels[i] = FormatTick(v)
		}
		return labels
	}
	step := math.Abs(ts[1] - ts[0])
	e := int(math.Floor(math.Log10(step) + 1e-9))
	maxAbs := 0.0
	for _, v := range ts {
		maxAbs = math.Max(maxAbs, math.Abs(v))
	}
	for i, v := range ts {
		switch {
		case math.Abs(v) < step*1e-6:
			labels[i] = "0"
		case maxAbs < 1e5 && e >= -3:
			labels[i] = fixMinus(trimZeros(strconv.FormatFloat(v, 'f', max(0, -e), 64)))
		default:
			ev := int(math.Floor(math.Log10(math.Abs(v)) + 1e-9))
			s := strconv.FormatFloat(v, 'e', max(0, ev-e), 64)
			labels[i] = fixMinus(cleanExp(s))
		}
	}
	return labels
}

// formatLog labels the ticks of a logarithmic axis. Decades between 10⁻³ and
// 10⁴ read as decimals ("0.01", "1000"); an axis that reaches beyond them
// writes every power of ten as 10 with a superscript exponent ("10⁻¹²").
func formatLog(ts []float64, decades bool) []string {
	labels := make([]string, len(ts))
	wide := false
	for _, v := range ts {
		if v < 1e-3*(1-1e-9) || v > 1e4*(1+1e-9) {
			wide = true
		}
	}
	for i, v := range ts {
		if decades && wide {
			labels[i] = "10" + superscript(int(math.Round(math.Log10(v))))
		} else {
			labels[i] = FormatTick(v)
		}
	}
	return labels
}

// superscript writes k with Unicode superscript digits and minus.
func superscript(k int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	var b strings.Builder
	if k < 0 {
		b.WriteString("⁻")
		k = -k
	}
	for _, c := range strconv.Itoa(k) {
		d := []rune(digits)[c-'0']
		b.WriteRune(d)
	}
	return b.String()
}

// trimZeros drops trailing zeros after a decimal point, and the point if
// nothing follows it: "1.50" becomes "1.5" and "2.0" becomes "2".
func trimZeros(s string) string {
	if !strings.Contains(s, ".") {
		return s
	}
	return strings.TrimRight(strings.TrimRight(s, "0"), ".")
}

// cleanExp shortens strconv's e-notation: "1.2500e-04" to "1.25e-4" and
// "1e+12" to "1e12".
func cleanExp(s string) string {
	mant, exp, ok := strings.Cut(s, "e")
	if !ok {
		return s
	}
	mant = trimZeros(mant)
	sign := ""
	if exp[0] == '-' {
		sign = "-"
	}
	exp = strings.TrimLeft(exp[1:], "0")
	if exp == "" {
		return mant
	}
	return mant + "e" + sign + exp
}

// fixMinus replaces ASCII hyphen-minus by U+2212 and drops the sign of a
// negative zero.
func fixMinus(s string) string {
	if strings.TrimLeft(s, "-0.") == "" {
		return strings.TrimLeft(s, "-")
	}
	return strings.ReplaceAll(s, "-", minus)
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
