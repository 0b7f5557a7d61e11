package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/rng"
)

// LawErrors holds, for one neuron, the relative errors ‖Xw − Xq‖²/‖Xw‖² of
// GPFQ and MSQ at each bit-width.
type LawErrors struct {
	GPFQ, MSQ []float64
}

// NeuronErrors quantizes w (data x, the same for float and quantized
// network) at each bit-width with scale C and returns the relative errors.
func NeuronErrors(w []float64, x *Columns, bits []int, scale float64) LawErrors {
	norms, cross := Gram(x, x)
	xw := make([]float64, x.M)
	MulTo(xw, w, x)
	ref := dot(xw, xw)
	q, u := make([]float64, len(w)), make([]float64, x.M)
	var e LawErrors
	for _, b := range bits {
		a := NewAlphabet(w, b, scale)
		GPFQTo(q, u, w, x, x, norms, cross, a, nil)
		e.GPFQ = append(e.GPFQ, dot(u, u)/ref)
		MSQTo(q, u, w, x, x, a)
		e.MSQ = append(e.MSQ, dot(u, u)/ref)
	}
	return e
}

// Law runs the single-layer law: for each N₀ of s.N0s in order and each of
// s.Trials trials, it draws from stream rng.Data of s.Seed the data X
// (m×N₀, column by column) and then the neuron w (N₀), all standard
// normal, and quantizes w at every bit-width. progress counts the N₀.
func Law(s *compression.Compression, progress func(experiment.Progress) bool) ([]compression.LawCurve, error) {
	r := rng.New(s.Seed, rng.Data)
	nb := len(s.Bits)
	curves := make([]compression.LawCurve, nb)
	for k, b := range s.Bits {
		curves[k] = compression.LawCurve{Bits: b, Levels: 1<<b + 1, N0: append([]int(nil), s.N0s...)}
	}
	for i, n0 := range s.N0s {
		if !progress(experiment.Progress{Phase: "law", Done: i, Total: len(s.N0s)}) {
			return nil, errCanceled
		}
		g, m := make([][]float64, nb), make([][]float64, nb)
		x := &Columns{M: s.M, N: n0, X: make([]float64, s.M*n0)}
		w := make([]float64, n0)
		for range s.Trials {
			rng.NormalVec(r, x.X)
			rng.NormalVec(r, w)
			e := NeuronErrors(w, x, s.Bits, s.Scale)
			for k := range s.Bits {
				g[k], m[k] = append(g[k], e.GPFQ[k]), append(m[k], e.MSQ[k])
			}
		}
		for k := range curves {
			mg, sg := MeanSE(g[k])
			mm, sm := MeanSE(m[k])
			c := &curves[k]
			c.GPFQ, c.GPFQSE = append(c.GPFQ, mg), append(c.GPFQSE, sg)
			c.MSQ, c.MSQSE = append(c.MSQ, mm), append(c.MSQSE, sm)
		}
	}
	for k := range curves {
		c := &curves[k]
		n0 := make([]float64, len(c.N0))
		shape := make([]float64, len(c.N0))
		for i, n := range c.N0 {
			n0[i] = float64(n)
			shape[i] = float64(s.M) * fmath.Log(n0[i]) / n0[i]
		}
		c.GPFQSlope = LogSlope(n0, c.GPFQ)
		c.MSQSlope = LogSlope(n0, c.MSQ)
		c.Reference = FitShape(shape, c.GPFQ)
	}
	if !progress(experiment.Progress{Phase: "law", Done: len(s.N0s), Total: len(s.N0s)}) {
		return nil, errCanceled
	}
	return curves, nil
}

var errCanceled = fmt.Errorf("canceled")

// MeanSE returns the mean of xs and its standard error, the sample standard
// deviation (n − 1 in the denominator) over √n; 0 for one value.
func MeanSE(xs []float64) (mean, se float64) {
	n := float64(len(xs))
	for _, x := range xs {
		mean += x
	}
	mean /= n
	if len(xs) < 2 {
		return mean, 0
	}
	var ss float64
	for _, x := range xs {
		ss += float64((x - mean) * (x - mean))
	}
	return mean, math.Sqrt(ss/(n-1)) / math.Sqrt(n)
}

// LogSlope returns the least-squares slope of ln y against ln x (NaN with
// fewer than two points or a non-positive value).
func LogSlope(x, y []float64) float64 {
	n := len(x)
	if n < 2 {
		return math.NaN()
	}
	lx, ly := make([]float64, n), make([]float64, n)
	var mx, my float64
	for i := range x {
		if !(x[i] > 0 && y[i] > 0) {
			return math.NaN()
		}
		lx[i], ly[i] = fmath.Log(x[i]), fmath.Log(y[i])
		mx += lx[i]
		my += ly[i]
	}
	mx /= float64(n)
	my /= float64(n)
	var sxy, sxx float64
	for i := range lx {
		sxy += float64((lx[i] - mx) * (ly[i] - my))
		sxx += float64((lx[i] - mx) * (lx[i] - mx))
	}
	return sxy / sxx
}

// FitShape returns c·shape with c fitted to y by least squares in log
// space: ln c = mean(ln y − ln shape) over the positive points.
func FitShape(shape, y []float64) []float64 {
	var sum float64
	var n int
	for i := range y {
		if y[i] > 0 && shape[i] > 0 {
			sum += fmath.Log(y[i]) - fmath.Log(shape[i])
			n++
		}
	}
	out := make([]float64, len(shape))
	if n == 0 {
		return out
	}
	c := fmath.Exp(sum / float64(n))
	for i := range shape {
		out[i] = c * shape[i]
	}
	return out
}
