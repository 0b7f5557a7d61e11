package spectrum

import (
	"math"
	"testing"
)

// Truth: a multiple of the identity has Krylov space span{q₁}, so Lanczos
// stops after one step with β₁ = 0 exactly (an invariant subspace) and
// |β₁ s₁₁| = 0; the reported residual must be the floor ε‖T₁‖ = 2⁻⁵²·3,
// never 0, since rounding alone makes θ uncertain at that level.
func TestRitzResidualIsNeverZero(t *testing.T) {
	a := NewSym(4)
	for i := range 4 {
		a.SetSym(i, i, 3)
	}
	res, err := RunLanczos(a, LanczosSettings{Steps: 4}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Values) != 1 || !res.Breakdown || res.Beta[0] != 0 {
		t.Fatalf("want a breakdown after one step with β₁ = 0; got values %v, β %v", res.Values, res.Beta)
	}
	if want := 0x1p-52 * 3; res.Residuals[0] != want {
		t.Errorf("residual %g, want ε‖T‖ = %g", res.Residuals[0], want)
	}
}

// Truth: the floor ε‖T_m‖ recomputed from the run's own α and β (the
// converged spikes of a spiked Wishart matrix have |β_m s_{m,i}| below it,
// so they sit at the floor); and every residual still bounds the distance
// from θ_i to the nearest dense eigenvalue (Parlett 1998, Thm 4.5.1), up to
// the rounding the floor stands for.
func TestRitzResidualsAreFlooredBoundsOnTheError(t *testing.T) {
	a := spikedWishart(120, 240, []float64{6, 12, 24}, 0, 5)
	res, err := RunLanczos(a, LanczosSettings{Steps: 40}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var normT float64 // Gershgorin: max_i |α_i| + β_{i−1} + β_i
	for i, al := range res.Alpha {
		g := math.Abs(al) + res.Beta[i]
		if i > 0 {
			g += res.Beta[i-1]
		}
		normT = max(normT, g)
	}
	floor := 0x1p-52 * normT
	dense := DenseEigenvalues(a)
	floored := 0
	for i, r := range res.Residuals {
		if r < floor {
			t.Errorf("θ_%d = %.6g: residual %g below the floor ε‖T‖ = %g", i, res.Values[i], r, floor)
		}
		if r == floor {
			floored++
		}
		// The bound, with 10 ε‖T‖ for the rounding in θ and in the dense
		// eigenvalues.
		if d := nearest(res.Values[i], dense); d > r+10*floor {
			t.Errorf("θ_%d = %.12g is %.3g from every eigenvalue, more than its residual %.3g", i, res.Values[i], d, r)
		}
	}
	if floored == 0 {
		t.Errorf("no residual sits at the floor: the three spikes should have converged below it")
	}
}
