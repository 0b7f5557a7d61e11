package paths

import (
	"fmt"
	"slices"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/arch"
)

// Paths is the spec of the interpolation-path experiment. Its point 0 trains
// two solutions of one MLP (Pair: small- vs large-batch SGD from one
// initialisation, Sagun et al. 2017, or two seeds) and walks the linear path
// θ(α) = (1−α)θ_A + αθ_B for α ∈ [−½, 3/2], with the top Hessian eigenvalue at
// a few α. Its other points train, for every width N in Widths and every
// repeat, two two-layer mean-field ReLU networks on teacher–student data
// and measure their dropout stability and the barriers of the linear and
// the five-segment piecewise-linear path between them (Shevchenko & Mondelli
// 2020). The keys shared with Spectrum mean the same there and here and
// configure point 0; the mf… keys configure the mean-field networks.
// Default gives the defaults; tags give each field's key and range.
type Spec struct {
	Pair string `json:"pair" key:"pair" enum:"batch,seeds" help:"the two solutions on the linear path: small- vs large-batch SGD from one initialisation, or two seeds (both with smallbatch)"`

	Data       string  `json:"data" key:"data" enum:"mixture,moons,circles,teacher,digits" help:"training data of the pair: Gaussian mixture, two moons, two circles, teacher–student regression or MNIST digits"`
	Classes    int     `json:"classes" key:"classes" min:"2" max:"100" help:"number of classes (mixture only; moons and circles have 2, digits 10)"`
	Dim        int     `json:"dim" key:"dim" min:"1" max:"1024" help:"input dimension of the pair's data (mixture and teacher)"`
	Separation float64 `json:"sep" key:"sep" min:"0" max:"100" help:"distance of each mixture mean from the origin, in within-class standard deviations"`
	Samples    int     `json:"samples" key:"samples" min:"2" max:"10000" help:"training samples of the pair (digits: at most 10000)"`
	Test       int     `json:"test" key:"test" min:"1" max:"10000" help:"test samples of the pair (digits: at most 2000)"`
	Noise      float64 `json:"noise" key:"noise" min:"0" max:"10" help:"input noise std of moons and circles, or target noise std of the pair's teacher"`
	Pixels     int     `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`
	Teacher    int     `json:"teacher" key:"teacher" min:"1" max:"1024" help:"hidden ReLU units of the teacher network, of the pair (data = teacher) and of the mean-field networks"`

	Hidden     []int   `json:"hidden" key:"hidden" min:"1" max:"1024" maxlen:"6" help:"comma-separated hidden layer widths of the pair's MLP, e.g. 64,64"`
	Activation string  `json:"activation" key:"activation" enum:"tanh,relu,sigmoid,linear" help:"hidden-layer activation of the pair's MLP"`
	Loss       string  `json:"loss" key:"loss" enum:"ce,mse" help:"loss of the pair: softmax cross-entropy or squared error"`
	Init       string  `json:"init" key:"init" enum:"default,gaussian" help:"initialisation of the pair: PyTorch's default or Gaussian N(0, 1/fan-in)"`
	Epochs     int     `json:"epochs" key:"epochs" min:"1" max:"100000" help:"passes over the training set of each solution of the pair"`
	LR         float64 `json:"lr" key:"lr" min:"1e-6" max:"100" help:"learning rate of the pair"`
	SmallBatch int     `json:"smallbatch" key:"smallbatch" min:"0" max:"10000" help:"minibatch size of the small-batch solution (and of both seeds); 0 means full batch"`
	LargeBatch int     `json:"largebatch" key:"largebatch" min:"0" max:"10000" help:"minibatch size of the large-batch solution; 0 means full-batch gradient descent"`
	Momentum   float64 `json:"momentum" key:"momentum" min:"0" max:"0.999" help:"heavy-ball momentum of the pair"`
	Seed       uint64  `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the data and of solution A; solution B of pair = seeds uses seed+1, and mean-field repeat r seeds seed+2r and seed+2r+1"`

	Steps      int `json:"steps" key:"steps" min:"2" max:"200" help:"Lanczos steps for each top Hessian eigenvalue (operator products)"`
	Sharpness  int `json:"sharpness" key:"sharpness" enum:"0,3,5,9,17" help:"α at which the top Hessian eigenvalue is computed: none, 0, ½ and 1, or 5, 9 or 17 evenly spaced on [−½, 3/2]"`
	Resolution int `json:"resolution" key:"resolution" min:"20" max:"200" help:"α steps per unit of the pair's path, a multiple of 10: it has 2·resolution+1 points on [−½, 3/2], and the mean-field paths resolution/2+1 on [0, 1]"`
	Bezier     int `json:"bezier" key:"bezier" min:"0" max:"20000" help:"full-batch SGD steps fitting a quadratic Bézier curve between the pair (Garipov et al. 2018), drawn beside the line; 0 = no curve"`

	Widths    []int   `json:"widths" key:"widths" min:"4" max:"2048" maxlen:"12" help:"comma-separated even widths N of the mean-field networks f(x) = (1/N) Σ aᵢ relu(wᵢᵀx), increasing"`
	Width     int     `json:"width" key:"width" min:"4" max:"2048" help:"the width whose mean-field paths are drawn; one of widths"`
	Seeds     int     `json:"seeds" key:"seeds" min:"1" max:"16" help:"pairs of mean-field networks per width; results are medians over them"`
	MFDim     int     `json:"mfdim" key:"mfdim" min:"1" max:"100" help:"input dimension d of the mean-field networks' teacher–student data"`
	MFSamples int     `json:"mfsamples" key:"mfsamples" min:"10" max:"10000" help:"training samples of the mean-field networks"`
	MFTest    int     `json:"mftest" key:"mftest" min:"1" max:"10000" help:"test samples of the mean-field networks"`
	MFEpochs  int     `json:"mfepochs" key:"mfepochs" min:"1" max:"1000" help:"passes over the training set of each mean-field network (1 is online SGD)"`
	MFBatch   int     `json:"mfbatch" key:"mfbatch" min:"1" max:"10000" help:"minibatch size of the mean-field networks' SGD"`
	MFLR      float64 `json:"mflr" key:"mflr" min:"1e-4" max:"10" help:"mean-field learning rate η: SGD steps θ ← θ − ηN∇L, so each neuron moves by O(η)"`
}

// Default returns the spec the paths page opens with, a few seconds in
// a browser: small- vs large-batch SGD on a five-class Gaussian mixture, and
// mean-field widths 32 … 512 on the teacher of 4 ReLUs in d = 10
// (SCIENCE.md §2), three repeats each.
func Default() Spec {
	return Spec{
		Pair: "batch",
		Data: "mixture", Classes: 5, Dim: 10, Separation: 3, Samples: 500, Test: 500,
		Pixels: 28, Teacher: 4,
		Hidden: []int{32}, Activation: "tanh", Loss: "ce", Init: "default",
		Epochs: 50, LR: 0.5, SmallBatch: 10, LargeBatch: 0, Seed: 1,
		Steps: 20, Sharpness: 5, Resolution: 50, Bezier: 0,
		Widths: []int{32, 64, 128, 256, 512}, Width: 512, Seeds: 3,
		MFDim: 10, MFSamples: 500, MFTest: 250, MFEpochs: 6, MFBatch: 10, MFLR: 0.3,
	}
}

// Points returns the number of points of the run: the pair, then one per
// width and repeat.
func (s Spec) Points() int { return 1 + len(s.Widths)*s.Seeds }

// point returns the width and repeat of point index ≥ 1: widths in order,
// repeats within a width.
func (s *Spec) PointAt(index int) (width, repeat int) {
	k := index - 1
	return s.Widths[k/s.Seeds], k % s.Seeds
}

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for the
// browser (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if s.Resolution%10 != 0 {
		return fmt.Errorf("resolution = %d is not a multiple of 10; the five segments of the piecewise path need equal steps", s.Resolution)
	}
	if len(s.Widths) == 0 {
		return fmt.Errorf("widths is empty; give at least one even width, e.g. 32,128")
	}
	for i, n := range s.Widths {
		if n%2 != 0 {
			return fmt.Errorf("widths: %d is odd; half-dropout needs an even width", n)
		}
		if i > 0 && n <= s.Widths[i-1] {
			return fmt.Errorf("widths must increase, but %d follows %d", n, s.Widths[i-1])
		}
	}
	if !slices.Contains(s.Widths, s.Width) {
		return fmt.Errorf("width = %d is not one of widths = %s; the drawn paths are those of one of the widths", s.Width, experiment.IntsText(s.Widths))
	}
	if s.Pair == "batch" && !(s.SmallBatch > 0 && s.SmallBatch < s.Samples && (s.LargeBatch == 0 || s.LargeBatch > s.SmallBatch)) {
		return fmt.Errorf("pair = batch needs smallbatch < largebatch, but the batches are %d and %d samples (0 means all %d)", s.SmallBatch, s.LargeBatch, s.Samples)
	}
	if last := s.Seed + 2*uint64(s.Seeds) - 1; last > experiment.MaxSeed {
		return fmt.Errorf("seed = %d with seeds = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Seeds, last, uint64(experiment.MaxSeed))
	}
	sp := s.PairSpec()
	if err := sp.ValidateSetup(); err != nil { // the data and model combinations, as the spectrum page judges them
		return err
	}
	if err := experiment.CheckDataSize("teacher", "mfsamples", s.MFSamples, "mftest", s.MFTest, s.MFDim); err != nil {
		return err
	}
	return experiment.CheckCost(s.Cost(), "fewer epochs, samples, widths, seeds, Bézier steps or narrower layers",
		"fewer samples, narrower layers, smaller widths or fewer Lanczos steps")
}

// CorrectLink makes a link's width one of its widths, as ParseQuery's last
// correction: a link whose widths were clamped (widths=1,1000000 reads as
// 4,2048) or that names widths without its width would otherwise be
// refused for a width the reader never chose. It picks the entry of widths
// nearest to width (the larger on a tie).
func (s *Spec) CorrectLink() []string {
	if len(s.Widths) == 0 || slices.Contains(s.Widths, s.Width) {
		return nil
	}
	best := s.Widths[0]
	for _, w := range s.Widths {
		if abs(w-s.Width) <= abs(best-s.Width) {
			best = w
		}
	}
	notice := fmt.Sprintf("width = %d is not one of widths = %s; set to %d", s.Width, experiment.IntsText(s.Widths), best)
	s.Width = best
	return []string{notice}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// PairSpec returns the spectrum spec with the pair's data (of s.Seed), MLP
// and training: its data and model fields build the pair's setup, and its
// Validate judges their combinations as the spectrum page does.
func (s *Spec) PairSpec() spectrum.Spec {
	return spectrum.Spec{
		Data: s.Data, Classes: s.Classes, Dim: s.Dim, Separation: s.Separation, Samples: s.Samples, Test: s.Test,
		Noise: s.Noise, Pixels: s.Pixels, Teacher: s.Teacher,
		Hidden: slices.Clone(s.Hidden), Activation: s.Activation, Loss: s.Loss, Init: s.Init,
		Epochs: s.Epochs, LR: s.LR, Batch: s.SmallBatch, Momentum: s.Momentum, Seed: s.Seed,
		Curvature: "hessian", Steps: s.Steps, Probes: 1, TopK: 1, Repeats: 1,
	}
}

// PairArch returns the MLP of the pair's two solutions. It assumes valid
// enum fields.
func (s *Spec) PairArch() *arch.Arch {
	sp := s.PairSpec()
	return sp.Arch()
}

// meanField returns the mean-field network of width n.
func (s *Spec) MeanField(n int) *arch.Arch {
	return experiment.MeanFieldArch(s.MFDim, n)
}

// SharpAlphas returns the α of the sharpness points (see the Sharpness tag).
func (s *Spec) SharpAlphas() []float64 {
	if s.Sharpness == 3 {
		return []float64{0, 0.5, 1}
	}
	a := make([]float64, s.Sharpness)
	for i := range a {
		a[i] = -0.5 + 2*float64(i)/float64(s.Sharpness-1) // dyadic: 0 and 1 are exact
	}
	return a
}

// DropoutMs returns the kept-neuron counts M of the dropout curve of width
// n: the powers of two from 2 below n/2, then n/2.
func DropoutMs(n int) []int {
	var ms []int
	for m := 2; m < n/2; m *= 2 {
		ms = append(ms, m)
	}
	return append(ms, n/2)
}

// Cost estimates the whole run as the worker pool runs it. Point 0: the
// pair's two trainings (train.Run with CurvePoints checkpoints and no
// test set), the walk along the line (train and test loss at
// 2·resolution+1 α), the Hessian's top eigenvalue at each sharpness α (a
// curvature at θ(α), then min(steps, parameters) products with
// reorthogonalisation), and the Bézier curve (one full-batch gradient per
// step, then a walk at resolution+1 points). Every other point: two
// mean-field trainings and their full losses, the linear and piecewise
// walks at resolution/2+1 points, the two half-dropout losses, and the
// dropout curve (DropoutDraws subnetworks of each width M, for each
// network). Bytes: the pair's data, Hessian and Lanczos basis plus the
// widest mean-field point's data, passes and path vertices. It assumes
// valid enum fields and non-empty widths.
func (s *Spec) Cost() experiment.Cost {
	sp := s.PairSpec()
	a := sp.Arch()
	n, t := float64(s.Samples), float64(s.Test)
	m := min(s.Steps, a.NumParams())
	var pass experiment.Passes
	for _, batch := range []int{s.SmallBatch, s.LargeBatch} {
		if s.Pair == "seeds" {
			batch = s.SmallBatch
		}
		tp := experiment.TrainPasses(s.Epochs, s.Samples, 0, batch, CurvePoints)
		pass.Grad, pass.Eval = pass.Grad+tp.Grad, pass.Eval+tp.Eval
	}
	// Products that feed sums are rounded, float64(x*y), as in mlpCost.
	pass.Eval += float64(float64(2*s.Resolution+1) * (n + t))
	pass.Grad += float64(float64(s.Sharpness) * n)
	pass.HVP += float64(float64(s.Sharpness*m) * n)
	if s.Bezier > 0 {
		pass.Grad += float64(float64(s.Bezier) * n)
		pass.Eval += float64(float64(s.Resolution+1) * (n + t))
	}
	c := experiment.MLPCost(a, pass, true)
	c.Products = int64(s.Sharpness * m)
	c.Ops = experiment.SatAdd(c.Ops, experiment.ToInt(float64(s.Sharpness)*experiment.LanczosOps(a.NumParams(), m)))

	mf, mt := float64(s.MFSamples), float64(s.MFTest)
	for _, width := range s.Widths {
		tp := experiment.TrainPasses(s.MFEpochs, s.MFSamples, 0, min(s.MFBatch, s.MFSamples), CurvePoints)
		walks := float64(2*float64(s.Resolution/2+1)) * (mf + mt)
		net := experiment.Passes{Grad: 2 * tp.Grad, Eval: float64(2*tp.Eval) + float64(2*mf) + float64(walks) + float64(2*mf)}
		point := experiment.MLPCost(s.MeanField(width), net, false)
		for _, keep := range DropoutMs(width) {
			point = point.Add(experiment.MLPCost(s.MeanField(keep), experiment.Passes{Eval: 2 * DropoutDraws * mf}, false))
		}
		c = c.Add(point.Times(s.Seeds))
	}
	widest, mn := int64(slices.Max(append([]int{0}, s.Widths...))), int64(s.MFSamples+s.MFTest)
	c.Bytes = sp.Bytes() + 8*mn*(int64(s.MFDim)+1+4*widest) + 8*12*(int64(s.MFDim)+1)*widest
	return c.Finish()
}

// DropoutDraws is the number of random subsets of each size M drawn from
// each network for the dropout curve. ΔL of one subset fluctuates by about
// its own size; the mean of 2 × 8 draws is within about a quarter of it.
const DropoutDraws = 8
