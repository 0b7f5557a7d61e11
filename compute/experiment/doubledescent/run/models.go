package run

import (
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/lstd"
	"github.com/overparam/overparam/compute/lstsq"
	"github.com/overparam/overparam/compute/rng"
)

// linearRepeat runs repeat r of the linear model at p features: X ∈ ℝ^{n×p}
// standard Gaussian, β uniform on the sphere of radius r = √Signal,
// y = Xβ + σε; then the min-norm fit, the ridge fit at λ = Ridge and the
// ridge fit at λ* = σ²p/(n r²) (see CurveNames), each scored by its exact
// test MSE over a fresh x, ‖β̂ − β‖² + σ². The draws come from stream
// rng.Data of ddSeed(Seed, p, r) in the order X (row by row), β, ε.
func linearRepeat(s *doubledescent.Spec, p, r int) ([]float64, error) {
	n := s.N
	rd := rng.New(ddSeed(s.Seed, p, r), rng.Data)
	x := make([]float64, n*p)
	rng.NormalVec(rd, x)
	beta := ddSphere(rd, p, math.Sqrt(s.Signal))
	y := noisyTargets(s, rd, x, beta, n, p)

	mus := []float64{0}
	if s.Ridge > 0 {
		mus = append(mus, float64(n)*s.Ridge)
	}
	optimal := s.Noise > 0 && s.Signal > 0
	if optimal {
		mus = append(mus, s.Noise*s.Noise*float64(p)/s.Signal) // nλ* = n·σ²γ/r²
	}
	fits, err := lstsq.Ridge(x, n, p, y, mus)
	if err != nil {
		return nil, err
	}
	sigma2 := float64(s.Noise * s.Noise)
	out := make([]float64, 0, 3)
	for _, b := range fits {
		var e float64
		for j, v := range b {
			d := v - beta[j]
			e += float64(d * d)
		}
		out = append(out, e+sigma2)
	}
	if s.Noise > 0 && !optimal {
		out = append(out, sigma2) // r² = 0: λ* = ∞, β̂ = 0 = β
	}
	return out, nil
}

// featuresRepeat runs repeat r of the random-features model at N features:
// n training and Test test inputs uniform on the sphere of radius √d,
// β uniform on the sphere of radius F₁ = √Signal, y = ⟨β, x⟩ + τε, and N
// features relu(⟨θ_j, x⟩) with θ_j uniform on the unit sphere. It fits the
// min-norm coefficients (and ridge ones, at penalty nNλ/d in Mei &
// Montanari's normalisation, when Ridge > 0) and scores each by its test
// MSE: the mean squared error against the noiseless test targets plus τ²
// (the noise's share, known exactly). Inputs, β and ε come from stream
// rng.Data of ddSeed(Seed, N, r) (training rows, β, ε, test rows), the θ_j
// from stream rng.Init.
func featuresRepeat(s *doubledescent.Spec, nf, r int) ([]float64, error) {
	n, d, nt := s.N, s.Dim, s.Test
	seed := ddSeed(s.Seed, nf, r)
	rd := rng.New(seed, rng.Data)
	radius := math.Sqrt(float64(d))
	x := ddSpheres(rd, n, d, radius)
	beta := ddSphere(rd, d, math.Sqrt(s.Signal))
	y := noisyTargets(s, rd, x, beta, n, d)
	xt := ddSpheres(rd, nt, d, radius)
	yt := make([]float64, nt)
	kernel.MulTo(yt, xt, beta, nt, d, 1)

	thetaT := make([]float64, d*nf)
	kernel.TransposeTo(thetaT, ddSpheres(rng.New(seed, rng.Init), nf, d, 1), nf, d)
	z, zt := ddReLUFeatures(x, thetaT, n, d, nf), ddReLUFeatures(xt, thetaT, nt, d, nf)

	mus := []float64{0}
	if s.Ridge > 0 {
		mus = append(mus, float64(n)*float64(nf)*s.Ridge/float64(d))
	}
	fits, err := lstsq.Ridge(z, n, nf, y, mus)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(fits))
	pred := make([]float64, nt)
	for i, a := range fits {
		kernel.MulTo(pred, zt, a, nt, nf, 1)
		var e float64
		for j, v := range pred {
			e += float64((v - yt[j]) * (v - yt[j]))
		}
		out[i] = e/float64(nt) + float64(s.Noise*s.Noise)
	}
	return out, nil
}

// noisyTargets returns y = Xβ + σε for X (n×p), drawing ε from r.
func noisyTargets(s *doubledescent.Spec, r *rand.Rand, x, beta []float64, n, p int) []float64 {
	y := make([]float64, n)
	kernel.MulTo(y, x, beta, n, p, 1)
	for i := range y {
		y[i] += float64(s.Noise * rng.Normal(r))
	}
	return y
}

// ddSphere returns a point drawn uniformly from the sphere of the given
// radius in ℝᵈ.
func ddSphere(r *rand.Rand, d int, radius float64) []float64 {
	v := make([]float64, d)
	rng.UnitSphere(r, v)
	for i := range v {
		v[i] *= radius
	}
	return v
}

// ddSpheres returns n rows drawn uniformly from the sphere of the given
// radius in ℝᵈ, row-major.
func ddSpheres(r *rand.Rand, n, d int, radius float64) []float64 {
	x := make([]float64, 0, n*d)
	for range n {
		x = append(x, ddSphere(r, d, radius)...)
	}
	return x
}

// ddReLUFeatures returns max(XΘᵀ, 0) for X (n×d) and Θᵀ (d×N).
func ddReLUFeatures(x, thetaT []float64, n, d, nf int) []float64 {
	z := make([]float64, n*nf)
	kernel.MulTo(z, x, thetaT, n, d, nf)
	for i, v := range z {
		z[i] = max(v, 0)
	}
	return z
}

// lstdEnv is the Markov reward process and trajectory every lstd point
// shares: repeats redraw the random features only, so the number of visited
// states m, and with it the x axis N/m, is the same for every point.
type lstdEnv struct {
	mrp        lstd.MRP
	traj       lstd.Trajectory
	stationary []float64
}

// newLSTDEnv draws the process (States states, embeddings in ℝ^Dim,
// discount Gamma) and then one trajectory of N transitions with reward
// noise std Noise, both from stream rng.Data of Seed.
func newLSTDEnv(s *doubledescent.Spec) *lstdEnv {
	r := rng.New(s.Seed, rng.Data)
	e := &lstdEnv{mrp: lstd.RandomMRP(s.States, s.Dim, s.Gamma, r)}
	e.traj = e.mrp.Sample(s.N, s.Noise, r)
	e.stationary = e.mrp.Stationary()
	return e
}

// lstdRepeat runs repeat r of the lstd model at N features: features drawn
// from stream rng.Init of ddSeed(Seed, N, r), LSTD with penalty Ridge, and
// the true and empirical MSBE of the fit. It also returns m.
func lstdRepeat(s *doubledescent.Spec, e *lstdEnv, nf, r int) ([]float64, int, error) {
	phi := e.mrp.Features(nf, rng.New(ddSeed(s.Seed, nf, r), rng.Init))
	theta, visited, err := e.mrp.Solve(phi, nf, e.traj, s.Ridge)
	if err != nil {
		return nil, visited, err
	}
	return []float64{e.mrp.MSBE(phi, nf, theta, e.stationary), e.mrp.EmpiricalMSBE(phi, nf, e.traj, theta)}, visited, nil
}
