package spectrum

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/overparam/overparam/compute/fmath"
)

// Defaults of DensitySettings.
const (
	// DefaultProbes is the number of SLQ probe vectors, as in Ghorbani,
	// Krishnan & Xiao (2019).
	DefaultProbes = 10
	// DefaultGrid is the number of points of the density grid.
	DefaultGrid = 512
	// DefaultSigmaFrac is the default kernel standard deviation as a
	// fraction of the spectral range: σ = √(10⁻⁵)·range, i.e. the kernel
	// variance is σ² = 10⁻⁵·range².
	DefaultSigmaFrac = 3.1622776601683795e-3
	// PadSigmas is the margin of the density grid beyond the extreme Ritz
	// values, in kernel standard deviations.
	PadSigmas = 5
)

// DensitySettings configures a stochastic Lanczos quadrature (SLQ) estimate
// of the spectral density. Zero fields mean the documented default.
type DensitySettings struct {
	// Steps is the number of Lanczos steps per probe (0 → DefaultSteps = 80,
	// clipped to the dimension).
	Steps int
	// Probes is the number of probe vectors n_v (0 → DefaultProbes = 10).
	Probes int
	// Grid is the number of equally spaced grid points (0 → DefaultGrid =
	// 512; otherwise at least 2).
	Grid int
	// Sigma is the standard deviation of the Gaussian kernel, in eigenvalue
	// units. 0 means SigmaFrac·range.
	Sigma float64
	// SigmaFrac is σ as a fraction of the spectral range θ_max − θ_min of
	// the Ritz values of all probes (0 → DefaultSigmaFrac, variance
	// 10⁻⁵·range²). PyHessian (Yao et al. 2020) instead uses the variance
	// 10⁻⁵·max(1, range) in absolute units, which is not scale invariant;
	// the two agree when range = 1. A zero range is replaced by
	// max |θ|, or by 1 if all θ are 0.
	SigmaFrac float64
	// Kind is the probe distribution (zero value Rademacher).
	Kind ProbeKind
	// Seed selects the probes: probe i is ProbeVector(n, Seed, i, Kind).
	Seed uint64
	// MemoryBudget bounds the Lanczos working set, in bytes (0 →
	// DefaultMemoryBudget); see LanczosBytes.
	MemoryBudget int64
}

// Validate reports, wrapping ErrSettings, a negative count, a Grid of 1, a
// negative or non-finite Sigma or SigmaFrac, or an unknown Kind.
func (s DensitySettings) Validate() error {
	switch {
	case s.Steps < 0:
		return settingsError("SLQ Steps = %d is negative", s.Steps)
	case s.Probes < 0:
		return settingsError("SLQ Probes = %d is negative", s.Probes)
	case s.Grid < 0 || s.Grid == 1:
		return settingsError("SLQ Grid = %d must be 0 or at least 2", s.Grid)
	case !(s.Sigma >= 0) || math.IsInf(s.Sigma, 0):
		return settingsError("SLQ Sigma = %g must be finite and not negative", s.Sigma)
	case !(s.SigmaFrac >= 0) || math.IsInf(s.SigmaFrac, 0):
		return settingsError("SLQ SigmaFrac = %g must be finite and not negative", s.SigmaFrac)
	case s.Kind != Rademacher && s.Kind != Gaussian:
		return settingsError("SLQ probe kind %d is unknown", int(s.Kind))
	case s.MemoryBudget < 0:
		return settingsError("SLQ MemoryBudget = %d is negative", s.MemoryBudget)
	}
	return nil
}

// lanczos returns the Lanczos settings of one probe.
func (s DensitySettings) lanczos(start []float64) LanczosSettings {
	return LanczosSettings{Steps: s.Steps, Start: start, MemoryBudget: s.MemoryBudget}
}

// Quad is the m-point Gauss quadrature rule of one probe v: for any function
// f, vᵀ f(A) v ≈ Σ_i τ_i² f(θ_i), exactly for polynomials of degree < 2m
// (Golub & Meurant 2010, §7.2). It is the spectral measure of A "seen" by v.
type Quad struct {
	// Dim is the dimension n of the operator.
	Dim int
	// Nodes are the Ritz values θ_i, ascending, in eigenvalue units.
	Nodes []float64
	// Weights are τ_i², summing to 1.
	Weights []float64
	Stats   Stats
}

// Quadrature runs Lanczos from probe (normalized first) for s.Steps steps and
// returns its Gauss quadrature rule. It is the per-probe unit of SLQ, so that
// probes can run on different workers; combine the rules with Combine. Only
// s.Steps and s.MemoryBudget are used. progress, if not nil, is called after
// each operator product with (step, total) and cancels the run by returning
// false. It fails like NewLanczos (ErrSettings, ErrMemory; a probe of the
// wrong length is ErrSettings) and with ErrCanceled or ErrNotFinite.
func Quadrature(op Operator, probe []float64, s DensitySettings, progress func(step, total int) bool) (Quad, error) {
	if err := s.Validate(); err != nil {
		return Quad{}, err
	}
	r, err := RunLanczos(op, s.lanczos(probe), progress)
	if err != nil {
		return Quad{}, err
	}
	return r.Quad(), nil
}

// Density is an SLQ estimate of the spectral density of A, the measure
// (1/n) Σ_j δ(λ − λ_j) over its n eigenvalues (Ubaru, Chen & Saad 2017):
//
//	φ(λ) = (1/n_v) Σ_probes Σ_i τ_i² N(λ; θ_i, σ²).
type Density struct {
	// Grid holds the points λ_g, equally spaced on [θ_min − 5σ, θ_max + 5σ],
	// in eigenvalue units.
	Grid []float64
	// Values holds φ(λ_g), in 1/eigenvalue units.
	Values []float64
	// Nodes and Weights are the averaged discrete measure
	// (1/n_v) Σ_probes Σ_i τ_i² δ_{θ_i}, nodes ascending, weights summing
	// to 1: compare it with exact eigenvalues by Wasserstein1.
	Nodes, Weights []float64
	// Sigma is the kernel standard deviation σ used, in eigenvalue units.
	Sigma float64
	// Mass is the trapezoidal integral of Values over Grid; it is 1 up to
	// the discretization error when the grid resolves σ.
	Mass float64
	// Trace is n·(1/n_v) Σ_probes Σ_i τ_i² θ_i, an unbiased estimate of
	// tr A (each term equals n·vᵀAv, Hutchinson's estimator of the probe).
	Trace float64
	// TraceStdErr is the standard error of Trace over probes (0 for one
	// probe).
	TraceStdErr float64
	Stats       Stats
}

// Combine averages the quadrature rules of n_v probes into a Density. It
// uses s.Grid, s.Sigma and s.SigmaFrac. It panics if quads is empty, their
// dimensions differ, or s is invalid (see DensitySettings.Validate).
func Combine(quads []Quad, s DensitySettings) Density {
	if len(quads) == 0 {
		panic(msgNoQuads)
	}
	if s.Validate() != nil {
		panic(msgBadDensity)
	}
	n, nv := quads[0].Dim, float64(len(quads))
	var d Density
	d.Stats.Probes = len(quads)
	traces := make([]float64, len(quads))
	for p, q := range quads {
		if q.Dim != n {
			panic(msgQuadDims)
		}
		var t float64
		for i, th := range q.Nodes {
			d.Nodes = append(d.Nodes, th)
			d.Weights = append(d.Weights, q.Weights[i]/nv)
			t += float64(q.Weights[i] * th)
		}
		traces[p] = float64(n) * t // n Σ τ_i² θ_i = n vᵀAv
		d.Stats.Steps += q.Stats.Steps
		d.Stats.MatVecs += q.Stats.MatVecs
		d.Stats.Orthogonality = max(d.Stats.Orthogonality, q.Stats.Orthogonality)
	}
	d.Trace, d.TraceStdErr = meanStdErr(traces)
	sortMeasure(d.Nodes, d.Weights)
	if len(d.Nodes) == 0 {
		return d
	}
	d.Sigma = kernelSigma(d.Nodes[0], d.Nodes[len(d.Nodes)-1], s)
	d.Grid, d.Values, d.Mass = smooth(d.Nodes, d.Weights, d.Sigma, cmp.Or(s.Grid, DefaultGrid))
	return d
}

// kernelSigma returns σ: s.Sigma, or SigmaFrac times the range [lo, hi].
func kernelSigma(lo, hi float64, s DensitySettings) float64 {
	if s.Sigma > 0 {
		return s.Sigma
	}
	width := hi - lo
	if width == 0 {
		width = max(math.Abs(lo), math.Abs(hi))
	}
	if width == 0 {
		width = 1
	}
	return cmp.Or(s.SigmaFrac, DefaultSigmaFrac) * width
}

// smooth evaluates φ(λ) = Σ_k w_k N(λ; θ_k, σ²) on grid points equally spaced
// over [θ_min − PadSigmas·σ, θ_max + PadSigmas·σ] and integrates it with the
// trapezoidal rule. Kernel terms beyond 9σ (relative size < 3·10⁻¹⁸) are
// skipped.
func smooth(nodes, weights []float64, sigma float64, points int) (grid, values []float64, mass float64) {
	lo := nodes[0] - float64(PadSigmas*sigma)
	hi := nodes[len(nodes)-1] + float64(PadSigmas*sigma)
	h := (hi - lo) / float64(points-1)
	grid = make([]float64, points)
	values = make([]float64, points)
	norm := 1 / (sigma * math.Sqrt(2*math.Pi))
	for g := range grid {
		x := lo + float64(float64(g)*h)
		grid[g] = x
		var f float64
		for k, th := range nodes {
			t := (x - th) / sigma
			if t > -9 && t < 9 {
				f += float64(weights[k] * fmath.Exp(-0.5*t*t))
			}
		}
		values[g] = f * norm
	}
	for g, v := range values {
		if g == 0 || g == points-1 {
			v /= 2
		}
		mass += float64(v * h)
	}
	return grid, values, mass
}

// sortMeasure sorts the atoms (nodes[i], weights[i]) by node, stably.
func sortMeasure(nodes, weights []float64) {
	idx := make([]int, len(nodes))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(nodes[a], nodes[b]) })
	n2 := make([]float64, len(nodes))
	w2 := make([]float64, len(nodes))
	for i, j := range idx {
		n2[i], w2[i] = nodes[j], weights[j]
	}
	copy(nodes, n2)
	copy(weights, w2)
}

// meanStdErr returns the mean of x and its standard error s/√len(x), with s
// the sample standard deviation (0 for fewer than two values).
func meanStdErr(x []float64) (mean, stderr float64) {
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	if len(x) < 2 {
		return mean, 0
	}
	var ss float64
	for _, v := range x {
		ss += float64((v - mean) * (v - mean))
	}
	return mean, math.Sqrt(ss / float64(len(x)-1) / float64(len(x)))
}

// EstimateDensity estimates the spectral density of op by SLQ: s.Probes
// Lanczos runs of s.Steps steps from ProbeVector(n, s.Seed, i, s.Kind),
// run one after the other on one reused basis, combined by Combine. The
// result is bitwise the same as Combine of the per-probe Quadrature rules.
//
// progress, if not nil, is called after each operator product with
// (done, total), total = Probes·Steps; a probe that stops early (an invariant
// subspace) counts as its full Steps. Returning false cancels: the error
// wraps ErrCanceled and the Density combines the probes already finished (it
// is zero if none). Other failures are those of NewLanczos and Step.
func EstimateDensity(op Operator, s DensitySettings, progress func(done, total int) bool) (Density, error) {
	if err := s.Validate(); err != nil {
		return Density{}, err
	}
	n, nv := op.Dim(), cmp.Or(s.Probes, DefaultProbes)
	if n <= 0 {
		return Density{}, settingsError("SLQ operator dimension n = %d must be positive", n)
	}
	probe := make([]float64, n)
	ProbeTo(probe, s.Seed, 0, s.Kind)
	l, err := NewLanczos(n, s.lanczos(probe))
	if err != nil {
		return Density{}, err
	}
	aq := make([]float64, n)
	quads := make([]Quad, 0, nv)
	total := nv * l.m
	for i := range nv {
		if i > 0 {
			ProbeTo(probe, s.Seed, i, s.Kind)
			if err := l.Reset(probe); err != nil {
				return Density{}, err
			}
		}
		canceled := l.run(op, aq, i*l.m, total, progress)
		if l.err == nil && !canceled {
			quads = append(quads, l.Result().Quad())
			continue
		}
		var d Density
		if len(quads) > 0 {
			d = Combine(quads, s)
		}
		if canceled {
			return d, fmt.Errorf("spectrum: SLQ stopped after %d operator products (probe %d of %d): %w",
				d.Stats.MatVecs+l.matvecs, i+1, nv, ErrCanceled)
		}
		return d, fmt.Errorf("SLQ probe %d of %d: %w", i+1, nv, l.err)
	}
	return Combine(quads, s), nil
}
