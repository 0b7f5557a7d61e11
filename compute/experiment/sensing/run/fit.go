package run

import (
	"math"
	"slices"

	"github.com/overparam/overparam/compute/experiment/sensing"
	"github.com/overparam/overparam/compute/fmath"
)

// RecordSteps returns the iterations at which a curve of steps iterations
// records its error, ascending and without repeats: 0, about
// sensing.Records log-spaced iterations round(T^{j/Records}) (for log–log
// views), Records evenly spaced ones round(T·j/Records) (for semi-log
// views), and with a rebalancing step at iteration b > 0, b itself and
// Records evenly spaced iterations from b to T.
func RecordSteps(steps, rebalance int) []int {
	const n = sensing.Records
	set := []int{0, steps}
	lt := fmath.Log(float64(steps))
	for j := 0; j <= n; j++ {
		set = append(set, int(math.Round(fmath.Exp(float64(lt*float64(j))/n))))
		set = append(set, int(math.Round(float64(steps)*float64(j)/n)))
		if rebalance > 0 {
			set = append(set, rebalance+int(math.Round(float64(steps-rebalance)*float64(j)/n)))
		}
	}
	slices.Sort(set)
	set = slices.Compact(set)
	for len(set) > 0 && set[len(set)-1] > steps {
		set = set[:len(set)-1]
	}
	return set
}

// slope returns the least-squares slope of ys against xs (0 for fewer
// than three points), summing in index order.
func slope(xs, ys []float64) float64 {
	n := float64(len(xs))
	if len(xs) < 3 {
		return 0
	}
	var sx, sy float64
	for i := range xs {
		sx += xs[i]
		sy += ys[i]
	}
	mx, my := sx/n, sy/n
	var sxy, sxx float64
	for i := range xs {
		dx := xs[i] - mx
		sxy += float64(dx * (ys[i] - my))
		sxx += float64(dx * dx)
	}
	if sxx == 0 {
		return 0
	}
	return sxy / sxx
}

// window returns the recorded points with from ≤ t ≤ to, as (x, ln Error)
// with x = t or x = ln t.
func window(res *sensing.CurveResult, from, to int, logX bool) (xs, ys []float64) {
	for i, t := range res.Step {
		if t < from || t > to || t == 0 || !(res.Error[i] > 0) {
			continue
		}
		x := float64(t)
		if logX {
			x = fmath.Log(x)
		}
		xs, ys = append(xs, x), append(ys, fmath.Log(res.Error[i]))
	}
	return xs, ys
}

// lastAbove returns the last recorded iteration in [from, to] whose
// relative error is above sensing.FloorRelative, or from.
func lastAbove(res *sensing.CurveResult, from, to int) int {
	last := from
	for i, t := range res.Step {
		if t >= from && t <= to && res.Relative[i] > sensing.FloorRelative {
			last = t
		}
	}
	return last
}

// fitCurve fills in a curve's slopes and theory. lam0 is λ_min(F₀ᵀF₀ −
// G₀ᵀG₀) (asymmetric only); sums holds Σ_{u<t} η_u at each record.
func fitCurve(s sensing.Spec, res *sensing.CurveResult, lam0, lamW float64, sums []float64) {
	T := s.Steps
	if T >= 10 && lastAbove(res, 0, T) == T { // a curve at the floor is not sublinear
		res.LogLogSlope = slope(window(res, T/10, T, true))
	}
	end := T
	if res.Rebalanced > 0 {
		end = res.Rebalanced
	}
	tEnd := lastAbove(res, 0, end)
	res.LateFrom, res.LateTo = tEnd/2, tEnd
	res.LateSlope = slope(window(res, res.LateFrom, res.LateTo, false))
	if res.Rebalanced > 0 {
		res.PostSlope = slope(window(res, res.Rebalanced, lastAbove(res, res.Rebalanced, T), false))
	}
	full := s.Measurements == 0 && res.Method == "gd"
	switch {
	case full && s.Param == "symmetric" && res.K > s.R:
		// Xiong, Ding & Du (2023): each of the k − r spurious eigenvalues
		// of XXᵀ follows λ ← λ(1 − ηλ)² ≈ λ − 2ηλ², so λ ≈ 1/(2Σ_{u<t} η_u)
		// and ‖XXᵀ − M*‖_F → √(k−r)/(2ηT) at a constant step.
		c := math.Sqrt(float64(res.K - s.R))
		for i, t := range res.Step {
			if t > 0 {
				res.TheoryStep = append(res.TheoryStep, t)
				res.TheoryError = append(res.TheoryError, c/(2*sums[i]))
			}
		}
	case full && s.Param == "asymmetric" && res.K > s.R && s.Decay == 1:
		// The conserved imbalance D = FᵀF − GᵀG bounds f² + g² ≥ λ_min(D)
		// on each spurious pair, so the error decays like e^{−ηλ_min t}.
		res.PredictedSlope = -float64(s.LR * lam0)
		res.SpuriousSlope = -float64(s.LR * lamW)
		i0 := slices.Index(res.Step, res.LateFrom)
		if i0 < 0 || res.LateTo <= res.LateFrom {
			break
		}
		for _, t := range res.Step {
			if t >= res.LateFrom && t <= res.LateTo {
				res.TheoryStep = append(res.TheoryStep, t)
				res.TheoryError = append(res.TheoryError, res.Error[i0]*fmath.Exp(float64(res.PredictedSlope*float64(t-res.LateFrom))))
			}
		}
	}
}
