package lstd

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/internal/parity"
	"github.com/overparam/overparam/compute/rng"
)

func TestRandomMRPIsStochasticAndStationaryIsInvariant(t *testing.T) {
	m := RandomMRP(50, 4, 0.9, rng.New(1, rng.Data))
	for i := range m.States {
		var sum float64
		for _, p := range m.P[i*m.States : (i+1)*m.States] {
			if p < 0 {
				t.Fatalf("P[%d] has a negative entry", i)
			}
			sum += p
		}
		if math.Abs(sum-1) > 1e-14 {
			t.Errorf("row %d sums to %.17g", i, sum)
		}
	}
	// Truth: the definition dP = d, Σd = 1, checked by a direct product.
	d := m.Stationary()
	var total float64
	for j := range m.States {
		var dp float64
		for i := range m.States {
			dp += d[i] * m.P[i*m.States+j]
		}
		if math.Abs(dp-d[j]) > 1e-15 {
			t.Errorf("(dP)_%d = %.17g, d_%d = %.17g", j, dp, j, d[j])
		}
		total += d[j]
	}
	if math.Abs(total-1) > 1e-13 {
		t.Errorf("Σd = %.17g", total)
	}
}

func TestTrajectoryVisitsStatesAtTheStationaryFrequencies(t *testing.T) {
	// Truth: the ergodic theorem. Visit counts of a long trajectory of an
	// ergodic chain are close to n·d_s; with this fast-mixing chain the
	// visits are nearly independent, so each count is within
	// 5√(n d_s) of n d_s unless something is wrong.
	m := RandomMRP(20, 2, 0.5, rng.New(2, rng.Data))
	const n = 200000
	tr := m.Sample(n, 0, rng.New(3, rng.Data))
	count := make([]float64, m.States)
	for i, s := range tr.From {
		count[s]++
		if i+1 < n && tr.To[i] != tr.From[i+1] {
			t.Fatalf("transition %d ends in %d but the next starts in %d", i, tr.To[i], tr.From[i+1])
		}
		if tr.Reward[i] != m.Reward[s] {
			t.Fatalf("noise 0: reward %g at transition %d, want r̄(%d) = %g", tr.Reward[i], i, s, m.Reward[s])
		}
	}
	for s, d := range m.Stationary() {
		if want := n * d; math.Abs(count[s]-want) > 5*math.Sqrt(want) {
			t.Errorf("state %d: %g visits, want about %.0f", s, count[s], want)
		}
	}
}

// naiveLSTD builds A and b from their definition, transition by transition.
func naiveLSTD(m *MRP, phi []float64, n int, tr Trajectory, lambda float64) (a, b []float64) {
	a, b = make([]float64, n*n), make([]float64, n)
	inv := 1 / float64(len(tr.From))
	for i, s := range tr.From {
		f, g := phi[s*n:(s+1)*n], phi[tr.To[i]*n:(tr.To[i]+1)*n]
		for j := range n {
			for k := range n {
				a[j*n+k] += f[j] * (f[k] - m.Gamma*g[k]) * inv
			}
			b[j] += f[j] * tr.Reward[i] * inv
		}
	}
	for j := range n {
		a[j*n+j] += lambda
	}
	return a, b
}

func TestSolveSatisfiesTheLSTDEquations(t *testing.T) {
	// Truth: (A + λI)θ = b with A and b summed from their definition. The
	// trajectory visits m ≈ 26 of 40 states, so N = 10 uses the N×N system
	// and N = 60 the m×m one.
	m := RandomMRP(40, 5, 0.9, rng.New(4, rng.Data))
	tr := m.Sample(40, 0.3, rng.New(5, rng.Data))
	for _, n := range []int{10, 60} {
		for _, lambda := range []float64{1e-3, 0.1} {
			t.Run(fmt.Sprintf("N=%d λ=%g", n, lambda), func(t *testing.T) {
				phi := m.Features(n, rng.New(6, rng.Init))
				theta, visited, err := m.Solve(phi, n, tr, lambda)
				if err != nil {
					t.Fatal(err)
				}
				if visited != len(tr.Visited(m.States)) {
					t.Errorf("visited = %d, want %d", visited, len(tr.Visited(m.States)))
				}
				a, b := naiveLSTD(&m, phi, n, tr, lambda)
				var worst, scale float64
				for j := range n {
					r := -b[j]
					for k := range n {
						r += a[j*n+k] * theta[k]
					}
					worst, scale = max(worst, math.Abs(r)), max(scale, math.Abs(b[j]))
				}
				if worst > 1e-9*scale {
					t.Errorf("max |(A + λI)θ − b| = %.3g, max |b| = %.3g", worst, scale)
				}
			})
		}
	}
}

func TestRidgelessLSTDInterpolatesTheVisitedStates(t *testing.T) {
	// Truth: with N ≥ m features and λ = 0, LSTD solves the empirical Bellman
	// equations on the visited states exactly (package documentation), so
	// the empirical MSBE vanishes; with N < m it cannot, and it does not.
	m := RandomMRP(60, 8, 0.8, rng.New(7, rng.Data))
	tr := m.Sample(50, 0.5, rng.New(8, rng.Data))
	k := len(tr.Visited(m.States))
	var rbar float64
	for _, r := range tr.Reward {
		rbar += r * r / float64(len(tr.Reward))
	}
	for _, n := range []int{k / 3, 4 * k} {
		phi := m.Features(n, rng.New(9, rng.Init))
		theta, _, err := m.Solve(phi, n, tr, 0)
		if err != nil {
			t.Fatal(err)
		}
		e := m.EmpiricalMSBE(phi, n, tr, theta)
		if interpolates := e < 1e-12*rbar; interpolates != (n >= k) {
			t.Errorf("N=%d, m=%d: empirical MSBE %.3g (mean squared reward %.3g)", n, k, e, rbar)
		}
		if msbe := m.MSBE(phi, n, theta, m.Stationary()); !(msbe > 0) || math.IsInf(msbe, 0) {
			t.Errorf("N=%d: true MSBE %g, want finite and > 0", n, msbe)
		}
	}
}

func TestLSTDGivesTheNativeBits(t *testing.T) {
	m := RandomMRP(30, 3, 0.9, rng.New(10, rng.Data))
	tr := m.Sample(25, 1, rng.New(11, rng.Data))
	var out []float64
	for _, n := range []int{5, 50} {
		phi := m.Features(n, rng.New(12, rng.Init))
		theta, _, err := m.Solve(phi, n, tr, 1e-6)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m.MSBE(phi, n, theta, m.Stationary()), m.EmpiricalMSBE(phi, n, tr, theta))
		out = append(out, theta...)
	}
	parity.Check(t, "lstd-solve", parity.Floats(m.P, m.Reward, m.Embed, out))
}
