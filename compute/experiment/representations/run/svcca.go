package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/representations"
)

// Progress is a run's progress callback; false cancels the run.
type Progress = func(experiment.Progress) bool

// svccaPoint trains the network of seed Seed+index and measures every
// hidden layer's SVCCA similarity to its final self (see SVCCAPoint).
func svccaPoint(s representations.Spec, a experiment.Assets, index int, progress Progress) (*representations.SVCCAPoint, error) {
	seed := s.Seed + uint64(index)
	trainSet, probe, err := svccaData(s, a)
	if err != nil {
		return nil, err
	}
	phase := fmt.Sprintf("seed %d: train", seed)
	snaps, loss, acc, err := trainSVCCA(s, &trainSet, &probe, seed, func(done int) bool {
		return progress == nil || progress(experiment.Progress{Phase: phase, Done: done, Total: s.Steps})
	})
	if err != nil {
		return nil, err
	}
	if progress != nil && !progress(experiment.Progress{Phase: fmt.Sprintf("seed %d: svcca", seed), Done: 0, Total: 1}) {
		return nil, fmt.Errorf("svcca: canceled")
	}
	T, L, n := len(snaps)-1, s.Layers, probe.N
	bases := make([][]Basis, len(snaps))
	for t, sn := range snaps {
		bases[t] = make([]Basis, L)
		for l := range L {
			bases[t][l] = NewBasis(sn.layers[l], n, s.Width, s.Variance)
		}
	}
	p := &representations.SVCCAPoint{Seed: seed, Loss: loss, Accuracy: acc}
	for _, sn := range snaps {
		p.Steps = append(p.Steps, sn.step)
	}
	for l := range L {
		tr := representations.LayerTrace{Layer: l + 1, Neurons: s.Width, Directions: bases[T][l].K}
		for t := range snaps {
			tr.Similarity = append(tr.Similarity, Similarity(bases[t][l], bases[T][l]))
		}
		tr.Distance, tr.T90 = distance(tr.Similarity), t90(p.Steps, tr.Similarity)
		tr.Rho = Correlations(bases[0][l], bases[T][l])
		if tr.Rho == nil {
			tr.Rho = []float64{}
		}
		tr.Null = math.Sqrt(float64(max(bases[0][l].K, bases[T][l].K)) / float64(n-1))
		p.Layers = append(p.Layers, tr)
	}
	for _, t := range gridTimes(len(snaps)) {
		g := representations.Grid{Step: snaps[t].step}
		for i := range L {
			row := make([]float64, L)
			for j := range L {
				row[j] = Similarity(bases[t][i], bases[T][j])
			}
			g.Sim = append(g.Sim, row)
		}
		p.Grids = append(p.Grids, g)
	}
	return p, nil
}

// gridTimes returns the snapshot indices of the layer × layer grids: the
// first, the middle and the last.
func gridTimes(snaps int) []int {
	return []int{0, (snaps - 1) / 2, snaps - 1}[:representations.GridTimes]
}

// distance returns A = mean over the snapshots before the last of 1 − sim.
func distance(sim []float64) float64 {
	var s float64
	for _, v := range sim[:len(sim)-1] {
		s += 1 - v
	}
	return s / float64(len(sim)-1)
}

// t90 returns the first step from which sim stays at least 0.9.
func t90(steps []int, sim []float64) int {
	k := len(sim) - 1
	for k > 0 && sim[k-1] >= 0.9 {
		k--
	}
	return steps[k]
}

// assembleSVCCA gathers the seeds' points.
func assembleSVCCA(s representations.Spec, parts []*representations.SVCCAPoint) (*representations.SVCCAResult, error) {
	if len(parts) != s.Seeds {
		return nil, fmt.Errorf("assemble: %d points; want %d (one per seed)", len(parts), s.Seeds)
	}
	for i, p := range parts {
		if p == nil || len(p.Layers) != s.Layers {
			return nil, fmt.Errorf("assemble: point %d is missing or has the wrong layers", i)
		}
	}
	first := parts[0]
	r := &representations.SVCCAResult{Steps: first.Steps, First: *first, MeanDistance: make([]float64, s.Layers)}
	for l := range s.Layers {
		mean := make([]float64, len(first.Steps))
		for _, p := range parts {
			for t, v := range p.Layers[l].Similarity {
				mean[t] += v
			}
		}
		for t := range mean {
			mean[t] /= float64(len(parts))
		}
		r.Mean = append(r.Mean, mean)
	}
	var rhoSum float64
	for _, p := range parts {
		dist, t := make([]float64, s.Layers), make([]int, s.Layers)
		for l, tr := range p.Layers {
			dist[l], t[l] = tr.Distance, tr.T90
			r.MeanDistance[l] += tr.Distance / float64(len(parts))
		}
		r.Distance, r.T90 = append(r.Distance, dist), append(r.T90, t)
		if BottomUp(dist) {
			r.BottomUp++
		}
		rhoSum += spearman(t)
	}
	r.Spearman = rhoSum / float64(len(parts))
	return r, nil
}

// BottomUp reports whether the distances A_l increase strictly with depth
// below the top layer, and the top layer's is at least the one below minus
// representations.TopTie.
func BottomUp(a []float64) bool {
	n := len(a)
	for l := 1; l < n-1; l++ {
		if !(a[l] > a[l-1]) {
			return false
		}
	}
	return n < 2 || a[n-1] >= a[n-2]-representations.TopTie
}

// spearman returns the Spearman rank correlation of depth (1, 2, …) with
// v, ties sharing their mean rank; 0 when v is constant. Twice the ranks
// and twice their deviations from the mean rank are whole numbers, so the
// sums are exact.
func spearman(v []int) float64 {
	n := len(v)
	var sxy, sxx, syy int
	for i := range n {
		less, equal := 0, 0
		for j := range n {
			switch {
			case v[j] < v[i]:
				less++
			case v[j] == v[i]:
				equal++
			}
		}
		dx, dy := 2*(i+1)-(n+1), (2*less+equal+1)-(n+1) // 2·(rank − mean rank)
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if syy == 0 {
		return 0
	}
	return float64(sxy) / math.Sqrt(float64(sxx)*float64(syy))
}
