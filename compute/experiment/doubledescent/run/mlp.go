package run

import (
	"errors"
	"math"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/doubledescent"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/kernel"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/train"
)

type mlpEnv struct {
	digits *data.DigitsAsset
}

func newMLPEnv(s *doubledescent.Spec, assets experiment.Assets) (*mlpEnv, error) {
	e := &mlpEnv{}
	if s.Data == "digits" {
		if len(assets.Digits) == 0 {
			return nil, errDigitsMissing
		}
		a, err := data.DecodeDigits(assets.Digits)
		if err != nil {
			return nil, err
		}
		e.digits = &a
	}
	return e, nil
}

// split returns repeat r's data, the same at every width: n training and
// Test test samples drawn with seed ddSeed(Seed, 0, r), then the label noise
// on the training set, drawn with the same seed (stream rng.LabelNoise). It
// is drawn again for each width, which costs little next to training and
// keeps memory to one repeat's data.
func ddSplit(s *doubledescent.Spec, e *mlpEnv, r int) (*data.Split, error) {
	seed := ddSeed(s.Seed, 0, r)
	var sp data.Split
	var err error
	if e.digits != nil {
		sp, err = e.digits.Sample(data.DigitsSettings{Train: s.N, Test: s.Test, Size: s.Pixels, Seed: seed})
	} else {
		sp, err = data.Mixture(data.MixtureSettings{Classes: s.Classes, Dim: s.Dim, Separation: s.Sep, Train: s.N, Test: s.Test, Seed: seed})
	}
	if err == nil && s.Noise > 0 {
		err = data.AddLabelNoise(&sp.Train, s.Noise, seed)
	}
	if err != nil {
		return nil, err
	}
	return &sp, nil
}

// mlpRepeat trains repeat r of the width-h network in→h→classes (ReLU,
// softmax cross-entropy, PyTorch's default initialisation from stream
// rng.Init of ddSeed(Seed, h, r), minibatches from stream rng.Batches of the
// same seed) on repeat r's data, and returns its test error rate, its
// training error rate on the noisy labels and, with label noise, the kNN
// recognition of the mislabelled points. report is called at every curve
// point and cancels by returning false.
func mlpRepeat(s *doubledescent.Spec, e *mlpEnv, h, r int, report func() bool) ([]float64, error) {
	sp, err := ddSplit(s, e, r)
	if err != nil {
		return nil, err
	}
	arch := &nn.Arch{Sizes: []int{s.MLPIn(), h, s.MLPOut()}, Act: nn.ReLU, Loss: nn.CrossEntropy}
	seed := ddSeed(s.Seed, h, r)
	theta := make([]float64, arch.NumParams())
	nn.Initialize(theta, arch, nn.InitDefault, 1, rng.New(seed, rng.Init))
	trainO := &nn.Objective{Arch: arch, Data: &sp.Train}
	testO := &nn.Objective{Arch: arch, Data: &sp.Test}
	settings := train.Settings{LR: s.LR, Momentum: s.Momentum, Batch: s.Batch, Epochs: s.Epochs, Points: doubledescent.CurvePoints, Seed: seed}
	res, err := train.Run(trainO, testO, theta, settings, func(train.Point) bool { return report() })
	if err != nil {
		return nil, err
	}
	last := res.Curve[len(res.Curve)-1]
	out := []float64{1 - last.TestAcc, 1 - last.TrainAcc}
	if s.Noise > 0 {
		out = append(out, ddKNNRecognition(arch, res.Theta, &sp.Train, 5))
	}
	return out, nil
}

// ddKNNRecognition returns Gu et al.'s measure of how well the hidden
// features of a trained one-hidden-layer network still know the true class
// of mislabelled points: fit a k-nearest-neighbour classifier (cosine
// similarity) on the hidden features of the correctly labelled training
// points and return the fraction of mislabelled points it assigns their
// original label. Votes tie-break to the class of the most similar
// neighbour among the tied classes; similarity ties to the lower index. A
// point whose features are all zero has similarity 0 to every point. It
// returns 0 if the set has no mislabelled points or no clean ones.
func ddKNNRecognition(a *nn.Arch, theta []float64, set *data.Set, k int) float64 {
	in, h := a.Sizes[0], a.Sizes[1]
	w, b := a.Layer(theta, 1)
	wt := make([]float64, in*h)
	kernel.TransposeTo(wt, w, h, in)
	feat := make([]float64, set.N*h)
	kernel.MulTo(feat, set.X, wt, set.N, in, h)
	var clean, noisy []int
	for i := range set.N {
		row := feat[i*h : (i+1)*h]
		var ss float64
		for j := range row {
			row[j] = max(row[j]+b[j], 0)
			ss += float64(row[j] * row[j])
		}
		if ss > 0 {
			inv := 1 / math.Sqrt(ss)
			for j := range row {
				row[j] *= inv
			}
		}
		if set.Noisy[i] {
			noisy = append(noisy, i)
		} else {
			clean = append(clean, i)
		}
	}
	if len(noisy) == 0 || len(clean) == 0 {
		return 0
	}
	nc := len(clean)
	ct := make([]float64, h*nc) // clean features, transposed
	for c, i := range clean {
		for j := range h {
			ct[j*nc+c] = feat[i*h+j]
		}
	}
	k = min(k, nc)
	sim := make([]float64, nc)
	top := make([]int, 0, k)
	votes := make([]int, set.Classes)
	hits := 0
	for _, i := range noisy {
		kernel.MulTo(sim, feat[i*h:(i+1)*h], ct, 1, h, nc)
		top = top[:0]
		for c := range nc { // insertion into the k most similar, descending
			if len(top) == k && sim[c] <= sim[top[k-1]] {
				continue
			}
			if len(top) < k {
				top = append(top, c)
			}
			j := len(top) - 1
			for ; j > 0 && sim[c] > sim[top[j-1]]; j-- {
				top[j] = top[j-1]
			}
			top[j] = c
		}
		clear(votes)
		best := set.Labels[clean[top[0]]]
		for _, c := range top {
			votes[set.Labels[clean[c]]]++
		}
		for _, c := range top { // most votes; ties to the nearest class
			if l := set.Labels[clean[c]]; votes[l] > votes[best] {
				best = l
			}
		}
		if best == set.Original[i] {
			hits++
		}
	}
	return float64(hits) / float64(len(noisy))
}

var errDigitsMissing = errors.New("data = digits needs the digits asset, which was not loaded")
