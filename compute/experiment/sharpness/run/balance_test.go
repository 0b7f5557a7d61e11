package run

import (
	"math"
	"testing"
)

// scalarUV runs gradient descent for steps steps on the scalar two-layer
// network f = u·v with target y, L = (uv − y)²/2, from (u, v), and returns
// D_t = u_t² − v_t² and the per-step factors 1 − η²r_t² (r_t = u_t v_t − y)
// for t = 0…steps, and the final u, v. The gradient is (rv, ru).
func scalarUV(u, v, y, eta float64, steps int) (d, factor []float64, uT, vT float64) {
	for range steps + 1 {
		r := float64(u*v) - y
		d = append(d, float64(u*u)-float64(v*v))
		factor = append(factor, 1-float64(float64(eta*eta)*float64(r*r)))
		u, v = u-float64(float64(eta*r)*v), v-float64(float64(eta*r)*u)
	}
	return d, factor, u, v
}

// Truth: the balancing identity of the scalar network f = uv (Du, Hu & Lee
// 2018, "Algorithmic regularization in learning deep homogeneous models:
// layers are automatically balanced", for gradient flow; the discrete form
// by expanding the update):
// gradient flow conserves D = u² − v², and one gradient-descent step maps it
// exactly to D' = D(1 − η²r²) with r = uv − y, since
// (u − ηrv)² − (v − ηru)² = (u² − v²)(1 − η²r²). At a minimum (uv = y) the
// Hessian [[v², 2uv − y], [2uv − y, u²]] has eigenvalues {0, u² + v²}, and
// u² + v² = √(D² + 4y²): the final sharpness is fixed by the final D. From
// (u, v) = (3, 0.02), y = 1, the reference numpy runs give the final
// u² + v² = 9.1914, 8.0255, 6.5332, 2.6275 at η = 0.05, 0.2126, 0.2386, 0.3
// (η·λ₀ = 0.45 to 2.7): larger steps shrink D more and land flatter, all
// below the gradient-flow limit √(D₀² + 4) = 9.2192.
func TestGradientDescentShrinksTheBalanceByExactlyOneMinusEtaSquaredRSquared(t *testing.T) {
	const y = 1.0
	u0, v0 := 3.0, 0.02
	d0 := u0*u0 - v0*v0
	gfLimit := math.Sqrt(d0*d0 + 4*y*y)
	if math.Abs(gfLimit-9.2192) > 1e-4 {
		t.Errorf("gradient-flow limit √(D₀² + 4) = %.6g, want 9.2192", gfLimit)
	}
	for _, c := range []struct{ eta, want float64 }{{0.05, 9.1914}, {0.2126, 8.0255}, {0.2386, 6.5332}, {0.3, 2.6275}} {
		d, factor, u, v := scalarUV(u0, v0, y, c.eta, 3000)
		worst := 0.0
		for i := 1; i < len(d); i++ {
			worst = max(worst, math.Abs(d[i]-float64(d[i-1]*factor[i-1])))
		}
		if worst > 1e-13 {
			t.Errorf("η = %g: |D_{t+1} − D_t(1 − η²r_t²)| up to %.3g, want ≤ 1e-13", c.eta, worst)
		}
		if r := u*v - y; math.Abs(r) > 1e-12 {
			t.Fatalf("η = %g: residual uv − y = %.3g after 3000 steps; not at a minimum", c.eta, r)
		}
		sharp, dT := u*u+v*v, d[len(d)-1]
		if want := math.Sqrt(dT*dT + 4*y*y); math.Abs(sharp-want) > 1e-12*want {
			t.Errorf("η = %g: final u² + v² = %.15g, √(D_T² + 4y²) = %.15g", c.eta, sharp, want)
		}
		if math.Abs(sharp-c.want) > 1e-3 || !(sharp < gfLimit) {
			t.Errorf("η = %g: final sharpness u² + v² = %.5g, want %.5g ± 1e-3, below the flow's %.5g", c.eta, sharp, c.want, gfLimit)
		}
	}
	// Gradient flow conserves D: over the same time η·T = 20, the drift of
	// D under gradient descent is Σ η²r² D = O(η), so it halves with η.
	drift := func(eta float64) float64 {
		d, _, _, _ := scalarUV(u0, v0, y, eta, int(math.Round(20/eta)))
		return math.Abs(d[len(d)-1] - d0)
	}
	a, b, c := drift(1e-3), drift(5e-4), drift(2.5e-4)
	if r1, r2 := a/b, b/c; math.Abs(r1-2) > 0.02 || math.Abs(r2-2) > 0.02 || b > 1e-2*d0 {
		t.Errorf("drift of D over η·t = 20: %.4g, %.4g, %.4g at η = 1e-3, 5e-4, 2.5e-4 (ratios %.4f, %.4f); want it to halve with η", a, b, c, r1, r2)
	}
}
