package spectrum

import (
	"fmt"
	"math"
)

// LanczosResult is what a Lanczos run of m steps found. Values are in the
// units of the operator (for a Hessian, loss per parameter²).
type LanczosResult struct {
	// Dim is the dimension n of the operator.
	Dim int
	// Values are the Ritz values θ₁ ≤ … ≤ θ_m, the eigenvalues of T_m,
	// ascending.
	Values []float64
	// Weights are τ_i² = s_{1,i}², the squared first components of the
	// unit eigenvectors s_i of T_m: the Gauss quadrature weights of the
	// start vector's spectral measure (Golub & Meurant). They sum to 1.
	Weights []float64
	// Residuals are max(|β_m s_{m,i}|, ε‖T_m‖): the residual norm
	// ‖A y_i − θ_i y_i‖ of the Ritz vector y_i = Q_m s_i in exact
	// arithmetic, which bounds the distance from θ_i to the nearest
	// eigenvalue of A (Parlett 1998, Thm 4.5.1 and §13.2), floored at the
	// rounding level ε‖T_m‖ (ε = 2⁻⁵², ‖T_m‖ by Gershgorin's bound
	// max_i |α_i| + β_{i−1} + β_i), below which it says nothing. Never 0.
	Residuals []float64
	// Alpha and Beta are the recurrence coefficients: T_m has diagonal
	// α₁ … α_m and off-diagonal β₁ … β_{m−1}; Beta[m−1] = β_m is the norm
	// of the final residual.
	Alpha, Beta []float64
	// Breakdown reports that the run stopped early because β_m ≤ Tol·‖T_m‖:
	// span Q_m is invariant and the Values are eigenvalues of A.
	Breakdown bool
	Stats     Stats
}

// Stats counts the work of a run.
type Stats struct {
	// Probes is the number of probe vectors (SLQ and Hutchinson runs).
	Probes int
	// Steps is the number of completed Lanczos steps, summed over probes.
	Steps int
	// MatVecs is the number of operator products consumed.
	MatVecs int
	// Orthogonality is max_{i,j} |(QᵀQ − I)_{ij}| of the Lanczos basis, the
	// largest over probes; 0 unless LanczosSettings.MeasureOrthogonality.
	Orthogonality float64
}

// Ritz is one Ritz value with its residual bound.
type Ritz struct {
	// Index is the position of Value in LanczosResult.Values (the argument
	// of Lanczos.RitzVectorTo).
	Index int
	// Value is the Ritz value θ_i.
	Value float64
	// Residual is max(|β_m s_{m,i}|, ε‖T_m‖) ≥ min_λ |θ_i − λ| over
	// eigenvalues λ of A, up to rounding (see LanczosResult.Residuals).
	Residual float64
}

// epsilon is the machine epsilon of float64, 2⁻⁵², the spacing of floats
// just above 1.
const epsilon = 0x1p-52

// Result returns the Ritz values, quadrature weights and residuals of the
// steps completed so far; it may be called at any time, for example after a
// cancellation. If the tridiagonal eigensolver fails (it has not for finite
// input) the result has no Values and Err returns an error wrapping
// ErrNoConvergence.
func (l *Lanczos) Result() LanczosResult {
	k := l.k
	r := LanczosResult{
		Dim:       l.n,
		Alpha:     append([]float64(nil), l.alpha[:k]...),
		Beta:      append([]float64(nil), l.beta[:k]...),
		Breakdown: l.breakdown,
		Stats:     Stats{Steps: k, MatVecs: l.matvecs},
	}
	if k == 0 || !l.eigen() {
		return r
	}
	r.Values = append([]float64(nil), l.vals...)
	r.Weights = make([]float64, k)
	r.Residuals = make([]float64, k)
	bm := l.beta[k-1]
	floor := epsilon * l.normT // ε‖T_m‖
	for i := range k {
		s1, sm := l.vecs[i], l.vecs[(k-1)*k+i]
		r.Weights[i] = s1 * s1                       // τ_i² = s_{1,i}²
		r.Residuals[i] = max(math.Abs(bm*sm), floor) // max(|β_m s_{m,i}|, ε‖T_m‖)
	}
	if l.measure {
		r.Stats.Orthogonality = l.orthogonality()
	}
	return r
}

// eigen computes T_k = S Θ Sᵀ with the implicit QR iteration of tridiagEigen
// (the same bits on every platform), caching it for the current k. It reports
// false, and sets Err, on failure.
func (l *Lanczos) eigen() bool {
	k := l.k
	if l.evK == k {
		return l.vals != nil
	}
	d := append([]float64(nil), l.alpha[:k]...)
	e := append([]float64(nil), l.beta[:k-1]...)
	z := make([]float64, k*k)
	l.evK = k
	if !tridiagEigen(d, e, z) {
		l.vals, l.vecs = nil, nil
		if l.err == nil {
			l.err = fmt.Errorf("spectrum: the tridiagonal eigensolver did not converge after %d Lanczos steps: %w", k, ErrNoConvergence)
		}
		return false
	}
	l.vals, l.vecs = d, z
	return true
}

// orthogonality returns max |q_iᵀ q_j − δ_ij| over the k stored vectors.
func (l *Lanczos) orthogonality() float64 {
	var worst float64
	for i := range l.k {
		for j := 0; j <= i; j++ {
			g := dot(l.vec(i), l.vec(j))
			if i == j {
				g--
			}
			worst = max(worst, math.Abs(g))
		}
	}
	return worst
}

// RitzVectorTo sets dst to the unit Ritz vector y_i = Q_m s_i belonging to
// Result().Values[i] (ascending order; see Ritz.Index). It costs m·n
// multiply-adds and allocates nothing beyond the cached eigenvectors of T_m.
// It panics if len(dst) ≠ n or i is not in [0, Iter()).
func (l *Lanczos) RitzVectorTo(dst []float64, i int) {
	if len(dst) != l.n {
		panic(msgRitzLen)
	}
	k := l.k
	if i < 0 || i >= k {
		panic(msgRitzIndex)
	}
	if !l.eigen() {
		for j := range dst {
			dst[j] = math.NaN()
		}
		return
	}
	clear(dst)
	// y_i = Σ_j s_{j,i} q_j
	for j := range k {
		axpy(l.vecs[j*k+i], l.vec(j), dst)
	}
}

// Top returns the k largest Ritz values with their residuals, largest first.
// k is clipped to the number of values; it panics if k < 0.
func (r LanczosResult) Top(k int) []Ritz {
	if k < 0 {
		panic(msgNegativeK)
	}
	k = min(k, len(r.Values))
	out := make([]Ritz, k)
	for j := range out {
		i := len(r.Values) - 1 - j
		out[j] = Ritz{Index: i, Value: r.Values[i], Residual: r.Residuals[i]}
	}
	return out
}

// Bottom returns the k smallest Ritz values (the most negative first) with
// their residuals. k is clipped to the number of values; it panics if k < 0.
func (r LanczosResult) Bottom(k int) []Ritz {
	if k < 0 {
		panic(msgNegativeK)
	}
	k = min(k, len(r.Values))
	out := make([]Ritz, k)
	for i := range out {
		out[i] = Ritz{Index: i, Value: r.Values[i], Residual: r.Residuals[i]}
	}
	return out
}

// Quad returns the Gauss quadrature rule of the run's start vector: nodes
// θ_i and weights τ_i² (see Quadrature).
func (r LanczosResult) Quad() Quad {
	return Quad{Dim: r.Dim, Nodes: r.Values, Weights: r.Weights, Stats: r.Stats}
}

// RunLanczos runs Lanczos with full reorthogonalization on op until it is
// done (see Lanczos.Step). After each operator product it calls progress, if
// not nil, with the completed and planned step counts; when progress returns
// false before the run is done, RunLanczos stops and returns the result of
// the completed steps with an error wrapping ErrCanceled. It also fails as
// NewLanczos does (nothing is multiplied then) and with ErrNotFinite, again
// returning the result of the good steps.
func RunLanczos(op Operator, s LanczosSettings, progress func(step, total int) bool) (LanczosResult, error) {
	l, err := NewLanczos(op.Dim(), s)
	if err != nil {
		return LanczosResult{}, err
	}
	if l.run(op, make([]float64, l.n), 0, l.m, progress) {
		return l.Result(), fmt.Errorf("spectrum: Lanczos stopped after %d of %d operator products: %w", l.matvecs, l.m, ErrCanceled)
	}
	return l.Result(), l.Err()
}

// run drives l until it is done, reporting progress as offset+Iter() out of
// total, and reports whether progress canceled it.
func (l *Lanczos) run(op Operator, aq []float64, offset, total int, progress func(int, int) bool) (canceled bool) {
	for !l.done {
		op.MulVecTo(aq, l.Vector())
		done := l.Step(aq)
		if progress != nil && !progress(offset+l.k, total) && !done {
			return true
		}
	}
	return false
}
