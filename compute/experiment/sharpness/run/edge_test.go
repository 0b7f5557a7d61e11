package run

import (
	"fmt"
	"math"
	"testing"

	"github.com/overparam/overparam/compute/experiment/sharpness"
)

// quadraticAmplitude runs steps of the optimizer of s at step size eta on
// the quadratic ½a·x² from x = 1 (the linear model of the edge formulas,
// where the Gauss-Newton matrix is the Hessian) and returns |x_T|. SAF sees
// the outputs of lag steps ago; MESA an EMA of x.
func quadraticAmplitude(s *sharpness.Spec, eta, a float64, steps int) float64 {
	x, v, ema := 1.0, 0.0, 1.0
	hist := []float64{}
	for t := 0; t < steps; t++ {
		g := a * x
		switch s.Optimizer {
		case "heavyball":
			v = s.Momentum*v + g
			x -= eta * v
		case "nesterov":
			v = s.Momentum*v + g
			x -= eta * (g + s.Momentum*v)
		case "usam":
			x -= eta * a * (x + s.Rho*g)
		case "saf":
			hist = append(hist, x)
			pen := 0.0
			if t >= s.Lag {
				pen = s.Lambda * a * (x - hist[t-s.Lag])
			}
			x -= eta*g + eta*pen
		case "mesa":
			xn := x - eta*g - eta*s.Lambda*a*(x-ema)
			ema = s.EMA*ema + (1-s.EMA)*xn
			x = xn
		default:
			x -= eta * g
		}
		if math.Abs(x) > 1e100 {
			return math.Inf(1) // diverged
		}
	}
	return math.Abs(x)
}

// Truth: the closed form |1 − ηλ|^T of gradient descent on a quadratic
// with eigenvalues {1, 10, 100} along its top eigenvector (Cohen et al.
// 2021, §2): below, at and above η = 2/100 after 2000 steps.
func TestGradientDescentOnAQuadraticDivergesIffEtaLambdaExceedsTwo(t *testing.T) {
	s := sharpness.Default()
	for _, c := range []struct{ eta, want float64 }{
		{0.0199, math.Pow(math.Abs(1-100*0.0199), 2000)}, // 1.864e-9
		{0.02, 1},
		{0.0201, math.Pow(math.Abs(1-100*0.0201), 2000)}, // 4.393e8
	} {
		got := quadraticAmplitude(&s, c.eta, 100, 2000)
		if math.Abs(got-c.want) > 1e-9*c.want {
			t.Errorf("η = %g: |x_2000| = %.6g, want |1 − 100η|^2000 = %.6g", c.eta, got, c.want)
		}
		if e := Edge(&s, c.eta, 0); (100 > e) != (c.want > 1) {
			t.Errorf("η = %g: edge %g disagrees with the amplitude %g", c.eta, e, got)
		}
	}
	for _, c := range []struct{ eta, want float64 }{{0.0199, 1.864e-9}, {0.0201, 4.393e8}} {
		if got := math.Pow(math.Abs(1-100*c.eta), 2000); math.Abs(got-c.want) > 1e-3*c.want {
			t.Errorf("η = %g: %.4g, want the reference amplitude %.4g", c.eta, got, c.want)
		}
	}
}

// Truth: the linear stability of each optimizer on ½a·x²: at a 0.1% below
// its edge the iteration converges, 0.1% above it diverges. The edges are
// 2(1+β)/η (heavy ball), (2+2β)/((1+2β)η) (Nesterov), the root of
// ηa(1+ρa) = 2 (unnormalised SAM, Agarwala & Dauphin 2023), 2/(η(1+2λ)) for
// SAF with an odd lag, and 2/(η(1+λ)) for MESA as its EMA decay β → 1.
func TestEachOptimizerIsStableBelowItsEdgeAndDivergesAboveIt(t *testing.T) {
	eta := 0.1
	cases := []struct {
		query string
		steps int
	}{
		{"optimizer=heavyball&momentum=0.9", 40000},
		{"optimizer=heavyball&momentum=0.5", 20000},
		{"optimizer=nesterov&momentum=0.9", 40000},
		{"optimizer=usam&rho=0.05", 20000},
		{"optimizer=saf&lambda=0.3&lag=1", 20000},
		{"optimizer=saf&lambda=0.3&lag=3", 40000},
		{"optimizer=saf&lambda=0.3&lag=2", 40000},
		{"optimizer=mesa&lambda=0.3&ema=0.9999", 200000},
	}
	for _, c := range cases {
		s := specOf(c.query)
		edge := Edge(&s, eta, 0)
		below := quadraticAmplitude(&s, eta, edge*(1-1e-3), c.steps)
		above := quadraticAmplitude(&s, eta, edge*(1+1e-3), c.steps)
		if !(below < 1) || !(above > 1) {
			t.Errorf("%s: edge %.6g: |x_T| = %.3g at 0.999·edge, %.3g at 1.001·edge; want < 1 and > 1", c.query, edge, below, above)
		}
	}
}

// Truth: the closed forms of the edges (the reference values of the
// stability analysis in docs: 2/(η(1+2λ)) = 12.5 and 2/(η(1+λ)) = 15.385 at
// η = 0.1, λ = 0.3; unnormalised SAM 12.361 at ρ = 0.05) and, for SAF with
// lag 2, the critical a = 17.895 of the polynomial
// z³ − (1 − ηa(1+λ))z² − ηaλ (its roots computed independently here by
// checking |x_T| on both sides in the previous test).
func TestTheEdgeFormulasGiveTheReferenceValues(t *testing.T) {
	for _, c := range []struct {
		query string
		want  float64
		tol   float64
	}{
		{"optimizer=gd", 20, 1e-15},
		{"optimizer=usam&rho=0.05", (math.Sqrt(1+8*0.05/0.1) - 1) / (2 * 0.05), 1e-15},
		{"optimizer=usam&rho=0.05", 12.361, 1e-4},
		{"optimizer=saf&lambda=0.3&lag=1", 12.5, 1e-12},
		{"optimizer=saf&lambda=0.3&lag=2", 17.895, 1e-3},
		{"optimizer=mesa&lambda=0.3", 15.385, 1e-4},
		{"optimizer=heavyball&momentum=0.9", 38, 1e-14},
		{"optimizer=nesterov&momentum=0.9", 3.8 / 2.8 / 0.1, 1e-14},
	} {
		s := specOf(c.query)
		if got := Edge(&s, 0.1, 0); math.Abs(got-c.want) > c.tol*c.want {
			t.Errorf("%s: edge %.8g, want %.8g (rel %g)", c.query, got, c.want, c.tol)
		}
	}
	// Normalised SAM with ‖g‖ held fixed is unnormalised SAM with ρ/‖g‖
	// (Long & Bartlett 2023), and tends to 2/η as ρ → 0.
	s := specOf("optimizer=sam&rho=0.05")
	g := 0.16
	if got, want := Edge(&s, 0.1, g), (g/(2*0.05))*(math.Sqrt(1+8*0.05/(0.1*g))-1); math.Abs(got-want) > 1e-12*want {
		t.Errorf("SAM edge %.10g, want %.10g", got, want)
	}
	s.Rho = 1e-6
	if got := Edge(&s, 0.1, 1); math.Abs(got-20) > 1e-3 {
		t.Errorf("SAM edge at ρ → 0: %g, want 2/η = 20", got)
	}
}

func specOf(query string) sharpness.Spec {
	s := sharpness.Default()
	if n := parseInto(query, &s); n != "" {
		panic(fmt.Sprint(n))
	}
	return s
}
