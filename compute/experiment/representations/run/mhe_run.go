package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/train"
)

// units copies the first layer's units (wᵢ, bᵢ) of θ into w (N×(d+1)).
func units(w []float64, a *nn.Arch, theta []float64) {
	d, n := a.Sizes[0], a.Sizes[1]
	wl, bl := a.Layer(theta, 1)
	for i := range n {
		copy(w[i*(d+1):i*(d+1)+d], wl[i*d:(i+1)*d])
		w[i*(d+1)+d] = bl[i]
	}
}

// mhePoint trains the network of seed Seed+r with the penalty λ·E_s for
// the k-th λ of the sweep (point index = k·Seeds + r): SGD as trainSVCCA,
// each step's gradient plus λ∇E_s of the first layer's units.
func mhePoint(s representations.Spec, a experiment.Assets, index int, progress Progress) (*representations.MHEPoint, error) {
	k, r := index/s.Seeds, index%s.Seeds
	lambda, seed := s.LambdaValues()[k], s.Seed+uint64(r)
	trainSet, _, err := svccaData(s, a)
	if err != nil {
		return nil, err
	}
	arch := mlpArch(s)
	theta := make([]float64, arch.NumParams())
	nn.Initialize(theta, arch, nn.InitGaussian, math.Sqrt2, rng.New(seed, rng.Init))
	d, n := arch.Sizes[0], arch.Sizes[1]
	m := d + 1
	w, gw := make([]float64, n*m), make([]float64, n*m)
	units(w, arch, theta)
	p := &representations.MHEPoint{Lambda: lambda, Seed: seed, Initial: Energy(nil, w, n, m, s.Power, s.HalfSpace)}
	grad := make([]float64, len(theta))
	order := rng.New(seed, rng.Batches)
	perm, pos := order.Perm(trainSet.N), 0
	obj := &nn.Objective{Arch: arch, Data: &trainSet, Idx: make([]int, s.Batch)}
	phase := fmt.Sprintf("λ = %g, seed %d: train", lambda, seed)
	wl, bl := arch.Layer(grad, 1)
	for step := 1; step <= s.Steps; step++ {
		if pos+s.Batch > trainSet.N {
			perm, pos = order.Perm(trainSet.N), 0
		}
		copy(obj.Idx, perm[pos:pos+s.Batch])
		pos += s.Batch
		loss := obj.LossGrad(grad, theta)
		if lambda > 0 {
			units(w, arch, theta)
			loss += float64(lambda * Energy(gw, w, n, m, s.Power, s.HalfSpace))
			for i := range n {
				for j := range d {
					wl[i*d+j] += float64(lambda * gw[i*m+j])
				}
				bl[i] += float64(lambda * gw[i*m+d])
			}
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, fmt.Errorf("λ = %g, seed %d: the penalised loss is %g at SGD step %d; lower lr or lambda", lambda, seed, loss, step)
		}
		for i, g := range grad {
			theta[i] -= float64(s.LR * g)
		}
		if progress != nil && (step%100 == 0 || step == s.Steps) && !progress(experiment.Progress{Phase: phase, Done: step, Total: s.Steps}) {
			return nil, fmt.Errorf("%s at step %d: %w", phase, step, train.ErrCanceled)
		}
	}
	units(w, arch, theta)
	p.Energy = Energy(nil, w, n, m, s.Power, s.HalfSpace)
	p.Loss, p.Accuracy = (&nn.Objective{Arch: arch, Data: &trainSet}).Evaluate(theta)
	p.Units = make([]float64, n*m)
	for i := range n {
		row := w[i*m : (i+1)*m]
		norm := math.Sqrt(dot(row, row))
		for j := range m {
			p.Units[i*m+j] = row[j] / norm
		}
	}
	p.MinAngle, p.Duplicates = angles(p.Units, n, m)
	return p, nil
}

// angles returns the smallest angle between two of the n unit rows of u,
// in degrees, and the fraction of pairs with |cos| > 0.9.
func angles(u []float64, n, m int) (minAngle, duplicates float64) {
	maxCos, dup, pairs := -1.0, 0, 0
	for i := range n {
		for j := range i {
			c := dot(u[i*m:(i+1)*m], u[j*m:(j+1)*m])
			maxCos = max(maxCos, c)
			if math.Abs(c) > 0.9 {
				dup++
			}
			pairs++
		}
	}
	if pairs == 0 {
		return 180, 0
	}
	return fmath.Acos(min(1, maxCos)) * 180 / math.Pi, float64(dup) / float64(pairs)
}

// simplexEnergy is E_s of the regular simplex of n points, whose pairwise
// distances are all √(2n/(n−1)).
func simplexEnergy(n, s int) float64 {
	r := math.Sqrt(float64(2*n) / float64(n-1))
	pairs := float64(n * (n - 1) / 2)
	switch s {
	case 0:
		return pairs * -fmath.Log(r)
	case 1:
		return pairs / r
	}
	return pairs / float64(r*r)
}

// assembleMHE gathers the λ sweep's points (λ outer, seeds inner).
func assembleMHE(s representations.Spec, parts []*representations.MHEPoint) (*representations.MHEResult, error) {
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("assemble: %d points; want %d (λ values × seeds)", len(parts), s.Points())
	}
	for i, p := range parts {
		if p == nil {
			return nil, fmt.Errorf("assemble: point %d is missing", i)
		}
	}
	lambdas := s.LambdaValues()
	r := &representations.MHEResult{Lambdas: lambdas, Dim: s.InputDim() + 1, Monotone: true}
	ns := float64(s.Seeds)
	for k := range lambdas {
		var e, a, dup, acc float64
		row := make([]float64, s.Seeds)
		for j := range s.Seeds {
			p := parts[k*s.Seeds+j]
			row[j] = p.Energy
			e, a, dup, acc = e+p.Energy, a+p.MinAngle, dup+p.Duplicates, acc+p.Accuracy
			if k == 0 {
				r.Initial += p.Initial / ns
			}
		}
		r.Energy, r.MinAngle = append(r.Energy, e/ns), append(r.MinAngle, a/ns)
		r.Duplicates, r.Accuracy = append(r.Duplicates, dup/ns), append(r.Accuracy, acc/ns)
		r.EnergySeeds = append(r.EnergySeeds, row)
		if k > 0 && !(r.Energy[k] < r.Energy[k-1]) {
			r.Monotone = false
		}
	}
	r.Units0, r.UnitsMax = parts[0].Units, parts[(len(lambdas)-1)*s.Seeds].Units
	switch n := s.Width; {
	case s.HalfSpace:
	case n <= s.InputDim()+1:
		r.Minimum = simplexEnergy(n, s.Power)
	case s.InputDim() == 2 && s.Power == 1:
		r.Minimum = representations.ThomsonEnergy[n]
	}
	return r, nil
}
