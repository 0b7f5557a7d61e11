package theory

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/rng"
	"gonum.org/v1/gonum/mat"
)

// Tolerances.
const (
	// quadTol bounds the relative error of m and m′ against the quadrature
	// below: 4000 Simpson panels of a smooth periodic integrand are accurate
	// to far below it.
	quadTol = 1e-9
	// limitTol bounds the distance of a closed form from a limit of another
	// evaluated at a large but finite argument (the limits converge like
	// 1/argument).
	limitTol = 1e-4
	// mcSigmas is how many standard errors a Monte Carlo mean may be from
	// the exact mean. The draws are independent with finite variance, so
	// their mean is nearly normal and 4σ fails by chance with probability
	// about 6e-5 for these fixed seeds.
	mcSigmas = 4
)

// mpIntegral returns ∫ g dF_γ for the Marchenko–Pastur law, independently of
// MP: the density √((b−s)(s−a))/(2πγs) integrated with s = c + h cos t,
// which turns the square-root edges into a smooth periodic integrand (so
// Simpson's rule converges fast), plus the atom 1 − 1/γ at 0.
func mpIntegral(gamma float64, g func(s float64) float64) float64 {
	sq := math.Sqrt(gamma)
	lo, hi := (1-sq)*(1-sq), (1+sq)*(1+sq)
	c, h := (lo+hi)/2, (hi-lo)/2
	const panels = 4000
	f := func(t float64) float64 {
		s := c + h*math.Cos(t)
		// (b−s)(s−a)/s, which is b − s when a = 0 (γ = 1).
		w := hi - s
		if lo > 0 {
			st := h * math.Sin(t)
			w = st * st / s
		}
		return w / (2 * math.Pi * gamma) * g(s)
	}
	dt := math.Pi / panels
	sum := f(0) + f(math.Pi)
	for i := 1; i < panels; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(float64(i)*dt)
	}
	total := sum * dt / 3
	if gamma > 1 {
		total += (1 - 1/gamma) * g(0)
	}
	return total
}

func TestMPMatchesTheIntegralOfTheMarchenkoPasturLaw(t *testing.T) {
	for _, gamma := range []float64{0.2, 0.9, 1, 1.3, 4} {
		for _, lambda := range []float64{0.05, 0.3, 1, 10} {
			t.Run(fmt.Sprintf("γ=%g λ=%g", gamma, lambda), func(t *testing.T) {
				m, dm := MP(gamma, lambda)
				wantM := mpIntegral(gamma, func(s float64) float64 { return 1 / (s + lambda) })
				wantDM := mpIntegral(gamma, func(s float64) float64 { return 1 / ((s + lambda) * (s + lambda)) })
				if math.Abs(m-wantM) > quadTol*wantM {
					t.Errorf("m(−λ) = %.15g, quadrature %.15g", m, wantM)
				}
				if math.Abs(dm-wantDM) > quadTol*wantDM {
					t.Errorf("m′(−λ) = %.15g, quadrature %.15g", dm, wantDM)
				}
			})
		}
	}
}

func TestRidgeRiskTendsToMinNormAndIsMinimalAtTheOptimalLambda(t *testing.T) {
	const r2, sigma2 = 1.0, 0.25
	for _, gamma := range []float64{0.3, 0.8, 1.25, 2, 5} {
		t.Run(fmt.Sprintf("γ=%g", gamma), func(t *testing.T) {
			// Truth: the min-norm formula, the λ → 0 limit of ridge.
			if got, want := RidgeAsymptotic(gamma, 1e-9, r2, sigma2), MinNormAsymptotic(gamma, r2, sigma2); math.Abs(got-want) > limitTol*want {
				t.Errorf("R(λ = 1e-9) = %.10g, min-norm %.10g", got, want)
			}
			// Truth: a scan of R(λ) over a fine log grid; R* must be
			// R(λ*) and no grid value may be below it.
			star := OptimalLambda(gamma, r2, sigma2)
			rstar := OptimalRidgeAsymptotic(gamma, r2, sigma2)
			if got := RidgeAsymptotic(gamma, star, r2, sigma2); math.Abs(got-rstar) > 1e-12*rstar {
				t.Errorf("R(λ*) = %.15g, R* = %.15g", got, rstar)
			}
			for e := -40; e <= 20; e++ {
				l := star * math.Pow(10, float64(e)/20)
				if r := RidgeAsymptotic(gamma, l, r2, sigma2); r < rstar*(1-1e-12) {
					t.Errorf("R(%.4g) = %.12g is below R(λ* = %.4g) = %.12g", l, r, star, rstar)
				}
			}
		})
	}
}

func TestOptimalRidgeRiskIncreasesWithGamma(t *testing.T) {
	// Truth: Hastie et al.: R* = σ²γ m(−λ*) is increasing in γ, from 0 at
	// γ → 0 towards r² as γ → ∞ (β̂ → 0).
	prev := 0.0
	for g := 0.01; g < 50; g *= 1.1 {
		r := OptimalRidgeAsymptotic(g, 1, 0.5)
		if r <= prev || r >= 1 {
			t.Fatalf("R*(γ=%.4g) = %.10g after %.10g: want increasing within (0, r² = 1)", g, r, prev)
		}
		prev = r
	}
}

func TestExactMinNormRiskTendsToTheAsymptoticRisk(t *testing.T) {
	// Truth: MinNormAsymptotic, the n → ∞ limit at fixed γ; the exact mean
	// differs by O(1/n).
	for _, gamma := range []float64{0.25, 0.5, 2, 4} {
		want := MinNormAsymptotic(gamma, 1, 1)
		for _, n := range []int{100, 1000, 10000} {
			got := MinNormRisk(n, int(gamma*float64(n)), 1, 1)
			if rel := math.Abs(got-want) / want; rel > 4*(1+gamma)/float64(n)/math.Abs(1-gamma) {
				t.Errorf("γ=%g n=%d: exact %.8g, asymptotic %.8g (relative gap %.3g)", gamma, n, got, want, rel)
			}
		}
	}
	for _, p := range []int{99, 100, 101} {
		if r := MinNormRisk(100, p, 1, 1); !math.IsInf(r, 1) {
			t.Errorf("n=100 p=%d: risk %g, want +Inf (the mean diverges)", p, r)
		}
	}
}

// Truth: Monte Carlo with gonum's dense solvers, independent of the closed
// form: β̂ = (XᵀX)⁻¹Xᵀy for p < n, Xᵀ(XXᵀ)⁻¹y for p > n.
func TestExactMinNormRiskMatchesMonteCarlo(t *testing.T) {
	const n, draws, r2, sigma2 = 30, 3000, 2.0, 0.5
	for _, p := range []int{10, 24, 40, 75} {
		t.Run(fmt.Sprintf("n=%d p=%d", n, p), func(t *testing.T) {
			r := rng.New(uint64(p), rng.Data)
			var sum, sumSq float64
			x := mat.NewDense(n, p, nil)
			beta, y := make([]float64, p), make([]float64, n)
			for range draws {
				rng.NormalVec(r, x.RawMatrix().Data)
				rng.UnitSphere(r, beta)
				for j := range beta {
					beta[j] *= math.Sqrt(r2)
				}
				var yv mat.VecDense
				yv.MulVec(x, mat.NewVecDense(p, beta))
				for i := range y {
					y[i] = yv.AtVec(i) + math.Sqrt(sigma2)*rng.Normal(r)
				}
				var est mat.VecDense
				if p < n {
					var g mat.Dense
					g.Mul(x.T(), x)
					var xty mat.VecDense
					xty.MulVec(x.T(), mat.NewVecDense(n, y))
					if err := est.SolveVec(&g, &xty); err != nil {
						t.Fatal(err)
					}
				} else {
					var k mat.Dense
					k.Mul(x, x.T())
					var alpha mat.VecDense
					if err := alpha.SolveVec(&k, mat.NewVecDense(n, y)); err != nil {
						t.Fatal(err)
					}
					est.MulVec(x.T(), &alpha)
				}
				var loss float64
				for j := range beta {
					d := est.AtVec(j) - beta[j]
					loss += d * d
				}
				sum += loss
				sumSq += loss * loss
			}
			mean := sum / draws
			se := math.Sqrt((sumSq/draws - mean*mean) / (draws - 1))
			if want := MinNormRisk(n, p, r2, sigma2); math.Abs(mean-want) > mcSigmas*se {
				t.Errorf("Monte Carlo mean %.5g ± %.2g, exact %.5g: %.1f standard errors apart", mean, se, want, math.Abs(mean-want)/se)
			}
		})
	}
}

func TestReLUConstants(t *testing.T) {
	// Truth: the Gaussian moments of max(u, 0): E σ² = 1/2, μ₀ = E σ =
	// 1/√(2π), μ₁ = E uσ = 1/2, so μ*² = 1/2 − 1/(2π) − 1/4.
	if want := math.Sqrt(0.25 - 1/(2*math.Pi)); math.Abs(ReLUMuStar-want) > 1e-16 {
		t.Errorf("ReLUMuStar = %.17g, want %.17g", ReLUMuStar, want)
	}
}

func TestRandomFeaturesRiskWithManyFeaturesIsKernelRidge(t *testing.T) {
	// Truth: as N → ∞, ridgeless regression on the features is ridgeless
	// regression with their kernel, which in high dimension is linear plus
	// μ*² times the identity (El Karoui 2010): linear ridge regression with
	// γ = d/n = 1/ψ₂ and penalty nλ = d μ*²/μ₁², i.e. λ = 1/(ψ₂ζ²), whose
	// risk is RidgeAsymptotic.
	for _, psi2 := range []float64{0.5, 2, 3, 8} {
		for _, tau2 := range []float64{0, 0.5} {
			t.Run(fmt.Sprintf("ψ₂=%g τ²=%g", psi2, tau2), func(t *testing.T) {
				got := RandomFeaturesRisk(1e7, psi2, 1, tau2)
				want := RidgeAsymptotic(1/psi2, 1/(psi2*ReLUZeta*ReLUZeta), 1, tau2)
				if math.Abs(got-want) > limitTol*want {
					t.Errorf("R(ψ₁ = 1e7) = %.10g, kernel ridge %.10g", got, want)
				}
			})
		}
	}
}

func TestRandomFeaturesRiskWithInfiniteDataIsTheApproximationError(t *testing.T) {
	// Truth: as n → ∞ the fit is the population projection of ⟨β, x⟩ on
	// the N features μ₁Θx + μ* z (z the nonlinear part, acting as
	// independent noise), whose error is F₁² (1/d) tr (I + ζ²ΘᵀΘ)⁻¹ with
	// ΘᵀΘ → ψ₁·(Marchenko–Pastur with ratio 1/ψ₁): F₁² m(−λ)/(ζ²ψ₁) at
	// λ = 1/(ζ²ψ₁). The noise does not matter.
	for _, psi1 := range []float64{0.3, 1, 2.5, 10} {
		t.Run(fmt.Sprintf("ψ₁=%g", psi1), func(t *testing.T) {
			z2 := ReLUZeta * ReLUZeta
			m, _ := MP(1/psi1, 1/(z2*psi1))
			want := m / (z2 * psi1)
			got := RandomFeaturesRisk(psi1, 1e7, 1, 0.7)
			if math.Abs(got-want) > limitTol*want {
				t.Errorf("R(ψ₂ = 1e7) = %.10g, approximation error %.10g", got, want)
			}
		})
	}
}

func TestRandomFeaturesRiskHasItsPoleAtTheInterpolationThreshold(t *testing.T) {
	// Truth: Mei & Montanari: the ridgeless risk diverges at N = n from both
	// sides, even without noise, and with few features tends to the null
	// predictor's risk F₁².
	const psi2 = 3.0
	for _, tau2 := range []float64{0, 0.5} {
		for _, eps := range []float64{-1e-6, 1e-6} {
			if r := RandomFeaturesRisk(psi2*(1+eps), psi2, 1, tau2); !(r > 1e3) {
				t.Errorf("τ²=%g ψ₁ = ψ₂(1%+g): risk %g, want a pole (> 1e3)", tau2, eps, r)
			}
		}
		if r := RandomFeaturesRisk(psi2, psi2, 1, tau2); !math.IsInf(r, 1) {
			t.Errorf("τ²=%g ψ₁ = ψ₂: risk %g, want +Inf", tau2, r)
		}
		if r := RandomFeaturesRisk(1e-6, psi2, 1, tau2); math.Abs(r-1) > 1e-4 {
			t.Errorf("τ²=%g ψ₁ = 1e-6: risk %.8g, want F₁² = 1", tau2, r)
		}
	}
}
