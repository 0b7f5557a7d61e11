package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/kernels"
	"github.com/overparam/overparam/compute/fmath"
)

// Progress is a run's progress report.
type Progress = experiment.Progress

// Point runs sweep point index of spec s: one curve at one width
// (robustness) or one γ at one depth (qnn). progress, if not nil, is called
// as the point advances and cancels it by returning false. It assumes a
// valid spec; an index out of range is an error.
func Point(s kernels.Spec, _ experiment.Assets, index int, progress func(Progress) bool) (*kernels.Point, error) {
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("bad request: point %d is not in [0, %d)", index, s.Points())
	}
	if progress == nil {
		progress = func(Progress) bool { return true }
	}
	pt := &kernels.Point{Index: index}
	var err error
	if s.Model == "qnn" {
		gamma, depth := s.RunAt(index)
		pt.QNN, err = trainQNN(&s, gamma, depth, progress)
	} else {
		pt.Robust, err = robustPoint(&s, index, progress)
	}
	if err != nil {
		return nil, err
	}
	return pt, nil
}

// Assemble builds the result from every point, in any order: the curves
// with their fits (robustness) or the training runs (qnn).
func Assemble(s kernels.Spec, parts []*kernels.Point) (*kernels.Result, error) {
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("bad request: %d parts for %d points", len(parts), s.Points())
	}
	byIndex := make([]*kernels.Point, len(parts))
	for _, p := range parts {
		if p == nil || p.Index < 0 || p.Index >= len(parts) || byIndex[p.Index] != nil {
			return nil, fmt.Errorf("bad request: the parts are not the points 0 … %d, each once", len(parts)-1)
		}
		if (s.Model == "qnn") != (p.QNN != nil) || (s.Model != "qnn") != (p.Robust != nil) {
			return nil, fmt.Errorf("bad request: part %d is not a %s point", p.Index, s.Model)
		}
		byIndex[p.Index] = p
	}
	res := &kernels.Result{Spec: s}
	if s.Model == "qnn" {
		for _, p := range byIndex {
			res.Runs = append(res.Runs, *p.QNN)
		}
		return res, nil
	}
	res.ND = float64(s.Samples * s.Dim)
	res.SqrtN = math.Sqrt(float64(s.Samples))
	i := 0
	for _, c := range s.Curves() {
		cv := kernels.RobustCurve{Name: c.Name(), Model: c.Model, Act: c.Act}
		for range c.Widths {
			cv.Points = append(cv.Points, *byIndex[i].Robust)
			i++
		}
		cv.Slope, cv.Ratio = lawFit(cv.Points, res.ND)
		cv.Plateau = plateau(cv.Points)
		res.Curves = append(res.Curves, cv)
	}
	return res, nil
}

// Run runs every point in order on one goroutine and assembles them: the
// same bits as the points run on a pool.
func Run(s kernels.Spec, a experiment.Assets, progress func(Progress) bool) (*kernels.Result, error) {
	parts := make([]*kernels.Point, s.Points())
	for i := range parts {
		var err error
		if parts[i], err = Point(s, a, i, progress); err != nil {
			return nil, err
		}
	}
	return Assemble(s, parts)
}

// lawFit fits log S = a + b log p by least squares over the points with p in
// [nd/10, nd] and returns the slope b and the mean of S/√(nd/p) over them;
// both nil with fewer than two such points.
func lawFit(pts []kernels.RobustPoint, nd float64) (slope, ratio *float64) {
	var xs, ys []float64
	r := 0.0
	for _, p := range pts {
		if fp := float64(p.Params); fp >= nd/10 && fp <= nd {
			xs, ys = append(xs, fmath.Log(fp)), append(ys, fmath.Log(p.S))
			r += p.S / p.Bound
		}
	}
	if len(xs) < 2 {
		return nil, nil
	}
	b, _ := lineFit(xs, ys)
	r /= float64(len(xs))
	return &b, &r
}

// plateau returns S at the widest point over S at the widest point of at
// most a quarter of its width, or nil when there is none.
func plateau(pts []kernels.RobustPoint) *float64 {
	last := pts[len(pts)-1]
	for i := len(pts) - 2; i >= 0; i-- {
		if 4*pts[i].Width <= last.Width {
			v := last.S / pts[i].S
			return &v
		}
	}
	return nil
}

// lineFit returns the least-squares slope b and the R² of y ≈ a + b·x, with
// sums in order.
func lineFit(xs, ys []float64) (b, r2 float64) {
	n := float64(len(xs))
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxx, sxy, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxx += float64(dx * dx)
		sxy += float64(dx * dy)
		syy += float64(dy * dy)
	}
	b = sxy / sxx
	if syy == 0 {
		return b, 1
	}
	return b, float64(sxy*sxy) / float64(sxx*syy)
}
