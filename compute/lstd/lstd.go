package lstd

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/lstsq"
	"github.com/overparam/overparam/compute/rng"
)

// MRP is a finite Markov reward process with state embeddings.
type MRP struct {
	States int
	// P is the row-stochastic States×States transition matrix, row-major.
	P []float64
	// Reward holds the mean reward r̄(s) of a transition from s.
	Reward []float64
	// Gamma is the discount γ ∈ [0, 1).
	Gamma float64
	// Dim is the embedding dimension d, and Embed the States×Dim embeddings.
	Dim   int
	Embed []float64
}

// RandomMRP draws a dense random MRP from r: P_ij = u_ij/Σ_k u_ik with u_ij
// uniform on [0, 1), row by row; then r̄(s) ~ N(0, 1); then the embeddings
// e_s ~ N(0, I_d), state by state. That order is part of the
// reproducibility contract of shared links. It panics unless states ≥ 1,
// dim ≥ 1 and 0 ≤ γ < 1.
func RandomMRP(states, dim int, gamma float64, r *rand.Rand) MRP {
	if states < 1 || dim < 1 || !(gamma >= 0 && gamma < 1) {
		panic("lstd: RandomMRP needs states, dim ≥ 1 and 0 ≤ γ < 1")
	}
	m := MRP{States: states, P: make([]float64, states*states), Reward: make([]float64, states),
		Gamma: gamma, Dim: dim, Embed: make([]float64, states*dim)}
	for i := range states {
		row := m.P[i*states : (i+1)*states]
		var sum float64
		for j := range row {
			row[j] = rng.Uniform(r)
			sum += row[j]
		}
		for j := range row {
			row[j] /= sum
		}
	}
	rng.NormalVec(r, m.Reward)
	rng.NormalVec(r, m.Embed)
	return m
}

// Stationary returns the stationary distribution d = dP of m's chain by
// power iteration from the uniform distribution, stopping when an iteration
// changes d by at most 1e-15 in ℓ1 norm, or after 10000 iterations (a dense
// random P contracts by about 1/√S per iteration, so a few dozen suffice).
func (m *MRP) Stationary() []float64 {
	s := m.States
	d, next := make([]float64, s), make([]float64, s)
	for i := range d {
		d[i] = 1 / float64(s)
	}
	for range 10000 {
		kernel.MulTo(next, d, m.P, 1, s, s) // next = dP
		var change float64
		for i := range d {
			change += math.Abs(next[i] - d[i])
		}
		d, next = next, d
		if change <= 1e-15 {
			break
		}
	}
	return d
}

// Trajectory is a run of n transitions of an MRP: From[i] → To[i] with
// reward Reward[i], and To[i] = From[i+1].
type Trajectory struct {
	From, To []int
	Reward   []float64
}

// Sample draws a trajectory of n transitions from r: the start state
// uniformly, then for each transition the next state by inverting the
// cumulative row of P at one uniform draw, and the reward r̄(s) + noise·ξ
// with ξ ~ N(0, 1) (drawn only when noise > 0).
func (m *MRP) Sample(n int, noise float64, r *rand.Rand) Trajectory {
	t := Trajectory{From: make([]int, n), To: make([]int, n), Reward: make([]float64, n)}
	s := r.IntN(m.States)
	for i := range n {
		u := r.Float64()
		row := m.P[s*m.States : (s+1)*m.States]
		next := len(row) - 1
		var cum float64
		for j, p := range row {
			cum += p
			if u < cum {
				next = j
				break
			}
		}
		t.From[i], t.To[i] = s, next
		t.Reward[i] = m.Reward[s]
		if noise > 0 {
			t.Reward[i] += float64(noise * rng.Normal(r))
		}
		s = next
	}
	return t
}

// Visited returns the distinct start states of t's transitions, ascending.
func (t *Trajectory) Visited(states int) []int {
	seen := make([]bool, states)
	for _, s := range t.From {
		seen[s] = true
	}
	var v []int
	for s, ok := range seen {
		if ok {
			v = append(v, s)
		}
	}
	return v
}

// Features returns Φ, the States×n matrix of random ReLU features
// φ(s) = max(W e_s/√d, 0)/√n of m's states, with W ∈ ℝ^{n×d} standard
// Gaussian drawn from r row by row.
func (m *MRP) Features(n int, r *rand.Rand) []float64 {
	w := make([]float64, n*m.Dim)
	rng.NormalVec(r, w)
	wt := make([]float64, m.Dim*n)
	kernel.TransposeTo(wt, w, n, m.Dim)
	phi := make([]float64, m.States*n)
	kernel.MulTo(phi, m.Embed, wt, m.States, m.Dim, n)
	in, out := 1/math.Sqrt(float64(m.Dim)), 1/math.Sqrt(float64(n))
	for i, v := range phi {
		phi[i] = max(v*in, 0) * out
	}
	return phi
}

// Solve returns the regularised LSTD parameters θ = (A + λI)⁻¹ b for the
// features Φ (States×n) and the trajectory t, and m, the number of visited
// states (see the package documentation). It returns an error wrapping
// lstsq.ErrSingular if the system is singular to working precision (λ = 0
// with a degenerate trajectory).
func (m *MRP) Solve(phi []float64, n int, t Trajectory, lambda float64) (theta []float64, visited int, err error) {
	if len(phi) != m.States*n || n < 1 || len(t.From) == 0 {
		panic("lstd: Solve needs a States×n feature matrix and a non-empty trajectory")
	}
	vis := t.Visited(m.States)
	k := len(vis)
	row := make([]int, m.States) // state → row of Φ_m, M and ρ
	for i, s := range vis {
		row[s] = i
	}
	inv := 1 / float64(len(t.From))
	pm, mm, rho := make([]float64, k*n), make([]float64, k*n), make([]float64, k)
	for i, s := range vis {
		copy(pm[i*n:(i+1)*n], phi[s*n:(s+1)*n])
	}
	for i, s := range t.From {
		mi, next := mm[row[s]*n:(row[s]+1)*n], phi[t.To[i]*n:(t.To[i]+1)*n]
		for j, v := range phi[s*n : (s+1)*n] {
			mi[j] += float64((v - float64(m.Gamma*next[j])) * inv)
		}
		rho[row[s]] += float64(t.Reward[i] * inv)
	}
	pmt := make([]float64, n*k)
	kernel.TransposeTo(pmt, pm, k, n)
	// The smaller system: (Φ_mᵀM + λI)θ = Φ_mᵀρ, or (MΦ_mᵀ + λI)α = ρ.
	dim, rhs := min(n, k), rho
	sys := make([]float64, dim*dim)
	if n <= k {
		rhs = make([]float64, n)
		kernel.MulTo(sys, pmt, mm, n, k, n)
		kernel.MulTo(rhs, pmt, rho, n, k, 1)
	} else {
		kernel.MulTo(sys, mm, pmt, k, n, k)
	}
	for i := range dim {
		sys[i*dim+i] += lambda
	}
	if err := lstsq.Solve(sys, dim, rhs); err != nil {
		return nil, k, fmt.Errorf("LSTD with N = %d features, m = %d states: %w", n, k, err)
	}
	if n <= k {
		return rhs, k, nil
	}
	theta = make([]float64, n)
	kernel.MulTo(theta, pmt, rhs, n, k, 1) // θ = Φ_mᵀ α
	return theta, k, nil
}

// MSBE returns the true mean squared Bellman error of θ,
// Σ_s d_s (r̄_s + γ(PV)_s − V_s)² with V = Φθ, for the state weights d
// (the stationary distribution, from Stationary).
func (m *MRP) MSBE(phi []float64, n int, theta, d []float64) float64 {
	s := m.States
	v, pv := make([]float64, s), make([]float64, s)
	kernel.MulTo(v, phi, theta, s, n, 1)
	kernel.MulTo(pv, m.P, v, s, s, 1)
	var sum float64
	for i := range s {
		e := m.Reward[i] + float64(m.Gamma*pv[i]) - v[i]
		sum += float64(d[i] * e * e)
	}
	return sum
}

// EmpiricalMSBE returns the mean squared Bellman error of θ on the empirical
// MRP of t: Σ over visited s of (c_s/n)(r̂_s + γ V̂′_s − V_s)², with c_s the
// visits of s, r̂_s the mean observed reward and V̂′_s the mean value of the
// next states of s.
func (m *MRP) EmpiricalMSBE(phi []float64, n int, t Trajectory, theta []float64) float64 {
	s := m.States
	v := make([]float64, s)
	kernel.MulTo(v, phi, theta, s, n, 1)
	count, residual := make([]float64, s), make([]float64, s)
	for i, from := range t.From {
		count[from]++
		residual[from] += t.Reward[i] + float64(m.Gamma*v[t.To[i]])
	}
	var sum float64
	for i := range s {
		if count[i] > 0 {
			e := residual[i]/count[i] - v[i]
			sum += float64(count[i] * e * e)
		}
	}
	return sum / float64(len(t.From))
}
