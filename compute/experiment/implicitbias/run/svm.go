package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment/implicitbias"
)

// constraint is one constraint of the attention SVM, ⟨A_k, W⟩ ≥ 1 with
// A_k = (x_{i,id_i} − x_it) z_iᵀ (Tarzanagh et al. 2023, eq. Att-SVM):
// the selected token of sequence i must out-score token t by one.
type constraint struct {
	dx, z []float64
}

// inner returns ⟨A_k, W⟩ = Δxᵀ W z.
func (c constraint) inner(w []float64, d int) float64 {
	var s float64
	for a := range d {
		var row float64
		for b := range d {
			row += float64(w[a*d+b] * c.z[b])
		}
		s += float64(c.dx[a] * row)
	}
	return s
}

// addTo adds coef·A_k to w.
func (c constraint) addTo(w []float64, coef float64, d int) {
	for a := range d {
		ca := float64(coef * c.dx[a])
		for b := range d {
			w[a*d+b] += float64(ca * c.z[b])
		}
	}
}

// sqNorm returns ‖A_k‖²_F = ‖Δx‖²‖z‖².
func (c constraint) sqNorm() float64 { return float64(dot(c.dx, c.dx) * dot(c.z, c.z)) }

// constraints builds the SVM's constraints for the selected tokens ids, in
// the order of sequences, then tokens.
func constraints(p *problem, ids []int) []constraint {
	var cs []constraint
	for i := range p.n {
		for t := range p.t {
			if t == ids[i] {
				continue
			}
			dx := make([]float64, p.d)
			for a := range p.d {
				dx[a] = p.x[i][ids[i]*p.d+a] - p.x[i][t*p.d+a]
			}
			cs = append(cs, constraint{dx: dx, z: p.z[i]})
		}
	}
	return cs
}

// Solver tolerances and limits.
const (
	// hildrethTol stops the Frobenius solver when no dual variable moves by
	// more than it in a sweep.
	hildrethTol = 1e-12
	// hildrethMaxSweeps bounds its sweeps.
	hildrethMaxSweeps = 200000
	// projectionSweeps is the number of coordinate sweeps of the dual of
	// the projection onto the constraints in each ADMM iteration, warm
	// started.
	projectionSweeps = 5
	// admmRho is the ADMM penalty ρ.
	admmRho = 1.0
	// certifyEvery is how often (in ADMM iterations) the nuclear solver
	// computes its duality gap, and nuclearGapTol the relative gap at
	// which it stops before its iteration limit.
	certifyEvery  = 100
	nuclearGapTol = 1e-12
)

// solveFro solves the Frobenius attention SVM, min ‖W‖_F s.t.
// ⟨A_k, W⟩ ≥ 1, by Hildreth's dual coordinate ascent: with W = Σ α_k A_k,
// α_k ← max(0, α_k + (1 − ⟨A_k, W⟩)/‖A_k‖²) in order, until no α moves by
// more than hildrethTol. It returns W, α and the sweeps taken, or an error
// if it does not converge.
func solveFro(cs []constraint, d int) (w, alpha []float64, sweeps int, err error) {
	w, alpha = make([]float64, d*d), make([]float64, len(cs))
	g := make([]float64, len(cs))
	for k, c := range cs {
		g[k] = c.sqNorm()
	}
	for sweeps = 1; sweeps <= hildrethMaxSweeps; sweeps++ {
		var moved float64
		for k, c := range cs {
			next := max(0, alpha[k]+(1-c.inner(w, d))/g[k])
			if delta := next - alpha[k]; delta != 0 {
				c.addTo(w, delta, d)
				moved = max(moved, math.Abs(delta))
				alpha[k] = next
			}
		}
		if moved < hildrethTol {
			return w, alpha, sweeps, nil
		}
	}
	return w, alpha, hildrethMaxSweeps, fmt.Errorf("the Frobenius SVM did not converge in %d sweeps", hildrethMaxSweeps)
}

// froSolution describes the Frobenius solution with its KKT certificate.
func froSolution(cs []constraint, w, alpha []float64, sweeps, d int) implicitbias.SVMSolution {
	sol := describe(w, d, frob(w), minMargin(cs, w, d))
	for k, c := range cs {
		sol.Gap = max(sol.Gap, math.Abs(float64(alpha[k]*(c.inner(w, d)-1))))
	}
	sol.Sweeps = sweeps
	return sol
}

// solveNuc solves the nuclear-norm attention SVM, min ‖W‖_* s.t.
// ⟨A_k, W⟩ ≥ 1 (Tarzanagh et al. 2023, Theorem 3), by scaled ADMM on
// W = Z (Boyd et al. 2011, §3.1.1), warm started at the Frobenius
// solution start:
//
//	W ← SVT_{1/ρ}(Z − U)
//	Z ← the projection of W + U onto the constraints, by coordinate ascent
//	    on its dual, Z = W + U + Σ β_k A_k, β ≥ 0 (projectionSweeps sweeps,
//	    warm started)
//	U ← U + W − Z
//
// for at most iters iterations, stopping once the relative duality gap
// below is under nuclearGapTol (checked every certifyEvery). The solution is Z scaled to min_k ⟨A_k, Z⟩ = 1,
// which is feasible; its certificate is the relative gap between that
// primal value and the dual bound Σα/‖Σ α_k A_k‖_op with α = ρβ (any α ≥ 0
// gives one, by weak duality: ‖W‖_* ≥ ⟨M, W⟩/‖M‖_op for M = Σα_k A_k).
func solveNuc(cs []constraint, start []float64, d, iters int) implicitbias.SVMSolution {
	z := append([]float64(nil), start...)
	w, u := make([]float64, d*d), make([]float64, d*d)
	tmp := make([]float64, d*d)
	beta := make([]float64, len(cs))
	g := make([]float64, len(cs))
	for k, c := range cs {
		g[k] = c.sqNorm()
	}
	// The projection's dual in Gram form: ⟨A_k, Z⟩ = ⟨A_k, V⟩ + (Gβ)_k with
	// G_kl = ⟨A_k, A_l⟩ = (Δx_k·Δx_l)(z_k·z_l), so a coordinate step costs
	// O(m), not O(d²).
	m := len(cs)
	gram := make([]float64, m*m)
	for k := range cs {
		for l := range cs {
			gram[k*m+l] = float64(dot(cs[k].dx, cs[l].dx) * dot(cs[k].z, cs[l].z))
		}
	}
	gb, av := make([]float64, m), make([]float64, m)
	dec := newSVD(d)
	done := iters
	for it := 1; it <= iters; it++ {
		for i := range tmp {
			tmp[i] = z[i] - u[i]
		}
		dec.svtTo(w, tmp, 1/admmRho)
		// V = W + U; Z = V + Σ β_k A_k after sweeps of
		// β_k ← max(0, β_k + (1 − ⟨A_k, Z⟩)/‖A_k‖²).
		for i := range z {
			z[i] = w[i] + u[i]
		}
		for k, c := range cs {
			av[k] = c.inner(z, d)
		}
		for range projectionSweeps {
			for k := range cs {
				next := max(0, beta[k]+(1-(av[k]+gb[k]))/g[k])
				if delta := next - beta[k]; delta != 0 {
					for l := range gb {
						gb[l] += float64(delta * gram[l*m+k])
					}
					beta[k] = next
				}
			}
		}
		for k, c := range cs {
			if beta[k] != 0 {
				c.addTo(z, beta[k], d)
			}
		}
		for i := range u {
			u[i] += w[i] - z[i]
		}
		if it%certifyEvery == 0 && it < iters {
			if _, _, gap := certify(cs, z, beta, d); gap < nuclearGapTol {
				done = it
				break
			}
		}
	}
	sol, primal, gap := certify(cs, z, beta, d)
	out := describe(sol, d, primal, minMargin(cs, sol, d))
	out.Gap = gap
	out.Sweeps = done
	return out
}

// certify scales z to the feasible sol = z/min_k⟨A_k, z⟩ and returns it
// with its nuclear norm (the primal value) and the relative gap to the
// dual bound Σα/‖Σ α_k A_k‖_op, α = ρβ.
func certify(cs []constraint, z, beta []float64, d int) (sol []float64, primal, gap float64) {
	margin := minMargin(cs, z, d)
	sol = make([]float64, d*d)
	for i := range z {
		sol[i] = z[i] / margin
	}
	primal = nuclearNorm(sol, d)
	mop := make([]float64, d*d)
	var sum float64
	for k, c := range cs {
		c.addTo(mop, float64(admmRho*beta[k]), d)
		sum += float64(admmRho * beta[k])
	}
	dual := sum / opNorm(mop, d)
	return sol, primal, (primal - dual) / primal
}

// minMargin returns min_k ⟨A_k, w⟩.
func minMargin(cs []constraint, w []float64, d int) float64 {
	m := math.Inf(1)
	for _, c := range cs {
		m = min(m, c.inner(w, d))
	}
	return m
}

// describe fills a solution's norm, singular values, rank and margin.
func describe(w []float64, d int, norm, margin float64) implicitbias.SVMSolution {
	sv := singularValues(w, d)
	rank := 0
	for _, s := range sv {
		if s > implicitbias.RankTolerance*sv[0] {
			rank++
		}
	}
	return implicitbias.SVMSolution{Norm: norm, Singular: sv, Rank: rank, MinMargin: margin, W: append([]float64(nil), w...)}
}
