package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment/representations"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/train"
)

// snapshot is the probe set's hidden activations at one step, one N×width
// matrix per hidden layer.
type snapshot struct {
	step   int
	layers [][]float64
}

// mlpArch returns the ReLU MLP of spec with softmax cross-entropy.
func mlpArch(s representations.Spec) *nn.Arch {
	return &nn.Arch{Sizes: s.Sizes(), Act: nn.ReLU, Loss: nn.CrossEntropy}
}

// hidden returns the hidden activations relu(z_l) of the network θ on the
// n inputs x (n×Sizes[0]), layer by layer, as nn's forward pass computes
// them (z_l = a_{l−1}W_lᵀ + b_l by package kernel).
func hidden(a *nn.Arch, theta, x []float64, n int) [][]float64 {
	L := a.Layers()
	out := make([][]float64, 0, L-1)
	prev := x
	for l := 1; l < L; l++ {
		in, w := a.Sizes[l-1], a.Sizes[l]
		wl, bl := a.Layer(theta, l)
		wt := make([]float64, in*w)
		kernel.TransposeTo(wt, wl, w, in)
		z := make([]float64, n*w)
		kernel.MulTo(z, prev, wt, n, in, w)
		for i := range n {
			for j := range w {
				z[i*w+j] = max(0, z[i*w+j]+bl[j])
			}
		}
		out = append(out, z)
		prev = z
	}
	return out
}

// trainSVCCA trains the MLP of spec from seed (He initialisation, N(0,
// 2/fan-in) weights and zero biases from stream rng.Init) by plain SGD on
// batches of Batch samples: each pass visits the training set in an order
// drawn from stream rng.Batches, in consecutive batches, and a remainder
// shorter than a batch is skipped. It snapshots the probe activations at
// spec.SnapshotSteps and returns them with the mean batch loss and
// accuracy of each interval. It stops with an error naming the step if the
// loss is not finite, or wrapping train.ErrCanceled if progress returns false.
func trainSVCCA(s representations.Spec, trainSet, probe *data.Set, seed uint64, progress func(done int) bool) (snaps []snapshot, loss, acc []float64, err error) {
	a := mlpArch(s)
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitGaussian, math.Sqrt2, rng.New(seed, rng.Init))
	grad := make([]float64, len(theta))
	order := rng.New(seed, rng.Batches)
	perm := order.Perm(trainSet.N)
	pos := 0
	obj := &nn.Objective{Arch: a, Data: trainSet, Idx: make([]int, s.Batch)}
	times := s.SnapshotSteps()
	var sumLoss, sumAcc float64
	count := 0
	next := 0
	for step := 0; ; step++ {
		if next < len(times) && times[next] == step {
			snaps = append(snaps, snapshot{step: step, layers: hidden(a, theta, probe.X, probe.N)})
			if step == 0 {
				l, ac := (&nn.Objective{Arch: a, Data: trainSet, Idx: perm[:s.Batch]}).Evaluate(theta)
				sumLoss, sumAcc, count = l, ac, 1
			}
			loss, acc = append(loss, sumLoss/float64(count)), append(acc, sumAcc/float64(count))
			sumLoss, sumAcc, count = 0, 0, 0
			next++
			if progress != nil && !progress(step) {
				return nil, nil, nil, fmt.Errorf("seed %d at step %d: %w", seed, step, train.ErrCanceled)
			}
		}
		if step == s.Steps {
			return snaps, loss, acc, nil
		}
		if pos+s.Batch > trainSet.N {
			perm, pos = order.Perm(trainSet.N), 0
		}
		copy(obj.Idx, perm[pos:pos+s.Batch])
		pos += s.Batch
		l, ac := obj.EvaluateGrad(grad, theta)
		if math.IsNaN(l) || math.IsInf(l, 0) {
			return nil, nil, nil, fmt.Errorf("seed %d: the training loss is %g at SGD step %d; lower lr", seed, l, step+1)
		}
		sumLoss += l
		sumAcc += ac
		count++
		for i, g := range grad {
			theta[i] -= float64(s.LR * g)
		}
	}
}
