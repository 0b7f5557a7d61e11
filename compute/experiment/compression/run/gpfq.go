package run

import (
	"math"
	"slices"
)

// Alphabet is the quantization alphabet {kδ : |k| ≤ K}.
type Alphabet struct {
	// Delta is the step δ > 0.
	Delta float64
	// K is the largest |k|: 2^(b−1) for b bits.
	K int
}

// NewAlphabet returns the alphabet of b bits whose largest level Kδ is
// scale·median|w|, K = 2^(b−1). A w whose median |w| is 0 gets δ = 1 (every
// weight then rounds to 0 or ±δ; the alphabet is only a grid).
func NewAlphabet(w []float64, bits int, scale float64) Alphabet {
	k := 1 << (bits - 1)
	delta := scale * MedianAbs(w) / float64(k)
	if !(delta > 0) {
		delta = 1
	}
	return Alphabet{Delta: delta, K: k}
}

// Round returns Q(x) = clamp(⌊x/δ + ½⌋, −K, K)·δ: the nearest level, ties
// towards +∞, clipped to ±Kδ.
func (a Alphabet) Round(x float64) float64 {
	k := math.Floor(x/a.Delta + 0.5)
	k = max(-float64(a.K), min(float64(a.K), k))
	return k * a.Delta
}

// Levels lists the alphabet's levels in increasing order.
func (a Alphabet) Levels() []float64 {
	out := make([]float64, 2*a.K+1)
	for i := range out {
		out[i] = float64(i-a.K) * a.Delta
	}
	return out
}

// MedianAbs returns the median of |w| (the mean of the two middle values for
// an even count), 0 for an empty w.
func MedianAbs(w []float64) float64 {
	if len(w) == 0 {
		return 0
	}
	a := make([]float64, len(w))
	for i, x := range w {
		a[i] = math.Abs(x)
	}
	slices.Sort(a)
	n := len(a)
	if n%2 == 1 {
		return a[n/2]
	}
	return (a[n/2-1] + a[n/2]) / 2
}

// Columns holds the data of a layer column by column: N columns of length
// M, column t in X[t*M : (t+1)*M], with their squared norms and, for a
// quantized network's inputs, their inner products with the float
// network's columns.
type Columns struct {
	M, N int
	X    []float64
}

// Col returns column t, a view.
func (c *Columns) Col(t int) []float64 { return c.X[t*c.M : (t+1)*c.M : (t+1)*c.M] }

// dot returns Σ a_i b_i in index order, each product rounded.
func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += float64(a[i] * b[i])
	}
	return s
}

// Step records one step of GPFQ for checks: the argument c of Q and the
// level q_t chosen.
type Step struct {
	C, Q float64
}

// GPFQTo quantizes the neuron w with GPFQ, writing q (len(w)) and the final
// error u = Xw − X̃q (length M). x holds the float network's columns X_t and
// xq the quantized network's X̃_t (the same Columns for a first layer);
// norms[t] = ‖X̃_t‖² and cross[t] = ⟨X̃_t, X_t⟩ (see Gram). step, if not
// nil, is called after every step with t, the step and u_t (a view that the
// next step changes).
func GPFQTo(q, u, w []float64, x, xq *Columns, norms, cross []float64, a Alphabet, step func(t int, s Step, u []float64)) {
	if len(q) != len(w) || len(u) != x.M || x.N != len(w) || xq.N != len(w) || xq.M != x.M {
		panic("compression: GPFQTo shape mismatch")
	}
	clear(u)
	for t, wt := range w {
		xt, xqt := x.Col(t), xq.Col(t)
		var c, qt float64
		if norms[t] > 0 {
			// c = ⟨X̃_t, u + w_t X_t⟩/‖X̃_t‖² = (⟨X̃_t, u⟩ + w_t⟨X̃_t, X_t⟩)/‖X̃_t‖²
			c = (dot(xqt, u) + float64(wt*cross[t])) / norms[t]
			qt = a.Round(c)
		}
		q[t] = qt
		for i := range u {
			u[i] = u[i] + float64(wt*xt[i]) - float64(qt*xqt[i])
		}
		if step != nil {
			step(t, Step{C: c, Q: qt}, u)
		}
	}
}

// MSQTo rounds every weight of w to the alphabet (memoryless scalar
// quantization) into q, and writes the error u = Xw − X̃q, accumulated in
// the order t = 1 … N₀ as GPFQTo accumulates its own.
func MSQTo(q, u, w []float64, x, xq *Columns, a Alphabet) {
	clear(u)
	for t, wt := range w {
		qt := a.Round(wt)
		q[t] = qt
		xt, xqt := x.Col(t), xq.Col(t)
		for i := range u {
			u[i] = u[i] + float64(wt*xt[i]) - float64(qt*xqt[i])
		}
	}
}

// Gram returns norms[t] = ‖X̃_t‖² and cross[t] = ⟨X̃_t, X_t⟩ for every column.
func Gram(x, xq *Columns) (norms, cross []float64) {
	norms, cross = make([]float64, x.N), make([]float64, x.N)
	for t := range norms {
		norms[t] = dot(xq.Col(t), xq.Col(t))
		cross[t] = dot(xq.Col(t), x.Col(t))
	}
	return norms, cross
}

// MulTo writes y = Xw, accumulated column by column in the order t = 1 … N.
func MulTo(y, w []float64, x *Columns) {
	clear(y)
	for t, wt := range w {
		xt := x.Col(t)
		for i := range y {
			y[i] += float64(wt * xt[i])
		}
	}
}
