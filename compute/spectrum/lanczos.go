package spectrum

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/rng"
)

// Defaults of LanczosSettings and DensitySettings.
const (
	// DefaultSteps is the number of Lanczos steps, as in Ghorbani, Krishnan
	// & Xiao (2019).
	DefaultSteps = 80
	// DefaultTol is the relative breakdown tolerance: Lanczos stops when
	// β_j ≤ DefaultTol·‖T_j‖.
	DefaultTol = 1e-10
	// DefaultMemoryBudget is the largest Lanczos working set, in bytes
	// (512 MiB).
	DefaultMemoryBudget int64 = 512 << 20
)

// LanczosSettings configures a Lanczos run. Zero fields mean the documented
// default.
type LanczosSettings struct {
	// Steps is the number of Lanczos steps m: operator products, stored
	// basis vectors, and Ritz values. 0 means DefaultSteps. It is clipped to
	// the dimension n; with Steps = n the Ritz values are all the distinct
	// eigenvalues that the start vector sees.
	Steps int
	// Tol is the relative breakdown tolerance. The run stops early, having
	// found an invariant subspace, when β_j ≤ Tol·‖T_j‖, where ‖T_j‖ is
	// estimated by max_i |α_i| + β_{i−1} + β_i. 0 means DefaultTol.
	Tol float64
	// Seed selects the random start vector, drawn uniformly from the unit
	// sphere with rng.New(Seed, rng.Probes). It is unused when Start is set.
	Seed uint64
	// Start, if not nil, is the start vector q₁ (normalized by NewLanczos;
	// it must have length n, finite entries and a non-zero norm).
	Start []float64
	// MemoryBudget is the most bytes the run may allocate (see LanczosBytes).
	// 0 means DefaultMemoryBudget.
	MemoryBudget int64
	// MeasureOrthogonality makes Result compute Stats.Orthogonality =
	// max |QᵀQ − I|, which costs about m²n/2 extra multiply-adds.
	MeasureOrthogonality bool
}

// LanczosBytes returns the bytes a Lanczos run of steps steps on dimension n
// allocates: the basis (steps vectors of n float64), two work vectors, the
// steps×steps eigenvectors of the tridiagonal matrix and a few length-steps
// arrays. steps is clipped to n as in LanczosSettings; 0 means DefaultSteps.
// The count saturates at math.MaxInt64 instead of overflowing.
func LanczosBytes(n, steps int) int64 {
	if steps == 0 {
		steps = DefaultSteps
	}
	steps = max(0, min(steps, n))
	words := float64(float64(steps+2)*float64(max(n, 0))) + float64(float64(steps)*float64(steps)) + float64(8*float64(steps))
	if b := 8 * words; b < math.MaxInt64/2 {
		return int64(b)
	}
	return math.MaxInt64
}

// Lanczos is the Lanczos tridiagonalization of a symmetric operator with full
// reorthogonalization, driven by reverse communication: the caller multiplies
// the vector the algorithm asks for and hands back the product.
//
//	l, err := spectrum.NewLanczos(op.Dim(), s)
//	for done := false; !done; {
//		op.MulVecTo(aq, l.Vector())
//		done = l.Step(aq) // report progress or stop here
//	}
//	res := l.Result()
//
// After j steps, Q_j = [q₁ … q_j] is orthonormal and Q_jᵀ A Q_j = T_j is
// tridiagonal with diagonal α and off-diagonal β. A Lanczos is not safe for
// concurrent use.
type Lanczos struct {
	n, m    int
	tol     float64
	measure bool
	reorth  int // Gram–Schmidt passes per step; 2, or 0 in a test that shows ghosts

	q     []float64 // q_{j+1} (0-based j) at q[j·n : (j+1)·n]
	w     []float64 // the new residual vector r_j
	c     []float64 // Gram–Schmidt coefficients Q_jᵀ r
	alpha []float64
	beta  []float64

	k, matvecs int
	normT      float64
	done       bool
	breakdown  bool
	err        error

	// The eigendecomposition T_k = S Θ Sᵀ, cached for k = evK.
	evK  int
	vals []float64
	vecs []float64 // S row-major: s_{j,i} at vecs[j·k + i]
}

// NewLanczos prepares a Lanczos run on dimension n. It fails with an error
// wrapping ErrSettings if n ≤ 0 or a setting is out of range (negative Steps,
// Tol or MemoryBudget; Start of the wrong length, non-finite or zero), and
// with a *MemoryError (wrapping ErrMemory) before allocating anything if
// LanczosBytes exceeds the budget.
func NewLanczos(n int, s LanczosSettings) (*Lanczos, error) {
	m, tol, budget, err := s.resolve(n)
	if err != nil {
		return nil, err
	}
	if need := LanczosBytes(n, m); need > budget {
		return nil, &MemoryError{Need: need, Limit: budget, Vectors: m, Dim: n}
	}
	l := &Lanczos{
		n: n, m: m, tol: tol, measure: s.MeasureOrthogonality, reorth: 2,
		q:     make([]float64, m*n),
		w:     make([]float64, n),
		c:     make([]float64, m),
		alpha: make([]float64, m),
		beta:  make([]float64, m),
	}
	if s.Start == nil {
		rng.UnitSphere(rng.New(s.Seed, rng.Probes), l.q[:n])
		l.restart()
		return l, nil
	}
	if err := l.Reset(s.Start); err != nil {
		return nil, err
	}
	return l, nil
}

// resolve validates s for dimension n and fills in the defaults.
func (s LanczosSettings) resolve(n int) (steps int, tol float64, budget int64, err error) {
	switch {
	case n <= 0:
		return 0, 0, 0, settingsError("Lanczos dimension n = %d must be positive", n)
	case s.Steps < 0:
		return 0, 0, 0, settingsError("Lanczos Steps = %d is negative", s.Steps)
	case s.Tol < 0 || math.IsNaN(s.Tol):
		return 0, 0, 0, settingsError("Lanczos Tol = %g is negative", s.Tol)
	case s.MemoryBudget < 0:
		return 0, 0, 0, settingsError("Lanczos MemoryBudget = %d is negative", s.MemoryBudget)
	case s.Start != nil && len(s.Start) != n:
		return 0, 0, 0, settingsError("Lanczos Start has length %d, want n = %d", len(s.Start), n)
	}
	steps, tol, budget = s.Steps, s.Tol, s.MemoryBudget
	if steps == 0 {
		steps = DefaultSteps
	}
	if tol == 0 {
		tol = DefaultTol
	}
	if budget == 0 {
		budget = DefaultMemoryBudget
	}
	return min(steps, n), tol, budget, nil
}

// Reset restarts the run from start, reusing the allocated basis, as if
// NewLanczos had been called with Start = start and the same other settings.
// It fails with an error wrapping ErrSettings if start has the wrong length,
// a non-finite entry or zero norm; the Lanczos is then unchanged.
func (l *Lanczos) Reset(start []float64) error {
	if len(start) != l.n {
		return settingsError("Lanczos start vector has length %d, want n = %d", len(start), l.n)
	}
	if !finite(start) {
		return settingsError("Lanczos start vector has a non-finite entry")
	}
	nrm := norm(start)
	if nrm == 0 {
		return settingsError("Lanczos start vector is zero")
	}
	// q₁ = start/‖start‖
	for i, v := range start {
		l.q[i] = v / nrm
	}
	l.restart()
	return nil
}

// restart clears the recurrence, keeping q₁.
func (l *Lanczos) restart() {
	l.k, l.matvecs, l.normT = 0, 0, 0
	l.done, l.breakdown, l.err = false, false, nil
	l.evK, l.vals, l.vecs = -1, nil, nil
}

// Dim returns the dimension n.
func (l *Lanczos) Dim() int { return l.n }

// Steps returns the planned number of steps m (Settings.Steps clipped to n).
func (l *Lanczos) Steps() int { return l.m }

// Iter returns the number of completed steps j, which is the number of Ritz
// values Result will report.
func (l *Lanczos) Iter() int { return l.k }

// Done reports whether the run has finished: m steps taken, an invariant
// subspace found, or an error (see Err).
func (l *Lanczos) Done() bool { return l.done }

// Err returns the error that ended the run early, or nil. It wraps
// ErrNotFinite when an operator product contained NaN or ±Inf.
func (l *Lanczos) Err() error { return l.err }

// vec returns the stored basis vector q_{j+1} (j is a 0-based index).
func (l *Lanczos) vec(j int) []float64 { return l.q[j*l.n : (j+1)*l.n : (j+1)*l.n] }

// Vector returns q_j with j = Iter()+1, the unit vector the caller must
// multiply by A for step j and pass to Step. The slice is owned by the
// Lanczos: read it, do not keep it.
func (l *Lanczos) Vector() []float64 { return l.vec(l.k) }

// Step takes Lanczos step j = Iter()+1 with aq = A·q_j, the product of the
// vector returned by Vector, and reports whether the run is done. It does not
// modify aq. It panics if len(aq) ≠ n or if the run is already done.
//
// Step j (Lanczos 1950; Paige 1972), with β₀q₀ = 0:
//
//	α_j = q_jᵀ A q_j
//	r   = A q_j − α_j q_j − β_{j−1} q_{j−1}
//	r  ← r − Q (Qᵀ r), twice             (full reorthogonalization)
//	β_j = ‖r‖,  q_{j+1} = r / β_j
//
// Classical Gram–Schmidt applied twice keeps the basis orthonormal to working
// precision ("twice is enough", Parlett 1998 §6.9), which is what prevents
// the spurious "ghost" copies of converged eigenvalues that plain Lanczos
// produces. The run is done after m steps, when β_j ≤ Tol·‖T_j‖ (an invariant
// subspace: the Ritz values are then exact eigenvalues), or when aq, α or β is
// not finite (Err wraps ErrNotFinite; the earlier steps remain usable).
func (l *Lanczos) Step(aq []float64) (done bool) {
	if l.done {
		panic(msgStepDone)
	}
	if len(aq) != l.n {
		panic(msgStepLen)
	}
	l.matvecs++
	j := l.k // 0-based: this is step j+1 and qj below is q_{j+1}
	if !finite(aq) {
		return l.fail(fmt.Errorf("spectrum: the operator product at Lanczos step %d has a NaN or infinite entry: %w", j+1, ErrNotFinite))
	}
	qj, w := l.vec(j), l.w
	copy(w, aq)
	// α_j = q_jᵀ A q_j
	a := dot(qj, w)
	// r = A q_j − α_j q_j − β_{j−1} q_{j−1}
	axpy(-a, qj, w)
	if j > 0 {
		axpy(-l.beta[j-1], l.vec(j-1), w)
	}
	// r ← r − Q_j c with c = Q_jᵀ r, classical Gram–Schmidt, twice. The
	// component along q_j is a correction to α_j (as in ARPACK's dsaitr).
	c := l.c[:j+1]
	for range l.reorth {
		dotsTo(c, l.q, w) // c = Q_jᵀ r
		subTo(w, c, l.q)  // r ← r − Q_j c
		a += c[j]
	}
	b := norm(w)
	if !isFinite(a) || !isFinite(b) {
		return l.fail(fmt.Errorf("spectrum: α or β overflowed at Lanczos step %d: %w", j+1, ErrNotFinite))
	}
	l.alpha[j], l.beta[j] = a, b
	var bPrev float64
	if j > 0 {
		bPrev = l.beta[j-1]
	}
	// ‖T‖ ≤ max_i |α_i| + β_{i−1} + β_i (Gershgorin).
	l.normT = max(l.normT, math.Abs(a)+bPrev+b)
	l.k++
	switch {
	case l.k == l.m:
		l.done = true
	case b <= l.tol*l.normT:
		l.done, l.breakdown = true, true
	default:
		// q_{j+1} = r / β_j
		next := l.vec(l.k)
		for i, v := range w {
			next[i] = v / b
		}
	}
	return l.done
}

// fail ends the run with err.
func (l *Lanczos) fail(err error) bool {
	l.err, l.done = err, true
	return true
}
