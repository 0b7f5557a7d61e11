package runkit

// SampleQuantile returns the q-quantile (0 ≤ q ≤ 1) of the ascending values
// sorted by linear interpolation between order statistics, Hyndman & Fan's
// type 7 (R's and NumPy's default): with h = (n−1)q,
//
//	Q(q) = x_⌊h⌋ + (h − ⌊h⌋)(x_⌊h⌋₊₁ − x_⌊h⌋),
//
// and x_{n−1} when ⌊h⌋ = n−1. The product is rounded before the add, so no
// platform fuses it. It panics if sorted is empty.
//
// Reference: R. J. Hyndman & Y. Fan, "Sample quantiles in statistical
// packages", The American Statistician 50(4), 1996.
func SampleQuantile(sorted []float64, q float64) float64 {
	h := float64(float64(len(sorted)-1) * q)
	i := int(h)
	if i+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + float64((h-float64(i))*(sorted[i+1]-sorted[i]))
}
