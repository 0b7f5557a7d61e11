package sensing

import (
	"fmt"
	"math"
	"slices"

	"github.com/overparam/overparam/compute/experiment"
)

// Spec is the spec of the matrix-sensing experiment. The ground truth is
// M* = U diag(σ) Uᵀ ∈ ℝ^{n×n}, PSD of rank r, with U orthonormal and σ
// evenly spaced from 1 down to smin. It is fully observed (measurements =
// 0) or seen through m symmetrised Gaussian measurements yᵢ = ⟨Aᵢ, M*⟩, a
// fraction of them replaced by gross outliers. Each curve runs gradient
// descent (loss = l2) or, with loss = l1, the sub-gradient method against
// gradient descent, from a small random initialisation. Default gives the
// defaults; tags give each field's key and range.
type Spec struct {
	Param string `json:"param" key:"param" enum:"symmetric,asymmetric" help:"factorisation: XXᵀ with X ∈ ℝ^{n×k}, or FGᵀ with F, G ∈ ℝ^{n×k}"`

	N    int     `json:"n" key:"n" min:"2" max:"200" help:"size n of the n×n ground truth M*"`
	R    int     `json:"r" key:"r" min:"1" max:"50" help:"rank r of M*"`
	SMin float64 `json:"smin" key:"smin" min:"0.01" max:"1" help:"smallest singular value σ_r of M*; σ₁ = 1 and the others are evenly spaced between"`
	K    []int   `json:"k" key:"k" min:"1" max:"200" maxlen:"8" help:"comma-separated factor widths k (one curve each; k > r is over-parameterised)"`

	Measurements int       `json:"measurements" key:"measurements" min:"0" max:"100000" help:"Gaussian measurements m (symmetrised Aᵢ, yᵢ = ⟨Aᵢ, M*⟩); 0 = fully observed"`
	Init         []float64 `json:"init" key:"init" min:"1e-8" max:"10" maxlen:"6" help:"comma-separated initialisation scales α: entries of X₀ (or F₀) are N(0, α²); one curve each"`
	GScale       float64   `json:"gscale" key:"gscale" min:"0" max:"10" help:"asymmetric only: G₀'s entries are N(0, (gscale·α)²), so the imbalance F₀ᵀF₀ − G₀ᵀG₀ is set by α and gscale"`
	LR           float64   `json:"lr" key:"lr" min:"1e-6" max:"10" help:"step size η of the first step"`
	Decay        float64   `json:"decay" key:"decay" min:"0.9" max:"1" help:"step decay per iteration: step t uses η·decay^t (1 = constant)"`
	Steps        int       `json:"steps" key:"steps" min:"1" max:"1000000" help:"iterations T of every curve"`
	Rebalance    int       `json:"rebalance" key:"rebalance" min:"0" max:"1000000" help:"asymmetric only: before this iteration, rebalance once, F ← F(FᵀF)^{-1/2}, G ← G(FᵀF)^{1/2}; 0 = never"`

	Loss         string    `json:"loss" key:"loss" enum:"l2,l1" help:"l2: gradient descent on ¼‖𝒜(XXᵀ − M*)‖²; l1: robust recovery, the sub-gradient method on (1/m)‖y − 𝒜(UUᵀ)‖₁ against l2 gradient descent, both with width rankover"`
	Outliers     []float64 `json:"outliers" key:"outliers" min:"0" max:"0.9" maxlen:"10" help:"comma-separated fractions p of the measurements corrupted by outliers (one curve each; the corrupted sets are nested)"`
	OutlierScale float64   `json:"outlierscale" key:"outlierscale" min:"0" max:"1000" help:"standard deviation of the outliers: a corrupted measurement is yᵢ = ⟨Aᵢ, M*⟩ + sᵢ, sᵢ ~ N(0, outlierscale²)"`
	RankOver     int       `json:"rankover" key:"rankover" min:"1" max:"200" help:"loss = l1: the over-estimated rank r′, the width of U ∈ ℝ^{n×r′}"`

	Seed uint64 `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of M*, the measurements, the outliers and the initialisation"`
}

// Default returns the spec the page opens with: the fully observed
// symmetric case of Xiong, Ding & Du (2023) with n = 50, r = 3, σ = (1,
// 0.8, 0.6), η = 0.1 and α = 0.1, for k = r and three k > r, 10⁴ steps.
func Default() Spec {
	return Spec{
		Param: "symmetric", N: 50, R: 3, SMin: 0.6, K: []int{3, 4, 5, 8},
		Measurements: 0, Init: []float64{0.1}, GScale: 1.0 / 3, LR: 0.1, Decay: 1, Steps: 10_000,
		Loss: "l2", Outliers: []float64{0}, OutlierScale: 10, RankOver: 20, Seed: 1,
	}
}

// Curve is one curve of a run: its factor width, initialisation scale,
// outlier fraction and method.
type Curve struct {
	K        int     `json:"k"`
	Alpha    float64 `json:"alpha"`
	Outliers float64 `json:"outliers"`
	// Method is "gd" (gradient descent on the ℓ2 loss) or "subgradient"
	// (the sub-gradient method on the ℓ1 loss).
	Method string `json:"method"`
}

// Points returns the number of point jobs of a run: one per curve.
func (s *Spec) Points() int { return len(s.Curves()) }

// Curves lists the run's curves, one job each. With loss = l2: every k,
// then within a k every α, then every outlier fraction. With loss = l1:
// for every outlier fraction, the sub-gradient method and gradient descent,
// both of width rankover from α = init[0].
func (s *Spec) Curves() []Curve {
	var cs []Curve
	if s.Loss == "l1" {
		for _, p := range s.Outliers {
			alpha := 0.0
			if len(s.Init) > 0 {
				alpha = s.Init[0]
			}
			cs = append(cs, Curve{K: s.RankOver, Alpha: alpha, Outliers: p, Method: "subgradient"},
				Curve{K: s.RankOver, Alpha: alpha, Outliers: p, Method: "gd"})
		}
		return cs
	}
	for _, k := range s.K {
		for _, a := range s.Init {
			for _, p := range s.Outliers {
				cs = append(cs, Curve{K: k, Alpha: a, Outliers: p, Method: "gd"})
			}
		}
	}
	return cs
}

// Sigma returns the singular values of M*, σᵢ = 1 − (1 − smin)·(i−1)/(r−1).
func (s *Spec) Sigma() []float64 {
	sig := make([]float64, s.R)
	for i := range sig {
		sig[i] = 1
		if s.R > 1 {
			sig[i] = 1 - (1-s.SMin)*float64(i)/float64(s.R-1)
		}
	}
	return sig
}

// Limits of a run, stated in Validate's messages.
const (
	// MaxOperator is the most floats of the measurement operator and its
	// transpose, m·n(n+1) (each holds the upper triangles of the m
	// symmetric Aᵢ): 2²⁴ floats, 128 MiB.
	MaxOperator = 1 << 24
	// MaxCurves is the most curves of one run.
	MaxCurves = 24
	// Records is about how many points each curve records: log-spaced and
	// evenly spaced iterations, merged (see Record).
	Records = 120
)

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a run too large for the
// browser (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if s.R > s.N {
		return fmt.Errorf("r = %d exceeds n = %d; the rank of an n×n matrix is at most n", s.R, s.N)
	}
	if len(s.Init) == 0 {
		return fmt.Errorf("init is empty; give at least one scale α, e.g. 0.1")
	}
	if len(s.Outliers) == 0 {
		return fmt.Errorf("outliers is empty; give at least one fraction, e.g. 0")
	}
	if s.Loss == "l2" {
		if len(s.K) == 0 {
			return fmt.Errorf("k is empty; give at least one width, e.g. 3,5")
		}
		for _, k := range s.K {
			if k > s.N {
				return fmt.Errorf("k: %d exceeds n = %d; a factor X ∈ ℝ^{n×k} with k > n adds nothing", k, s.N)
			}
		}
		if d := dup(s.K); d != "" {
			return fmt.Errorf("k lists %s twice; each width is one curve", d)
		}
	}
	if d := dupF(s.Init); d != "" {
		return fmt.Errorf("init lists %s twice; each scale is one curve", d)
	}
	if d := dupF(s.Outliers); d != "" {
		return fmt.Errorf("outliers lists %s twice; each fraction is one curve", d)
	}
	if s.Loss == "l1" {
		if s.Param != "symmetric" {
			return fmt.Errorf("loss = l1 (robust recovery, Ma & Fattahi 2022) needs param = symmetric")
		}
		if s.Measurements == 0 {
			return fmt.Errorf("loss = l1 needs measurements > 0: outliers corrupt measurements")
		}
		if s.RankOver < s.R || s.RankOver > s.N {
			return fmt.Errorf("rankover = %d must be between r = %d and n = %d (an over-estimated rank)", s.RankOver, s.R, s.N)
		}
	}
	if s.Measurements == 0 && slices.ContainsFunc(s.Outliers, func(p float64) bool { return p > 0 }) {
		return fmt.Errorf("outliers > 0 needs measurements > 0: a fully observed M* has no measurements to corrupt")
	}
	if s.Rebalance > 0 {
		if s.Param != "asymmetric" {
			return fmt.Errorf("rebalance = %d needs param = asymmetric; the symmetric XXᵀ has nothing to rebalance (set rebalance = 0)", s.Rebalance)
		}
		if s.Rebalance > s.Steps {
			return fmt.Errorf("rebalance = %d is after the last iteration, steps = %d", s.Rebalance, s.Steps)
		}
	}
	if n := len(s.Curves()); n > MaxCurves {
		return fmt.Errorf("this run has %d curves; the limit is %d: use fewer widths, scales or outlier fractions", n, MaxCurves)
	}
	if ops := float64(s.Measurements) * float64(s.N) * float64(s.N+1); ops > MaxOperator {
		return fmt.Errorf("measurements = %d at n = %d is a measurement operator (and its transpose) of m × n(n+1) = %.3g floats; the limit is %d (%d MiB): use fewer measurements or a smaller n",
			s.Measurements, s.N, ops, MaxOperator, MaxOperator*8>>20)
	}
	c := s.Cost()
	if c.Ops > experiment.OpsLimit {
		return fmt.Errorf("this run would take %s; the limit is %s (%.2g multiply-adds) in a browser tab: use fewer steps, curves, measurements or a smaller n",
			c.Text(), experiment.Duration(experiment.SecondsLimit), float64(experiment.OpsLimit))
	}
	return nil
}

func dup(xs []int) string {
	for i := range xs {
		if slices.Contains(xs[:i], xs[i]) {
			return fmt.Sprint(xs[i])
		}
	}
	return ""
}

func dupF(xs []float64) string {
	for i := range xs {
		if slices.Contains(xs[:i], xs[i]) {
			return fmt.Sprint(xs[i])
		}
	}
	return ""
}

// Cost estimates the whole run in multiply-adds, as package run computes
// it. Per curve and iteration: fully observed, the factored gradient
// X(XᵀX) − U(Σ(UᵀX)), 2nk² + 2nrk (twice for FGᵀ); measured, the forward
// map 𝒜(XXᵀ) and its adjoint Σ rᵢAᵢ on packed upper triangles, m·n(n+1),
// plus the products XXᵀ and SX, 2n²k (3n²k for FGᵀ); plus about 10 per
// entry of the factors for the updates. Each of a curve's 2·Records
// recorded points forms XXᵀ − M* (n²k + n²). Drawing the operator costs
// about 5 per float (Marsaglia's method). Bytes: the operator and its
// transpose (m·n(n+1) floats), y and the residuals, and eight n×n work
// matrices (the n×k factors are smaller).
func (s *Spec) Cost() experiment.Cost {
	n, m := float64(s.N), float64(s.Measurements)
	var ops, mm float64
	for _, c := range s.Curves() {
		k, r := float64(c.K), float64(s.R)
		sides := 1.0
		if s.Param == "asymmetric" {
			sides = 2
		}
		// Every product that feeds a sum is rounded, float64(x*y), so no
		// platform fuses it: the estimate decides refusals and must not
		// differ between the browser and the CLI.
		var prod float64
		if s.Measurements == 0 {
			prod = float64(sides * (float64(2*n*k*k) + float64(2*n*r*k)))
		} else {
			prod = float64(m*float64(n*(n+1))) + float64((1+sides)*float64(n*n*k))
		}
		step := prod + float64(10*sides*n*k) + float64(2*n*n)
		rec := float64(float64(2*Records) * (float64(n*n*k) + float64(n*n)))
		ops += float64(float64(s.Steps)*step) + rec
		mm += float64(float64(s.Steps)*prod) + float64(float64(2*Records)*float64(n*n*k))
	}
	ops += float64(5 * m * float64(n*(n+1)))
	words := float64(m*float64(n*(n+1))) + float64(2*m) + float64(8*n*n)
	cost := experiment.Cost{Ops: toInt(ops), MatMul: toInt(mm), Bytes: toInt(float64(8 * words))}
	cost.Seconds = float64(cost.Ops) / experiment.OpsPerSecond
	return cost
}

func toInt(x float64) int64 {
	if !(x > 0) {
		return 0
	}
	if x >= math.MaxInt64 {
		return math.MaxInt64
	}
	return int64(math.Round(x))
}
