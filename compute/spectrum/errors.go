package spectrum

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinel errors. Errors returned by this package wrap one of them, so callers
// can test with errors.Is and still show the wrapped message, which names the
// step, the setting or the sizes involved.
var (
	// ErrCanceled means a progress callback returned false. The error that
	// wraps it says after how many operator products the run stopped.
	ErrCanceled = errors.New("canceled")
	// ErrMemory means a run would store more than its memory budget. The
	// error that wraps it is a *MemoryError with the numbers.
	ErrMemory = errors.New("over the memory budget")
	// ErrSettings means an argument or a Settings field is out of range
	// (a negative step count, a start vector of the wrong length, …).
	ErrSettings = errors.New("invalid settings")
	// ErrNotFinite means an operator product, and with it the Lanczos
	// recurrence, produced NaN or ±Inf.
	ErrNotFinite = errors.New("non-finite value")
	// ErrNoConvergence means the tridiagonal eigensolver did not converge
	// within 30n implicit QR steps (LAPACK dsteqr's limit); it has not
	// happened for finite input.
	ErrNoConvergence = errors.New("no convergence")
)

// MemoryError reports that a Lanczos basis of Vectors vectors of length Dim
// would need Need bytes, more than the budget Limit. It wraps ErrMemory.
type MemoryError struct {
	Need, Limit  int64 // bytes
	Vectors, Dim int
}

// Error returns a message such as "spectrum: Lanczos needs 16.0 MiB for 80
// vectors of 26,000 parameters; the limit is 8.0 MiB".
func (e *MemoryError) Error() string {
	return fmt.Sprintf("spectrum: Lanczos needs %s for %d vectors of %s parameters; the limit is %s",
		mib(e.Need), e.Vectors, thousands(int64(e.Dim)), mib(e.Limit))
}

// Unwrap returns ErrMemory.
func (e *MemoryError) Unwrap() error { return ErrMemory }

// settingsError wraps ErrSettings with a message naming the bad value.
func settingsError(format string, args ...any) error {
	return fmt.Errorf("spectrum: %s: %w", fmt.Sprintf(format, args...), ErrSettings)
}

// mib formats a byte count in mebibytes with one decimal.
func mib(b int64) string {
	return strconv.FormatFloat(float64(b)/(1<<20), 'f', 1, 64) + " MiB"
}

// thousands formats n with commas between groups of three digits: 26,000.
func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := s[0] == '-'
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// Panic messages for programmer mistakes. They are constants so that a test
// or the worker boundary can recognise them.
const (
	msgStepLen     = "spectrum: Lanczos.Step: len(aq) differs from the dimension"
	msgStepDone    = "spectrum: Lanczos.Step called after the run is done"
	msgRitzIndex   = "spectrum: Lanczos.RitzVectorTo: index out of range"
	msgRitzLen     = "spectrum: Lanczos.RitzVectorTo: len(dst) differs from the dimension"
	msgNegativeK   = "spectrum: negative count of eigenvalues requested"
	msgProbeKind   = "spectrum: unknown ProbeKind"
	msgProbeLen    = "spectrum: probe dimension must be positive"
	msgNoQuads     = "spectrum: Combine needs at least one quadrature"
	msgQuadDims    = "spectrum: Combine: quadratures of different dimensions"
	msgBadDensity  = "spectrum: Combine: invalid DensitySettings"
	msgOutlierLen  = "spectrum: FindOutliers: top and residuals differ in length, or top is longer than ritz"
	msgW1Lengths   = "spectrum: Wasserstein1: len(nodes) differs from len(weights)"
	msgW1Empty     = "spectrum: Wasserstein1: empty measure"
	msgW1Mass      = "spectrum: Wasserstein1: weights must have a positive sum"
	msgSymLen      = "spectrum: Sym.MulVecTo length mismatch"
	msgSymOrder    = "spectrum: NewSym: negative order"
	msgSymData     = "spectrum: Sym: len(Data) differs from N·N"
	msgSymIndex    = "spectrum: Sym: index out of range"
	msgKernelLen   = "spectrum: vector length mismatch"
	msgDenseOfDims = "spectrum: DenseOf: operator dimension must be positive"
)
