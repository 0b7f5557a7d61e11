package run

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/arch"
	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/rng"
	"github.com/overparam/overparam/compute/train"
)

// Net is a trained MLP d–width–10 (ReLU, cross-entropy) with its data.
type Net struct {
	Arch  *nn.Arch
	Theta []float64
	Split *data.Split
	// Steps counts the SGD steps of its training.
	Steps int
}

// MLP returns the architecture d–width–10 with ReLU and cross-entropy.
func MLP(dim, width int) *nn.Arch {
	return &nn.Arch{Sizes: []int{dim, width, 10}, Act: arch.ReLU, Loss: arch.CrossEntropy}
}

// Digits draws the run's digits: s.Samples training and s.Test test digits
// of side s.Pixels, from stream rng.Data of s.Seed (data.Digits). Every
// network of a run trains on the same digits.
func Digits(s *compression.Compression, a experiment.Assets) (data.Split, error) {
	return data.Digits(a.Digits, data.DigitsSettings{Train: s.Samples, Test: s.Test, Size: s.Pixels, Seed: s.Seed})
}

// TrainNet trains the MLP of width on split with SGD (s.LR, s.Batch,
// s.Epochs), initialised with PyTorch's default from stream rng.Init of
// seed, batches from stream rng.Batches of seed. progress receives the
// steps done.
func TrainNet(s *compression.Compression, split *data.Split, width int, seed uint64, progress func(done, total int) bool) (*Net, error) {
	a := MLP(split.Train.Dim, width)
	theta := make([]float64, a.NumParams())
	nn.Initialize(theta, a, nn.InitDefault, 0, rng.New(seed, rng.Init))
	obj := &nn.Objective{Arch: a, Data: &split.Train}
	total := s.Epochs * ((s.Samples + s.Batch - 1) / s.Batch)
	res, err := train.Run(obj, nil, theta, train.Settings{LR: s.LR, Batch: s.Batch, Epochs: s.Epochs, Points: 4, Seed: seed},
		func(p train.Point) bool { return progress(p.Step, total) })
	if err != nil {
		return nil, fmt.Errorf("width %d: %w", width, err)
	}
	return &Net{Arch: a, Theta: res.Theta, Split: split, Steps: res.Stats.Steps}, nil
}

// Accuracy returns the test accuracy of the network a with parameters θ.
func Accuracy(a *nn.Arch, theta []float64, test *data.Set) float64 {
	_, acc := (&nn.Objective{Arch: a, Data: test}).Evaluate(theta)
	return acc
}

// inputColumns returns the first m training inputs as columns: column k
// holds pixel k of the m digits.
func inputColumns(set *data.Set, m int) *Columns {
	c := &Columns{M: m, N: set.Dim, X: make([]float64, m*set.Dim)}
	for i := range m {
		row := set.Row(i)
		for k, v := range row {
			c.X[k*m+i] = v
		}
	}
	return c
}

// hiddenColumns returns relu(W x_i + b) for the columns x (one column per
// input, M samples) as columns, one per hidden unit; W is out×N row-major.
// Each pre-activation sums over the inputs in order, then adds b.
func hiddenColumns(w, b []float64, out int, x *Columns) *Columns {
	h := &Columns{M: x.M, N: out, X: make([]float64, x.M*out)}
	for j := range out {
		hj := h.Col(j)
		row := w[j*x.N : (j+1)*x.N]
		MulTo(hj, row, x)
		for i := range hj {
			hj[i] = max(0, hj[i]+b[j])
		}
	}
	return h
}

// Quantized is one quantization of a network: its parameters, and the
// relative error of each layer's output on the calibration digits.
type Quantized struct {
	Theta  []float64
	Layers []float64
}

// QuantizeNet quantizes the weights of every layer of net in order (the
// biases stay float), with GPFQ or, if msq, by rounding, at b bits with
// scale C, on the first m training digits. Layer ℓ's alphabet has
// δ = C·median|W_ℓ|/K. GPFQ quantizes layer ℓ on X, the float network's
// inputs to it, and X̃, those the quantized layers before it produce
// (Zhang, Zhou & Saab 2023, Section 2); its relative error is
// ‖XWᵀ − X̃Qᵀ‖²_F/‖XWᵀ‖²_F, which for MSQ is measured the same way.
func QuantizeNet(net *Net, m, bits int, scale float64, msq bool) Quantized {
	a := net.Arch
	theta := append([]float64(nil), net.Theta...)
	x := inputColumns(&net.Split.Train, m)
	xq := x
	var errs []float64
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(net.Theta, l)
		wq, _ := a.Layer(theta, l)
		in, out := a.Sizes[l-1], a.Sizes[l]
		alpha := NewAlphabet(w, bits, scale)
		norms, cross := Gram(x, xq)
		u, y := make([]float64, m), make([]float64, m)
		var num, den float64
		for j := range out {
			row, qrow := w[j*in:(j+1)*in], wq[j*in:(j+1)*in]
			if msq {
				MSQTo(qrow, u, row, x, xq, alpha)
			} else {
				GPFQTo(qrow, u, row, x, xq, norms, cross, alpha, nil)
			}
			MulTo(y, row, x)
			num += dot(u, u)
			den += dot(y, y)
		}
		errs = append(errs, num/den)
		if l < a.Layers() {
			x, xq = hiddenColumns(w, b, out, x), hiddenColumns(wq, b, out, xq)
		}
	}
	return Quantized{Theta: theta, Layers: errs}
}

// WeightHistogram counts the first-layer weights of net in
// compression.HistogramBins equal bins over [−max|w|, max|w|], and lists
// the levels of the b-bit alphabet with scale C inside that range.
func WeightHistogram(net *Net, width, bits int, scale float64) *compression.Histogram {
	w, _ := net.Arch.Layer(net.Theta, 1)
	var top float64
	for _, x := range w {
		top = max(top, math.Abs(x))
	}
	if top == 0 {
		top = 1
	}
	n := compression.HistogramBins
	h := &compression.Histogram{Width: width, Bits: bits, Edges: make([]float64, n+1), Counts: make([]float64, n)}
	step := 2 * top / float64(n)
	for i := range h.Edges {
		h.Edges[i] = -top + float64(float64(i)*step)
	}
	for _, x := range w {
		i := min(n-1, int((x+top)/step))
		h.Counts[i]++
	}
	a := NewAlphabet(w, bits, scale)
	h.Delta = a.Delta
	for _, v := range a.Levels() {
		if math.Abs(v) <= top {
			h.Levels = append(h.Levels, v)
		}
	}
	return h
}
