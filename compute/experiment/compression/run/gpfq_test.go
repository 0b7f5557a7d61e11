package run

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/rng"
)

// randomColumns returns m×n standard normal data as columns.
func randomColumns(r *rand.Rand, m, n int) *Columns {
	c := &Columns{M: m, N: n, X: make([]float64, m*n)}
	rng.NormalVec(r, c.X)
	return c
}

// Truth: GPFQ's defining recursion (Lybrand & Saab 2021, Section 2; Zhang,
// Zhou & Saab 2023, Section 2), recomputed from scratch at every step:
// u_{t−1} = Σ_{s<t} (w_s X_s − q_s X̃_s), c = ⟨X̃_t, u_{t−1} + w_t X_t⟩/‖X̃_t‖²,
// q_t = Q(c); and the orthogonal split of the step, ‖u_t‖² =
// ‖P⊥u_{t−1}‖² + (c − q_t)²‖X_t‖² with |c − q_t| ≤ δ/2 inside the alphabet's
// range (Lybrand & Saab 2021, Section 3, the step their bound rests on).
func TestGPFQFollowsItsRecursionStepByStep(t *testing.T) {
	const tol = 1e-12
	for _, c := range []struct {
		name       string
		m, n, bits int
		quantized  bool // X̃ ≠ X, as for a deeper layer
	}{
		{"a small first layer, m = 3, N₀ = 8, ternary", 3, 8, 1, false},
		{"a first layer, m = 5, N₀ = 40, 3 bits", 5, 40, 3, false},
		{"a deeper layer with X̃ ≠ X, m = 4, N₀ = 30, 2 bits", 4, 30, 2, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(7, uint64(c.n)))
			x := randomColumns(r, c.m, c.n)
			xq := x
			if c.quantized {
				xq = randomColumns(r, c.m, c.n)
				for i := range xq.X {
					xq.X[i] = x.X[i] + 0.3*xq.X[i]
				}
			}
			w := make([]float64, c.n)
			rng.NormalVec(r, w)
			a := NewAlphabet(w, c.bits, 1.5)
			norms, cross := Gram(x, xq)
			q, u := make([]float64, c.n), make([]float64, c.m)
			prev := make([]float64, c.m) // u_{t−1}, recomputed from the definition
			GPFQTo(q, u, w, x, xq, norms, cross, a, func(tt int, s Step, ut []float64) {
				clear(prev)
				for s := range tt {
					for i := range prev {
						prev[i] += w[s]*x.Col(s)[i] - q[s]*xq.Col(s)[i]
					}
				}
				xt, xqt := x.Col(tt), xq.Col(tt)
				var num, den float64
				for i := range prev {
					num += xqt[i] * (prev[i] + w[tt]*xt[i])
					den += xqt[i] * xqt[i]
				}
				if want := num / den; math.Abs(s.C-want) > tol*(1+math.Abs(want)) {
					t.Fatalf("step %d: argument of Q %v, want ⟨X̃_t, u + w_t X_t⟩/‖X̃_t‖² = %v", tt, s.C, want)
				}
				if s.Q != a.Round(s.C) || q[tt] != s.Q {
					t.Fatalf("step %d: q_t = %v, want Q(%v) = %v", tt, s.Q, s.C, a.Round(s.C))
				}
				// u_t = u_{t−1} + w_t X_t − q_t X̃_t.
				var uu float64
				for i := range ut {
					want := prev[i] + w[tt]*xt[i] - s.Q*xqt[i]
					if math.Abs(ut[i]-want) > tol*(1+math.Abs(want)) {
						t.Fatalf("step %d: u_t[%d] = %v, want %v", tt, i, ut[i], want)
					}
					uu += ut[i] * ut[i]
				}
				if c.quantized {
					return
				}
				// ‖u_t‖² = ‖P⊥u_{t−1}‖² + (c − q_t)²‖X_t‖².
				var pu, uprev float64
				for i := range prev {
					pu += prev[i] * xt[i]
					uprev += prev[i] * prev[i]
				}
				perp := uprev - pu*pu/den
				want := perp + (s.C-s.Q)*(s.C-s.Q)*den
				if math.Abs(uu-want) > tol*(1+want) {
					t.Fatalf("step %d: ‖u_t‖² = %v, want ‖P⊥u_{t−1}‖² + (c − q_t)²‖X_t‖² = %v", tt, uu, want)
				}
				if math.Abs(s.C) <= (float64(a.K)+0.5)*a.Delta && math.Abs(s.C-s.Q) > a.Delta/2*(1+tol) {
					t.Fatalf("step %d: |c − q_t| = %v > δ/2 = %v inside the alphabet's range", tt, math.Abs(s.C-s.Q), a.Delta/2)
				}
			})
		})
	}
}

// Truth: u_{N₀} = Xw − X̃q, the definition of the error vector, computed
// here by a dense product at every step of a larger neuron (1e-12 relative
// to ‖Xw‖).
func TestTheErrorVectorIsXTimesWMinusQAtEveryStep(t *testing.T) {
	const m, n = 10, 1024
	r := rand.New(rand.NewPCG(3, 4))
	x := randomColumns(r, m, n)
	w := make([]float64, n)
	rng.NormalVec(r, w)
	a := NewAlphabet(w, 1, 4)
	norms, cross := Gram(x, x)
	q, u := make([]float64, n), make([]float64, m)
	xw := make([]float64, m)
	MulTo(xw, w, x)
	scale := math.Sqrt(dot(xw, xw))
	worst := 0.0
	GPFQTo(q, u, w, x, x, norms, cross, a, func(tt int, _ Step, ut []float64) {
		for i := range m {
			var want float64
			for s := 0; s <= tt; s++ {
				want += (w[s] - q[s]) * x.Col(s)[i]
			}
			worst = max(worst, math.Abs(ut[i]-want)/scale)
		}
	})
	if worst > 1e-12 {
		t.Errorf("max |u_t − X(w − q)| / ‖Xw‖ = %.3g over all steps; want ≤ 1e-12", worst)
	}
}

// Truth: the alphabet {kδ : |k| ≤ K}, K = 2^(b−1), and nearest-level
// rounding with ties towards +∞, clipped to ±Kδ (Zhang, Zhou & Saab's code,
// src/step_algorithm.py, _msq), checked against a brute-force search over
// the levels.
func TestTheAlphabetAndItsRounding(t *testing.T) {
	for bits := 1; bits <= 4; bits++ {
		a := Alphabet{Delta: 0.25, K: 1 << (bits - 1)} // δ a power of two: ties are exact
		levels := a.Levels()
		if len(levels) != 1<<bits+1 || levels[0] != -float64(a.K)*a.Delta || levels[a.K] != 0 {
			t.Fatalf("b = %d: %d levels %v; want 2^b+1 = %d, from −Kδ through 0", bits, len(levels), levels, 1<<bits+1)
		}
		r := rand.New(rand.NewPCG(uint64(bits), 9))
		for range 2000 {
			x := (rng.Uniform(r)*2 - 1) * 3 * float64(a.K) * a.Delta
			best := levels[0]
			for _, l := range levels {
				if math.Abs(x-l) < math.Abs(x-best) {
					best = l
				}
			}
			if got := a.Round(x); got != best {
				t.Fatalf("b = %d: Q(%v) = %v; the nearest level is %v", bits, x, got, best)
			}
		}
		for k := -a.K; k < a.K; k++ {
			half := (float64(k) + 0.5) * a.Delta
			if got, want := a.Round(half), float64(k+1)*a.Delta; got != want {
				t.Errorf("b = %d: Q(%v) = %v; a tie rounds up, to %v", bits, half, got, want)
			}
		}
	}
}

// Truth: the alphabet's definition; every weight GPFQ or MSQ chooses is
// exactly kδ for an integer |k| ≤ K.
func TestQuantizedWeightsLieInTheAlphabetExactly(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	x := randomColumns(r, 8, 300)
	w := make([]float64, 300)
	rng.NormalVec(r, w)
	norms, cross := Gram(x, x)
	for bits := 1; bits <= 8; bits++ {
		a := NewAlphabet(w, bits, 3)
		q, u := make([]float64, len(w)), make([]float64, x.M)
		for _, method := range []string{"GPFQ", "MSQ"} {
			if method == "GPFQ" {
				GPFQTo(q, u, w, x, x, norms, cross, a, nil)
			} else {
				MSQTo(q, u, w, x, x, a)
			}
			for i, v := range q {
				k := math.Round(v / a.Delta)
				if math.Abs(k) > float64(a.K) || k*a.Delta != v {
					t.Fatalf("%s, b = %d: q[%d] = %v is not kδ with |k| ≤ %d (δ = %v)", method, bits, i, v, a.K, a.Delta)
				}
			}
		}
	}
}

// Truth: closed forms. The median of |w|, the mean with its standard error
// s/√n, and the slope of a power law.
func TestTheStatisticsHelpers(t *testing.T) {
	if got := MedianAbs([]float64{-3, 1, -2, 5}); got != 2.5 {
		t.Errorf("MedianAbs = %v; want (2 + 3)/2", got)
	}
	if mean, se := MeanSE([]float64{1, 2, 3, 4}); mean != 2.5 || math.Abs(se-math.Sqrt(5.0/3)/2) > 1e-15 {
		t.Errorf("MeanSE = %v, %v; want 2.5 and √(5/3)/2", mean, se)
	}
	x := []float64{10, 100, 1000}
	if s := LogSlope(x, []float64{3e-1, 3e-3, 3e-5}); math.Abs(s+2) > 1e-12 {
		t.Errorf("LogSlope of 3000·x⁻² = %v; want −2", s)
	}
}
