package run

import (
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// Truth: Liu et al. 2018, §3 and Fig. 3: the MHE penalty lowers the
// energy of the trained units, more the larger λ (seed-averaged), and
// spreads them (the smallest angle grows from λ = 0 to the largest λ);
// with λ·E ≫ the loss, 12 units on S² approach the Thomson minimum, the
// icosahedron's 49.165 (ThomsonEnergy), here within 2% (the SGD noise of
// the loss keeps them slightly off it).
func TestMHELowersTheEnergyMonotonicallyInLambda(t *testing.T) {
	s := representations.DefaultFor("mhe")
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	r, err := Run(s, experiment.Assets{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := r.MHE
	if !m.Monotone {
		t.Errorf("mean energy against λ = %v is not decreasing: %v", m.Lambdas, m.Energy)
	}
	last := len(m.Energy) - 1
	if !(m.MinAngle[last] > m.MinAngle[0]) {
		t.Errorf("smallest angle %.1f° at λ = %g is not above %.1f° at λ = 0", m.MinAngle[last], m.Lambdas[last], m.MinAngle[0])
	}
	if m.Minimum != representations.ThomsonEnergy[12] {
		t.Errorf("Minimum = %v; want the icosahedron's %v", m.Minimum, representations.ThomsonEnergy[12])
	}
	if e := m.Energy[last]; e < m.Minimum-1e-9 || e > 1.02*m.Minimum {
		t.Errorf("energy at λ = %g is %.4f; want within 2%% above the Thomson minimum %.4f", m.Lambdas[last], e, m.Minimum)
	}
	if len(m.Units0) != 12*3 || len(m.UnitsMax) != 12*3 {
		t.Errorf("units: %d and %d numbers; want 12 points in R³", len(m.Units0), len(m.UnitsMax))
	}
	t.Logf("λ %v: energy %.3f, min angle %.1f°, accuracy %.3f", m.Lambdas, m.Energy, m.MinAngle, m.Accuracy)
}

// Truth: the Thomson problem's table as published (thomsonConfigs'
// energies, which TestEnergyOfThomsonConfigurations computes from
// coordinates) and the simplex's energy from its pairwise distance
// √(2N/(N−1)) (for N = 4 on S², the tetrahedron: the table's 3.674).
func TestKnownMinimaAgree(t *testing.T) {
	for n, c := range thomsonConfigs() {
		if got := representations.ThomsonEnergy[n]; math.Abs(got-c.energy) > 1e-9 {
			t.Errorf("ThomsonEnergy[%d] = %v; the table's %v", n, got, c.energy)
		}
	}
	if got := simplexEnergy(4, 1); math.Abs(got-representations.ThomsonEnergy[4]) > 1e-8 {
		t.Errorf("simplex energy, N = 4, s = 1: %.10f; tetrahedron %.9f", got, representations.ThomsonEnergy[4])
	}
	if got := simplexEnergy(3, 1); math.Abs(got-representations.ThomsonEnergy[3]) > 1e-8 {
		t.Errorf("simplex energy, N = 3, s = 1: %.10f; triangle %.9f", got, representations.ThomsonEnergy[3])
	}
}

// Truth: the definition of angles (the smallest pairwise angle, and the
// share of pairs with |cos| > 0.9), on the octahedron: 90° and the three
// antipodal pairs of fifteen.
func TestAnglesOfTheOctahedron(t *testing.T) {
	u := []float64{1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1, 0, 0, 0, 1, 0, 0, -1}
	a, d := angles(u, 6, 3)
	if math.Abs(a-90) > 1e-12 || math.Abs(d-3.0/15) > 1e-15 {
		t.Errorf("octahedron: smallest angle %v°, duplicates %v; want 90° and 0.2", a, d)
	}
}
