package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// Point runs sweep point index of spec: the network of seed Seed+index.
func Point(s representations.Spec, a experiment.Assets, index int, progress Progress) (*representations.Point, error) {
	if index < 0 || index >= s.Points() {
		return nil, fmt.Errorf("point %d: the run has %d points", index, s.Points())
	}
	p := &representations.Point{Index: index}
	var err error
	switch s.Model {
	case "svcca":
		p.SVCCA, err = svccaPoint(s, a, index, progress)
	case "mhe":
		p.MHE, err = mhePoint(s, a, index, progress)
	case "forde":
		p.FoRDE, err = fordePoint(s, index, progress)
	default:
		err = fmt.Errorf("model = %q is not known", s.Model)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Assemble gathers the points of spec into its result.
func Assemble(s representations.Spec, parts []*representations.Point) (*representations.Result, error) {
	r := &representations.Result{Spec: s}
	switch s.Model {
	case "svcca":
		ps := make([]*representations.SVCCAPoint, len(parts))
		for i, p := range parts {
			if p != nil {
				ps[i] = p.SVCCA
			}
		}
		res, err := assembleSVCCA(s, ps)
		if err != nil {
			return nil, err
		}
		r.SVCCA = res
	case "mhe":
		ps := make([]*representations.MHEPoint, len(parts))
		for i, p := range parts {
			if p != nil {
				ps[i] = p.MHE
			}
		}
		res, err := assembleMHE(s, ps)
		if err != nil {
			return nil, err
		}
		r.MHE = res
	case "forde":
		ps := make([]*representations.FoRDEPoint, len(parts))
		for i, p := range parts {
			if p != nil {
				ps[i] = p.FoRDE
			}
		}
		res, err := assembleFoRDE(s, ps)
		if err != nil {
			return nil, err
		}
		r.FoRDE = res
	default:
		return nil, fmt.Errorf("model = %q is not known", s.Model)
	}
	return r, nil
}

// Run runs every point of spec in order on one goroutine and assembles
// them: the result equals the browser's, whose pool runs the points in
// parallel.
func Run(s representations.Spec, a experiment.Assets, progress Progress) (*representations.Result, error) {
	parts := make([]*representations.Point, s.Points())
	for i := range parts {
		p, err := Point(s, a, i, progress)
		if err != nil {
			return nil, err
		}
		parts[i] = p
	}
	return Assemble(s, parts)
}
