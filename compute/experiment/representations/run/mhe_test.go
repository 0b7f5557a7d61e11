package run

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// thomsonConfigs are the known minimisers of the Coulomb (s = 1) energy
// on S² for N = 2 … 6 and 12, with their energies, Σ_{i<j} 1/r_ij:
// antipodes, the equilateral triangle on a great circle, the regular
// tetrahedron, the triangular bipyramid, the octahedron and the
// icosahedron (the values of the Thomson problem's table, e.g. Wales &
// Ulker, Phys. Rev. B 74, 212101 (2006); each also follows by hand from
// the coordinates: N = 4 is 6/√(8/3)).
func thomsonConfigs() map[int]struct {
	points [][3]float64
	energy float64
} {
	t := 1 / math.Sqrt(3)
	phi := (1 + math.Sqrt(5)) / 2
	var ico [][3]float64
	for _, a := range []float64{-1, 1} {
		for _, b := range []float64{-phi, phi} {
			ico = append(ico, [3]float64{0, a, b}, [3]float64{a, b, 0}, [3]float64{b, 0, a})
		}
	}
	h := math.Sqrt(3) / 2
	return map[int]struct {
		points [][3]float64
		energy float64
	}{
		2:  {[][3]float64{{0, 0, 1}, {0, 0, -1}}, 0.5},
		3:  {[][3]float64{{1, 0, 0}, {-0.5, h, 0}, {-0.5, -h, 0}}, 1.732050808},
		4:  {[][3]float64{{t, t, t}, {t, -t, -t}, {-t, t, -t}, {-t, -t, t}}, 3.674234614},
		5:  {[][3]float64{{0, 0, 1}, {0, 0, -1}, {1, 0, 0}, {-0.5, h, 0}, {-0.5, -h, 0}}, 6.474691495},
		6:  {[][3]float64{{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}, 9.985281374},
		12: {ico, 49.165253058},
	}
}

// Truth: the Thomson problem's minimal energies (thomsonConfigs), to the
// table's nine decimals; the rows need not be unit vectors (Energy
// normalises them), so the icosahedron is given unnormalised.
func TestEnergyOfThomsonConfigurations(t *testing.T) {
	for n, c := range thomsonConfigs() {
		w := make([]float64, 0, 3*n)
		for _, p := range c.points {
			w = append(w, p[0], p[1], p[2])
		}
		if got := Energy(nil, w, n, 3, 1, false); math.Abs(got-c.energy) > 1e-8 {
			t.Errorf("N = %d: E_1 = %.10f; Thomson minimum %.9f", n, got, c.energy)
		}
	}
}

// Truth: central finite differences of Energy itself, for every power,
// both variants and random (unnormalised) weights.
func TestEnergyGradientMatchesFiniteDifferences(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 1))
	const n, m, h = 7, 4, 1e-6
	for _, s := range []int{0, 1, 2} {
		for _, half := range []bool{false, true} {
			t.Run(fmt.Sprintf("s=%d half=%v", s, half), func(t *testing.T) {
				w := gaussian(r, n, m)
				g := make([]float64, n*m)
				Energy(g, w, n, m, s, half)
				for k := range w {
					x := w[k]
					w[k] = x + h
					ep := Energy(nil, w, n, m, s, half)
					w[k] = x - h
					em := Energy(nil, w, n, m, s, half)
					w[k] = x
					fd := (ep - em) / (2 * h)
					if math.Abs(fd-g[k]) > 1e-6*math.Max(1, math.Abs(fd)) {
						t.Errorf("∂E/∂w[%d] = %.10g; finite differences %.10g", k, g[k], fd)
					}
				}
			})
		}
	}
}

// descend minimises Energy over n points in R^m from a random start by
// normalised gradient steps, and returns the unit points.
func descend(r *rand.Rand, n, m, s int, steps int) []float64 {
	w := gaussian(r, n, m)
	g := make([]float64, n*m)
	for range steps {
		Energy(g, w, n, m, s, false)
		for i := range n {
			row := w[i*m : (i+1)*m]
			norm := math.Sqrt(dot(row, row))
			for k := range m {
				row[k] = (row[k] - 0.02*g[i*m+k]) / norm
			}
		}
	}
	return w
}

// Truth: for N ≤ d+1 points on S^{d}, every power's energy is minimised by
// the regular simplex, whose pairwise cosines are all −1/(N−1) (Liu et al.
// 2018, §3.3); and gradient descent on E_1 for N = 5 and 6 on S² reaches
// the Thomson minima of thomsonConfigs.
func TestEnergyDescentReachesTheKnownMinima(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 1))
	for _, c := range []struct{ n, m, s int }{{3, 3, 1}, {4, 4, 0}, {4, 3, 2}, {5, 5, 1}} {
		w := descend(r, c.n, c.m, c.s, 3000)
		want := -1 / float64(c.n-1)
		for i := range c.n {
			for j := range i {
				ui, uj := w[i*c.m:(i+1)*c.m], w[j*c.m:(j+1)*c.m]
				cos := dot(ui, uj) / math.Sqrt(dot(ui, ui)*dot(uj, uj))
				if math.Abs(cos-want) > 1e-6 {
					t.Errorf("N = %d on S^%d, s = %d: cos(ŵ_%d, ŵ_%d) = %.8f; simplex %.8f", c.n, c.m-1, c.s, i, j, cos, want)
				}
			}
		}
	}
	configs := thomsonConfigs()
	for _, n := range []int{5, 6} {
		w := descend(r, n, 3, 1, 4000)
		if got := Energy(nil, w, n, 3, 1, false); math.Abs(got-configs[n].energy) > 1e-6 {
			t.Errorf("N = %d: descent reaches E_1 = %.9f; Thomson minimum %.9f", n, got, configs[n].energy)
		}
	}
}
