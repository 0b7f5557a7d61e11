package spectrum

import "fmt"

// TraceEstimate is a Monte Carlo estimate of tr A, in the units of A.
type TraceEstimate struct {
	// Mean is (1/p) Σ_k v_kᵀ A v_k.
	Mean float64
	// StdErr is the sample standard deviation of v_kᵀ A v_k over √p (0 when
	// p = 1). For Rademacher probes the variance of one term is
	// 2(‖A‖_F² − Σ_i a_ii²) (Hutchinson 1989; Avron & Toledo 2011).
	StdErr float64
	// Probes is the number p of probes used.
	Probes int
	Stats  Stats
}

// Trace estimates tr A by Hutchinson's estimator (Hutchinson 1989) with p =
// probes Rademacher vectors v_k with entries ±1, unnormalized, so that
// E[vᵀAv] = tr A. Probe k is √n·ProbeVector(n, seed, k, Rademacher), the same
// direction as SLQ probe k, so Trace and Density.Trace with the same seed
// agree up to rounding. It costs p operator products.
//
// progress, if not nil, is called after each product with (done, p);
// returning false cancels, and Trace returns the estimate of the finished
// probes with an error wrapping ErrCanceled. Trace fails with ErrSettings if
// probes ≤ 0 or op.Dim() ≤ 0, and with ErrNotFinite if a product is not
// finite.
func Trace(op Operator, probes int, seed uint64, progress func(done, total int) bool) (TraceEstimate, error) {
	n := op.Dim()
	switch {
	case probes <= 0:
		return TraceEstimate{}, settingsError("Hutchinson trace needs at least one probe, got %d", probes)
	case n <= 0:
		return TraceEstimate{}, settingsError("Hutchinson trace: operator dimension n = %d must be positive", n)
	}
	v := make([]float64, n)
	av := make([]float64, n)
	samples := make([]float64, 0, probes)
	for k := range probes {
		fillProbe(v, seed, k, Rademacher, false)
		op.MulVecTo(av, v)
		t := dot(v, av) // vᵀAv
		if !isFinite(t) {
			est := traceOf(samples)
			est.Stats.MatVecs++
			return est, fmt.Errorf("spectrum: Hutchinson probe %d of %d gave a NaN or infinite vᵀAv: %w", k+1, probes, ErrNotFinite)
		}
		samples = append(samples, t)
		if progress != nil && !progress(k+1, probes) && k+1 < probes {
			return traceOf(samples), fmt.Errorf("spectrum: Hutchinson trace stopped after %d of %d operator products: %w", k+1, probes, ErrCanceled)
		}
	}
	return traceOf(samples), nil
}

// traceOf summarizes the samples vᵀAv.
func traceOf(samples []float64) TraceEstimate {
	est := TraceEstimate{Probes: len(samples), Stats: Stats{Probes: len(samples), MatVecs: len(samples)}}
	if len(samples) > 0 {
		est.Mean, est.StdErr = meanStdErr(samples)
	}
	return est
}
