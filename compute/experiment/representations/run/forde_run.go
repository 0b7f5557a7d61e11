package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/fmath"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/train"
)

// fordeTest is the size of the blobs' test set.
const fordeTest = 500

// blobRadius is the distance of each blob's mean from the origin, in
// within-class standard deviations.
const blobRadius = 3

// fordeData returns the blobs of spec: Classes isotropic unit Gaussians in
// the plane, class k centred at blobRadius·(cos 2πk/C, sin 2πk/C), the
// labels cycling 0, 1, …; Samples training then fordeTest test points,
// each point's two coordinates drawn in turn from stream rng.Data of Seed.
func fordeData(s representations.Spec) (data.Split, error) {
	r := rng.New(s.Seed, rng.Data)
	draw := func(n int) data.Set {
		set := data.Set{X: make([]float64, 2*n), N: n, Dim: 2, Classes: s.Classes, Labels: make([]int, n)}
		for i := range n {
			k := i % s.Classes
			t := 2 * math.Pi * float64(k) / float64(s.Classes)
			set.X[2*i] = float64(blobRadius*fmath.Cos(t)) + rng.Normal(r)
			set.X[2*i+1] = float64(blobRadius*fmath.Sin(t)) + rng.Normal(r)
			set.Labels[i] = k
		}
		return set
	}
	train := draw(s.Samples)
	return data.Split{Train: train, Test: draw(fordeTest)}, nil
}

// fordeArch is the tanh MLP of each member.
func fordeArch(s representations.Spec) *nn.Arch {
	return &nn.Arch{Sizes: s.Sizes(), Act: nn.Tanh, Loss: nn.CrossEntropy}
}

// fordePoint trains the ensemble of point index (method = index/Seeds: 0
// the deep ensemble, 1 FoRDE; seed Seed + index%Seeds). Member k starts
// from PyTorch's default initialisation drawn from stream rng.Init of
// SplitMix64(seed, k); every member sees the same batches (stream
// rng.Batches of seed), so the two methods differ only by the repulsion.
// Each step a member descends its mean batch cross-entropy plus, for
// FoRDE, ρ·R_i (repulsion, with bandwidths from the members' current unit
// input gradients).
func fordePoint(s representations.Spec, index int, progress Progress) (*representations.FoRDEPoint, error) {
	forde, r := index/s.Seeds == 1, index%s.Seeds
	seed := s.Seed + uint64(r)
	sp, err := fordeData(s)
	if err != nil {
		return nil, err
	}
	a := fordeArch(s)
	m, d := s.Members, 2
	thetas, grads := make([][]float64, m), make([][]float64, m)
	for k := range m {
		thetas[k], grads[k] = make([]float64, a.NumParams()), make([]float64, a.NumParams())
		nn.Initialize(thetas[k], a, nn.InitDefault, 1, rng.New(rng.SplitMix64(seed, uint64(k)), rng.Init))
	}
	net := newTanhNet(a)
	p := &representations.FoRDEPoint{Method: "de", Seed: seed}
	if forde {
		p.Method = "forde"
	}
	order := rng.New(seed, rng.Batches)
	tr := &sp.Train
	perm, pos := order.Perm(tr.N), 0
	b := min(s.Batch, tr.N)
	xs, ys := make([]float64, b*d), make([]int, b)
	shat, norms := make([][]float64, m), make([][]float64, m)
	for k := range m {
		shat[k], norms[k] = make([]float64, b*d), make([]float64, b)
	}
	sgrad := make([]float64, d)
	phase := fmt.Sprintf("%s, seed %d: train", p.Method, seed)
	for step := 1; step <= s.Steps; step++ {
		if pos+b > tr.N {
			perm, pos = order.Perm(tr.N), 0
		}
		for k, i := range perm[pos : pos+b] {
			copy(xs[k*d:(k+1)*d], tr.Row(i))
			ys[k] = tr.Labels[i]
		}
		pos += b
		var loss float64
		for j := range m {
			clear(grads[j])
			for k := range b {
				net.forward(thetas[j], xs[k*d:(k+1)*d])
				loss += net.addCEGrad(grads[j], thetas[j], ys[k], 1/float64(b))
				if forde {
					net.inputGradTo(sgrad, thetas[j], ys[k])
					norms[j][k] = unitTo(shat[j][k*d:(k+1)*d], sgrad)
				}
			}
		}
		if forde && m > 1 {
			h := bandwidths(shat, b, d)
			for j := range m {
				loss += float64(s.Repulsion * addRepulsionGrad(net, grads[j], thetas[j], xs, ys, shat, norms[j], h, j, d, s.Repulsion))
			}
		}
		if math.IsNaN(loss) || math.IsInf(loss, 0) {
			return nil, fmt.Errorf("%s, seed %d: the loss is %g at SGD step %d; lower lr or repulsion", p.Method, seed, loss, step)
		}
		for j := range m {
			for i, g := range grads[j] {
				thetas[j][i] -= float64(s.LR * g)
			}
		}
		if progress != nil && (step%50 == 0 || step == s.Steps) && !progress(experiment.Progress{Phase: phase, Done: step, Total: s.Steps}) {
			return nil, fmt.Errorf("%s at step %d: %w", phase, step, train.ErrCanceled)
		}
	}
	evaluateEnsemble(p, net, thetas, sp, r == 0)
	return p, nil
}

// evaluateEnsemble fills p's accuracies, input-gradient cosine, OOD mutual
// information and, with withMap, its map of the plane.
func evaluateEnsemble(p *representations.FoRDEPoint, net *tanhNet, thetas [][]float64, sp data.Split, withMap bool) {
	m := len(thetas)
	c := net.a.Sizes[net.a.Layers()]
	probs := make([][]float64, m)
	for j := range probs {
		probs[j] = make([]float64, c)
	}
	// predict sets probs for x and returns the ensemble's entropy and MI.
	predict := func(x []float64) (entropy, mutual float64) {
		mean := make([]float64, c)
		var own float64
		for j, th := range thetas {
			softmaxTo(probs[j], net.forward(th, x))
			for k, v := range probs[j] {
				mean[k] += v / float64(m)
			}
			own += entropyOf(probs[j]) / float64(m)
		}
		h := entropyOf(mean)
		return h, max(0, h-own)
	}
	test := &sp.Test
	var hits, memberHits float64
	for i := range test.N {
		predict(test.Row(i))
		mean := make([]float64, c)
		for j := range m {
			if argmax(probs[j]) == test.Labels[i] {
				memberHits++
			}
			for k, v := range probs[j] {
				mean[k] += v
			}
		}
		if argmax(mean) == test.Labels[i] {
			hits++
		}
	}
	p.Accuracy, p.MemberAccuracy = hits/float64(test.N), memberHits/float64(test.N*m)
	tr := &sp.Train
	s := make([][]float64, m)
	for j := range s {
		s[j] = make([]float64, 2)
	}
	var cos float64
	pairs := 0
	radius := 0.0
	for i := range tr.N {
		x := tr.Row(i)
		radius = max(radius, math.Sqrt(dot(x, x)))
		for j, th := range thetas {
			net.forward(th, x)
			net.inputGradTo(s[j], th, tr.Labels[i])
		}
		for j := range m {
			for k := j + 1; k < m; k++ {
				if nj, nk := math.Sqrt(dot(s[j], s[j])), math.Sqrt(dot(s[k], s[k])); nj > 0 && nk > 0 {
					cos += dot(s[j], s[k]) / float64(nj*nk)
				}
				pairs++
			}
		}
	}
	if pairs > 0 {
		p.Cosine = cos / float64(pairs)
	}
	for k := range representations.OODPoints {
		t := 2 * math.Pi * float64(k) / representations.OODPoints
		_, mi := predict([]float64{float64(3*radius) * fmath.Cos(t), float64(3*radius) * fmath.Sin(t)})
		p.OOD += float64(mi / representations.OODPoints)
	}
	if !withMap {
		return
	}
	g := representations.GridSize
	ext := 1.5 * radius
	mp := &representations.EnsembleMap{Extent: ext, Entropy: make([]float64, g*g), Mutual: make([]float64, g*g), Decisions: make([][]int, m)}
	for j := range m {
		mp.Decisions[j] = make([]int, g*g)
	}
	for r := range g {
		for q := range g {
			x := []float64{float64(ext*float64(2*q+1-g)) / float64(g), float64(ext*float64(2*r+1-g)) / float64(g)} // cell centres
			mp.Entropy[r*g+q], mp.Mutual[r*g+q] = predict(x)
			for j := range m {
				mp.Decisions[j][r*g+q] = argmax(probs[j])
			}
		}
	}
	p.Map = mp
}

func softmaxTo(dst, z []float64) {
	top := z[0]
	for _, v := range z {
		top = max(top, v)
	}
	var sum float64
	for i, v := range z {
		dst[i] = fmath.Exp(v - top)
		sum += dst[i]
	}
	for i := range dst {
		dst[i] /= sum
	}
}

// entropyOf returns −Σ p log p in nats.
func entropyOf(p []float64) float64 {
	var h float64
	for _, v := range p {
		if v > 0 {
			h -= float64(v * fmath.Log(v))
		}
	}
	return h
}

func argmax(v []float64) int {
	best := 0
	for i, x := range v {
		if x > v[best] {
			best = i
		}
	}
	return best
}

// assembleFoRDE gathers the two ensembles' seeds.
func assembleFoRDE(s representations.Spec, parts []*representations.FoRDEPoint) (*representations.FoRDEResult, error) {
	if len(parts) != s.Points() {
		return nil, fmt.Errorf("assemble: %d points; want %d (two methods × seeds)", len(parts), s.Points())
	}
	for i, p := range parts {
		if p == nil {
			return nil, fmt.Errorf("assemble: point %d is missing", i)
		}
	}
	stats := func(ps []*representations.FoRDEPoint) representations.EnsembleStats {
		var st representations.EnsembleStats
		n := float64(len(ps))
		for _, p := range ps {
			st.Accuracy += p.Accuracy / n
			st.MemberAccuracy += p.MemberAccuracy / n
			st.Cosine += p.Cosine / n
			st.OOD += p.OOD / n
			st.Cosines = append(st.Cosines, p.Cosine)
			st.Accuracies = append(st.Accuracies, p.Accuracy)
		}
		return st
	}
	r := &representations.FoRDEResult{DE: stats(parts[:s.Seeds]), FoRDE: stats(parts[s.Seeds:])}
	if r.DE.Cosine != 0 {
		r.Reduction = 1 - r.FoRDE.Cosine/r.DE.Cosine
	}
	if parts[0].Map != nil && parts[s.Seeds].Map != nil {
		r.MapDE, r.MapFoRDE = *parts[0].Map, *parts[s.Seeds].Map
	}
	sp, err := fordeData(s)
	if err != nil {
		return nil, err
	}
	for i := range sp.Train.N {
		x := sp.Train.Row(i)
		r.Points = append(r.Points, x[0], x[1], float64(sp.Train.Labels[i]))
	}
	return r, nil
}
