package lstd

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"github.com/overparam/overparam/compute/rng"
)

// eps is the unit roundoff of float64.
const eps = 0x1p-52

// identity returns the S×S identity: one-hot (tabular) features φ(s) = e_s.
func identity(s int) []float64 {
	id := make([]float64, s*s)
	for i := range s {
		id[i*s+i] = 1
	}
	return id
}

// quarterMRP returns an MRP on 5 states whose transition probabilities are
// multiples of ¼, and exactTrajectory returns transitions in exactly those
// proportions: for each state s and each s′, 4·P[s][s′] transitions s → s′
// with reward r̄(s). Its empirical model is the MRP itself, P̂ = P and r̂ =
// r̄, with every state visited.
func quarterMRP(gamma float64) MRP {
	const s = 5
	quarters := [s][s]int{
		{0, 2, 1, 0, 1},
		{1, 0, 0, 3, 0},
		{0, 1, 1, 1, 1},
		{2, 0, 0, 0, 2},
		{0, 0, 4, 0, 0},
	}
	m := MRP{States: s, P: make([]float64, s*s), Reward: []float64{1, -0.5, 2, 0.25, -1.5}, Gamma: gamma, Dim: 1, Embed: make([]float64, s)}
	for i := range s {
		for j := range s {
			m.P[i*s+j] = float64(quarters[i][j]) / 4
		}
	}
	return m
}

func exactTrajectory(m *MRP) Trajectory {
	var t Trajectory
	for s := range m.States {
		for j := range m.States {
			for range int(4 * m.P[s*m.States+j]) {
				t.From, t.To, t.Reward = append(t.From, s), append(t.To, j), append(t.Reward, m.Reward[s])
			}
		}
	}
	return t
}

// cycleMRP returns the deterministic chain s → s+1 mod S with rewards
// r̄(s) = sin(s+1): any trajectory of at least S transitions visits every
// state and its empirical model is exact.
func cycleMRP(states int, gamma float64) MRP {
	m := MRP{States: states, P: make([]float64, states*states), Reward: make([]float64, states), Gamma: gamma, Dim: 1, Embed: make([]float64, states)}
	for s := range states {
		m.P[s*states+(s+1)%states] = 1
		m.Reward[s] = math.Sin(float64(s + 1))
	}
	return m
}

// trueValue returns V = (I − γP)⁻¹ r̄ by gonum's dense LU solve.
func trueValue(t *testing.T, m *MRP) []float64 {
	t.Helper()
	s := m.States
	a := mat.NewDense(s, s, nil)
	for i := range s {
		for j := range s {
			v := -m.Gamma * m.P[i*s+j]
			if i == j {
				v++
			}
			a.Set(i, j, v)
		}
	}
	var v mat.VecDense
	if err := v.SolveVec(a, mat.NewVecDense(s, append([]float64(nil), m.Reward...))); err != nil {
		t.Fatal(err)
	}
	return v.RawVector().Data
}

func TestTabularLSTDWithFullCoverageSolvesTheBellmanEquation(t *testing.T) {
	// Holds README.md, "Numbers you can trust", LSTD: the dense solve's value
	// and "a true Bellman error of 0 up to rounding".
	// Truth: with one-hot features, A = (1/n) Σ e_{s_i}(e_{s_i} − γe_{s′_i})ᵀ =
	// D̂(I − γP̂) and b = D̂ r̂, D̂ the visit frequencies (Bradtke & Barto
	// 1996; Sutton & Barto 2018, §9.8). With every state visited D̂ is
	// invertible, so λ = 0 gives θ = (I − γP̂)⁻¹ r̂; when the empirical model is
	// exact (P̂ = P, r̂ = r̄) that is the value V = (I − γP)⁻¹ r̄ of the Bellman
	// equation, and the true MSBE Σ_s d_s (r̄ + γPV − V)_s² is 0. The
	// reference V comes from gonum's dense LU. Rounding: the LU solve is
	// backward stable, so ‖θ − V‖∞/‖V‖∞ ≤ c·S·κ∞·ε with κ∞(I − γP) ≤
	// (1+γ)/(1−γ); the Bellman residual of θ is then at most about
	// c·S·ε·(1+γ)‖V‖∞ per state. c = 10 covers the constants of the bounds.
	cases := []struct {
		name string
		m    MRP
		tr   func(m *MRP) Trajectory
	}{
		{"quarter-probability chain, exact transition counts", quarterMRP(0.9), exactTrajectory},
		{"deterministic 7-cycle, sampled trajectory", cycleMRP(7, 0.8), func(m *MRP) Trajectory { return m.Sample(30, 0, rng.New(31, rng.Data)) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, s := &c.m, c.m.States
			tr := c.tr(m)
			phi := identity(s)
			theta, visited, err := m.Solve(phi, s, tr, 0)
			if err != nil {
				t.Fatal(err)
			}
			if visited != s {
				t.Fatalf("visited %d of %d states", visited, s)
			}
			v := trueValue(t, m)
			var vmax, diff float64
			for i := range s {
				vmax, diff = max(vmax, math.Abs(v[i])), max(diff, math.Abs(theta[i]-v[i]))
			}
			kappa := (1 + m.Gamma) / (1 - m.Gamma)
			if tol := 10 * float64(s) * kappa * eps * vmax; diff > tol {
				t.Errorf("max |θ − (I − γP)⁻¹r̄| = %.3g > %.3g (‖V‖∞ = %.3g)", diff, tol, vmax)
			}
			residual := 10 * float64(s) * eps * (1 + m.Gamma) * vmax
			msbe := m.MSBE(phi, s, theta, m.Stationary())
			if msbe > residual*residual {
				t.Errorf("true MSBE %.3g, want 0 up to rounding (%.3g)", msbe, residual*residual)
			}
			t.Logf("max |θ − V| = %.3g (‖V‖∞ = %.3g), true MSBE %.3g", diff, vmax, msbe)
			if e := m.EmpiricalMSBE(phi, s, tr, theta); e > residual*residual {
				t.Errorf("empirical MSBE %.3g, want 0 up to rounding (%.3g)", e, residual*residual)
			}
		})
	}
}

func TestOneConstantFeatureGivesTheClosedForm(t *testing.T) {
	// Truth: hand derivation for N = 1 and φ(s) = c for every state:
	// A = (1/n) Σ c(c − γc) = c²(1 − γ) and b = c·r̄_n, r̄_n the mean observed
	// reward, so θ = c·r̄_n/(c²(1 − γ) + λ) and V ≡ v = cθ. The Bellman
	// residual of a constant V is r̄_s + γv − v, so the true MSBE is
	// Σ_s d_s (r̄_s − (1 − γ)v)² and the empirical one
	// Σ_s (c_s/n)(r̂_s − (1 − γ)v)², r̂_s the mean reward observed from s.
	// Both sides are a few dozen roundings of O(1) terms: 1e-13 relative.
	const tol = 1e-13
	m := RandomMRP(12, 2, 0.7, rng.New(32, rng.Data))
	tr := m.Sample(200, 0.4, rng.New(33, rng.Data))
	const c = 0.6
	phi := make([]float64, m.States)
	for i := range phi {
		phi[i] = c
	}
	var rbar float64
	count, rsum := make([]float64, m.States), make([]float64, m.States)
	for i, s := range tr.From {
		rbar += tr.Reward[i] / float64(len(tr.From))
		count[s]++
		rsum[s] += tr.Reward[i]
	}
	d := m.Stationary()
	for _, lambda := range []float64{0, 0.05} {
		t.Run(fmt.Sprintf("λ=%g", lambda), func(t *testing.T) {
			theta, _, err := m.Solve(phi, 1, tr, lambda)
			if err != nil {
				t.Fatal(err)
			}
			want := c * rbar / (c*c*(1-m.Gamma) + lambda)
			if math.Abs(theta[0]-want) > tol*math.Abs(want) {
				t.Errorf("θ = %.17g, closed form %.17g", theta[0], want)
			}
			v := c * want
			var msbe, emp float64
			for s := range m.States {
				e := m.Reward[s] - (1-m.Gamma)*v
				msbe += d[s] * e * e
				if count[s] > 0 {
					e := rsum[s]/count[s] - (1-m.Gamma)*v
					emp += count[s] / float64(len(tr.From)) * e * e
				}
			}
			if got := m.MSBE(phi, 1, theta, d); math.Abs(got-msbe) > tol*msbe {
				t.Errorf("true MSBE %.17g, closed form %.17g", got, msbe)
			}
			if got := m.EmpiricalMSBE(phi, 1, tr, theta); math.Abs(got-emp) > tol*emp {
				t.Errorf("empirical MSBE %.17g, closed form %.17g", got, emp)
			}
		})
	}
}

func TestEmpiricalMSBEConvergesToTheTrueMSBEUnderFullCoverage(t *testing.T) {
	// Holds README.md, "Numbers you can trust", LSTD: the empirical MSBE
	// converges to the true one "within 4 standard errors".
	// Truth: Brellmann et al. (ICLR 2024, arXiv:2310.05518), as quoted in
	// the paper's OpenReview discussion (forum 9RIbNmx984): "Under the
	// assumption that all states are visited [the empirical MSBE] converges
	// to [the true MSBE] with probability 1, as the number of collected
	// transitions n → ∞". Of the two candidate definitions, the MSBE of the
	// empirical MRP (P̂, r̂) on the visited states, weighted by visit
	// frequency (package documentation), has that property and the mean
	// squared one-step TD error does not; ours also vanishes when ridgeless
	// LSTD interpolates (N ≥ m, TestRidgelessLSTDInterpolatesTheVisitedStates).
	// The true MSBE is Σ_s d_s (r̄ + γPV − V)_s². Monte Carlo over
	// independent trajectories: for a fixed V the
	// mean of the per-state residual r̂_s + γV̂′_s − V_s has variance
	// (σ² + γ²Var_{s′∼P_s} V(s′))/c_s, so E[empirical] = true + Σ_s (σ² +
	// γ²Var_s V)/n + O(1/n) from the start state; the test asks the mean of
	// K replicates to be within 4 standard errors of that. The mean squared
	// one-step TD error (1/n) Σ_i (r_i + γV(s′_i) − V(s_i))² would instead
	// converge to true + Σ_s d_s (σ² + γ²Var_s V), far outside that band:
	// the test checks this too, so it tells the two definitions apart.
	const (
		states, n, reps = 10, 50000, 8
		noise           = 0.5
	)
	m := RandomMRP(states, 3, 0.9, rng.New(34, rng.Data))
	phi := m.Features(4, rng.New(35, rng.Init))
	theta := []float64{1.5, -2, 0.7, 3}
	d := m.Stationary()
	truth := m.MSBE(phi, 4, theta, d)
	v := make([]float64, states)
	for s := range states {
		for j, w := range phi[s*4 : (s+1)*4] {
			v[s] += w * theta[j]
		}
	}
	var bias, tdGap float64 // Σ_s (σ² + γ²Var_s V)/n and Σ_s d_s (σ² + γ²Var_s V)
	for s := range states {
		var mean, sq float64
		for j, p := range m.P[s*states : (s+1)*states] {
			mean += p * v[j]
			sq += p * v[j] * v[j]
		}
		w := noise*noise + m.Gamma*m.Gamma*(sq-mean*mean)
		bias += w / n
		tdGap += d[s] * w
	}
	var sum, sumSq, td float64
	for k := range reps {
		tr := m.Sample(n, noise, rng.New(uint64(100+k), rng.Data))
		if got := len(tr.Visited(states)); got != states {
			t.Fatalf("replicate %d visits %d of %d states", k, got, states)
		}
		e := m.EmpiricalMSBE(phi, 4, tr, theta)
		sum += e
		sumSq += e * e
		for i, s := range tr.From {
			r := tr.Reward[i] + m.Gamma*v[tr.To[i]] - v[s]
			td += r * r / (n * reps)
		}
	}
	mean := sum / reps
	se := math.Sqrt((sumSq/reps - mean*mean) / (reps - 1))
	want := truth + bias
	t.Logf("true MSBE %.6g (+ bias %.2g), empirical %.6g ± %.2g, mean squared TD error %.6g (predicted %.6g)", truth, bias, mean, se, td, truth+tdGap)
	if math.Abs(mean-want) > 4*se {
		t.Errorf("empirical MSBE %.6g ± %.2g (%d × %d transitions), want %.6g within 4 standard errors", mean, se, reps, n, want)
	}
	if math.Abs(td-want) < 10*se {
		t.Errorf("the mean squared TD error %.6g is as close to the true MSBE as the empirical MSBE; the test cannot tell the definitions apart", td)
	}
}
