package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/sensing"
)

// Point runs curve index of s (Spec.Curves order), one job of the worker
// pool. It draws the spec's problem anew, the same for every curve.
func Point(s sensing.Spec, _ experiment.Assets, index int, progress func(experiment.Progress) bool) (*sensing.CurveResult, error) {
	cs := s.Curves()
	if index < 0 || index >= len(cs) {
		return nil, fmt.Errorf("bad request: curve %d of %d", index, len(cs))
	}
	return runCurve(s, NewProblem(s), index, cs[index], progress)
}

// Assemble puts the curves of s together in order.
func Assemble(s sensing.Spec, parts []*sensing.CurveResult) (*sensing.Result, error) {
	cs := s.Curves()
	if len(parts) != len(cs) {
		return nil, fmt.Errorf("bad request: %d curves for a spec of %d", len(parts), len(cs))
	}
	res := &sensing.Result{Spec: s, Norm: NewProblem(s).Norm, Curves: make([]sensing.CurveResult, len(parts))}
	for i, p := range parts {
		if p == nil || p.Index != i {
			return nil, fmt.Errorf("bad request: curve %d is missing", i)
		}
		res.Curves[i] = *p
	}
	return res, nil
}

// Run runs every curve of s in order, as the worker pool's points and
// assembly would: the same result, bit for bit.
func Run(s sensing.Spec, a experiment.Assets, progress func(experiment.Progress) bool) (*sensing.Result, error) {
	p := NewProblem(s)
	cs := s.Curves()
	parts := make([]*sensing.CurveResult, len(cs))
	for i, c := range cs {
		r, err := runCurve(s, p, i, c, progress)
		if err != nil {
			return nil, err
		}
		parts[i] = r
	}
	return Assemble(s, parts)
}
