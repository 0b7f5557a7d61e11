package run

import (
	"fmt"
	"math"
	"sync"

	"github.com/overparam/overparam/compute/arch"
	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/compression"
	"github.com/overparam/overparam/compute/kernel"
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
	set := data.DigitsSettings{Train: s.Samples, Test: s.Test, Size: s.Pixels, Seed: s.Seed}
	if err := set.Validate(); err != nil {
		return data.Split{}, err
	}
	asset, err := decoded(a.Digits)
	if err != nil {
		return data.Split{}, err
	}
	return asset.Sample(set)
}

// lastDigits keeps the last digits asset decoded, by the address and
// length of its bytes: a worker is handed the same bytes for every point
// (compute/job's Env.Digits shares them, unmodified), and decoding them is
// a tenth of a sparse method's time.
var lastDigits struct {
	sync.Mutex
	gz    *byte
	n     int
	asset *data.DigitsAsset
}

// decoded returns data.DecodeDigits(gz), from lastDigits when gz is the
// bytes decoded last.
func decoded(gz []byte) (*data.DigitsAsset, error) {
	if len(gz) == 0 {
		a, err := data.DecodeDigits(gz)
		return &a, err
	}
	lastDigits.Lock()
	defer lastDigits.Unlock()
	if lastDigits.gz == &gz[0] && lastDigits.n == len(gz) {
		return lastDigits.asset, nil
	}
	a, err := data.DecodeDigits(gz)
	if err != nil {
		return nil, err
	}
	lastDigits.gz, lastDigits.n, lastDigits.asset = &gz[0], len(gz), &a
	return &a, nil
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
	h := outputColumns(w, out, x)
	for j := range out {
		hj := h.Col(j)
		for i := range hj {
			hj[i] = max(0, hj[i]+b[j])
		}
	}
	return h
}

// outputColumns returns W x_i for the columns x as columns, one per output
// unit: the product W·X of the out×N matrix W and the N×M matrix whose rows
// are x's columns, which is x's layout. compute/kernel sums each element
// over t = 1 … N in order with rounded products, as MulTo does.
func outputColumns(w []float64, out int, x *Columns) *Columns {
	h := &Columns{M: x.M, N: out, X: make([]float64, x.M*out)}
	kernel.MulTo(h.X, w, x.X, out, x.N, x.M)
	return h
}

// Calibration holds what every quantization of a network shares: the
// float network's inputs to each layer on the first M training digits, as
// columns, each layer's float outputs XWᵀ (as columns, one per unit) and
// ‖XWᵀ‖²_F (summed unit by unit in order). Computed once per network, it
// serves GPFQ and MSQ at every bit-width.
type Calibration struct {
	In  []*Columns
	Out []*Columns
	Den []float64
}

// Calibrate computes net's Calibration on its first m training digits.
func Calibrate(net *Net, m int) *Calibration {
	a := net.Arch
	c := &Calibration{}
	x := inputColumns(&net.Split.Train, m)
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(net.Theta, l)
		y := outputColumns(w, a.Sizes[l], x)
		var den float64
		for j := range y.N {
			den += dot(y.Col(j), y.Col(j))
		}
		c.In, c.Out, c.Den = append(c.In, x), append(c.Out, y), append(c.Den, den)
		if l < a.Layers() {
			x = hiddenColumns(w, b, a.Sizes[l], x)
		}
	}
	return c
}

// Quantized is one quantization of a network: its parameters, and the
// relative error of each layer's output on the calibration digits.
type Quantized struct {
	Theta  []float64
	Layers []float64
}

// QuantizeNet quantizes the weights of every layer of net in order (the
// biases stay float), with GPFQ or, if msq, by rounding, at b bits with
// scale C, on the calibration digits of cal (Calibrate). Layer ℓ's
// alphabet has δ = C·median|W_ℓ|/K. GPFQ quantizes layer ℓ on X, the float
// network's inputs to it, and X̃, those the quantized layers before it
// produce (Zhang, Zhou & Saab 2023, Section 2); its relative error is
// ‖XWᵀ − X̃Qᵀ‖²_F/‖XWᵀ‖²_F, which for MSQ is measured the same way.
func QuantizeNet(net *Net, cal *Calibration, bits int, scale float64, msq bool) Quantized {
	a := net.Arch
	theta := append([]float64(nil), net.Theta...)
	xq := cal.In[0]
	var errs []float64
	for l := 1; l <= a.Layers(); l++ {
		x := cal.In[l-1]
		w, b := a.Layer(net.Theta, l)
		wq, _ := a.Layer(theta, l)
		in, out := a.Sizes[l-1], a.Sizes[l]
		alpha := NewAlphabet(w, bits, scale)
		norms, cross := Gram(x, xq)
		u := make([]float64, x.M)
		var num float64
		for j := range out {
			row, qrow := w[j*in:(j+1)*in], wq[j*in:(j+1)*in]
			if msq {
				MSQTo(qrow, u, row, x, xq, alpha)
			} else {
				GPFQTo(qrow, u, row, x, xq, norms, cross, alpha, nil)
			}
			num += dot(u, u)
		}
		errs = append(errs, num/cal.Den[l-1])
		if l < a.Layers() {
			xq = hiddenColumns(wq, b, out, xq)
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
