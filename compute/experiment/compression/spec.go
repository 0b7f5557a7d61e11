package compression

import (
	"fmt"
	"math"

	"github.com/overparam/overparam/compute/experiment"
)

// Compression is the spec of the compression experiment. Its GPFQ model
// has two panels. The law: for every N₀ in N0s and every bit-width in
// Bits, Trials random neurons w ∈ ℝ^{N₀} (w and the data X ∈ ℝ^{m×N₀} i.i.d.
// standard normal) quantized by GPFQ and by rounding (MSQ), with their
// relative errors ‖Xw − Xq‖²/‖Xw‖². The network: for every hidden width in
// Widths and every repeat, an MLP pixels²–width–10 (ReLU, cross-entropy)
// trained by SGD on MNIST digits, then quantized layer by layer by GPFQ and
// by MSQ at each bit-width, with the test accuracies of the three networks.
// DefaultCompression gives the defaults; tags give each field's key and
// range.
type Compression struct {
	Model string `json:"model" key:"model" enum:"gpfq,sparse" help:"what the page shows: GPFQ quantization against width (gpfq), or dynamic sparse training at a fixed density (sparse)"`

	Bits  []int   `json:"bits" key:"bits" min:"1" max:"8" maxlen:"4" help:"comma-separated bit-widths b, increasing: the alphabet {kδ : |k| ≤ 2^(b−1)} has 2^b+1 levels (b = 1 is ternary {−δ, 0, δ})"`
	Scale float64 `json:"scale" key:"scale" min:"0.05" max:"50" help:"alphabet radius C: the largest level Kδ is C times the median |weight| of the layer (or neuron)"`

	N0s    []int `json:"n0s" key:"n0s" min:"8" max:"16384" maxlen:"10" help:"comma-separated neuron input counts N₀ of the single-layer law, increasing"`
	M      int   `json:"m" key:"m" min:"1" max:"200" help:"data points m of the single-layer law (rows of the Gaussian X)"`
	Trials int   `json:"trials" key:"trials" min:"1" max:"200" help:"random neurons per N₀ of the law; errors are means over them with standard errors"`

	Widths  []int   `json:"widths" key:"widths" min:"2" max:"1024" maxlen:"8" help:"comma-separated hidden widths of the MLPs on digits, increasing"`
	Samples int     `json:"samples" key:"samples" min:"10" max:"10000" help:"training digits of the MLPs"`
	Test    int     `json:"test" key:"test" min:"1" max:"2000" help:"test digits on which accuracies are measured"`
	Pixels  int     `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`
	Calib   int     `json:"calib" key:"calib" min:"1" max:"10000" help:"training digits that GPFQ quantizes each layer on (its data m), at most samples"`
	Epochs  int     `json:"epochs" key:"epochs" min:"1" max:"200" help:"passes of SGD over the training digits"`
	LR      float64 `json:"lr" key:"lr" min:"1e-4" max:"10" help:"learning rate of SGD"`
	Batch   int     `json:"batch" key:"batch" min:"1" max:"10000" help:"minibatch size of SGD"`
	Seeds   int     `json:"seeds" key:"seeds" min:"1" max:"10" help:"networks trained per width (seeds seed, seed+1, …); accuracies are means over them"`

	Hidden  int     `json:"hidden" key:"hidden" min:"2" max:"1024" help:"hidden units of the sparse MLP pixels²–hidden–10"`
	Density float64 `json:"density" key:"density" min:"0.001" max:"1" help:"fraction of each layer's weights that are active (nonzero) throughout sparse training"`
	Steps   int     `json:"steps" key:"steps" min:"1" max:"100000" help:"SGD steps of sparse training"`
	Every   int     `json:"every" key:"every" min:"1" max:"100000" help:"steps ΔT between mask updates (drop and grow)"`
	Alpha   float64 `json:"alpha" key:"alpha" min:"0" max:"1" help:"update fraction α: a mask update at step t drops and regrows round(α_t·nonzeros) weights per layer, α_t = α/2·(1 + cos(πt/T_end)), T_end = 0.75·steps"`
	LogC    []int   `json:"logc" key:"logc" min:"-6" max:"12" maxlen:"6" help:"comma-separated log₁₀ c of the exploration runs, increasing: c weighs the exploration bonus against the gradient"`
	Bonus   string  `json:"bonus" key:"bonus" enum:"log,ucb" help:"exploration bonus of a weight active in N update rounds at step t: c·ln t/(N+1) (log) or c·√(ln t/(N+1)) (ucb)"`
	Seed    uint64  `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of the law's neurons and data, the digits drawn and the first network"`
}

// DefaultCompression returns the spec the page opens with: ternary, 2- and
// 4-bit alphabets, N₀ = 16 … 4096 with m = 10, and MLPs of widths 16 … 256
// on 2,000 pooled digits, a few seconds in a browser.
func DefaultCompression() Compression {
	return Compression{
		Model: "gpfq", Bits: []int{1, 2, 4}, Scale: 4,
		N0s: []int{16, 64, 256, 1024, 4096}, M: 10, Trials: 10,
		Widths: []int{16, 32, 64, 128, 256}, Samples: 2000, Test: 1000, Pixels: 14, Calib: 300,
		Epochs: 5, LR: 0.3, Batch: 32, Seeds: 1, Seed: 1,
		Hidden: 100, Density: 0.1, Steps: 1000, Every: 100, Alpha: 0.3, LogC: []int{-3, -2}, Bonus: "log",
	}
}

// DefaultFor returns the defaults of model: DefaultCompression with, for
// sparse, 4,000 training digits and SGD at lr 0.1. The sparse keys give
// SET, RigL and DST-EE at c = 10⁻³ and 10⁻², 1,000 steps at 10% density:
// four runs, two per worker on two cores, a few seconds in a browser (the
// preset compression-sparse98 runs 1,500 steps and four values of c).
func DefaultFor(model string) Compression {
	s := DefaultCompression()
	if model == "sparse" {
		s.Model, s.Samples, s.LR, s.Test = "sparse", 4000, 0.1, 1000
	}
	return s
}

// DefaultForQuery returns the defaults of the model a link query names.
func DefaultForQuery(query string) Compression {
	probe := DefaultCompression()
	experiment.ParseQuery(query, &probe)
	return DefaultFor(probe.Model)
}

// Points returns the number of points of the run. GPFQ: the single-layer
// law, then one per width and repeat (PointAt). Sparse: SET, RigL, then one
// exploration run per c.
func (s Compression) Points() int {
	if s.Model == "sparse" {
		return 2 + len(s.LogC)
	}
	return 1 + len(s.Widths)*s.Seeds
}

// sparseKeys and gpfqKeys are the keys only one model reads.
var (
	sparseKeys = []string{"hidden", "density", "steps", "every", "alpha", "logc", "bonus"}
	gpfqKeys   = []string{"bits", "scale", "n0s", "m", "trials", "widths", "calib", "epochs", "seeds"}
)

// Uses reports whether the spec's model reads key.
func (s *Compression) Uses(key string) bool {
	other := sparseKeys
	if s.Model == "sparse" {
		other = gpfqKeys
	}
	for _, k := range other {
		if k == key {
			return false
		}
	}
	return true
}

// PointAt returns the width and repeat of point index ≥ 1: the widest
// first, repeats within a width. Workers take points in index order, so the
// longest network starts first and the narrow ones fill in beside it.
func (s *Compression) PointAt(index int) (width, repeat int) {
	k := index - 1
	return s.Widths[len(s.Widths)-1-k/s.Seeds], k % s.Seeds
}

// PointOf returns the index of the point of width index i (into Widths)
// and repeat r, the inverse of PointAt.
func (s *Compression) PointOf(i, r int) int {
	return 1 + (len(s.Widths)-1-i)*s.Seeds + r
}

// Levels returns K = 2^(b−1), the largest |k| of the alphabet {kδ : |k| ≤ K}
// of b bits.
func Levels(bits int) int { return 1 << (bits - 1) }

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for the
// browser (with the limit).
func (s *Compression) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	for _, l := range []struct {
		key string
		xs  []int
	}{{"bits", s.Bits}, {"n0s", s.N0s}, {"widths", s.Widths}, {"logc", s.LogC}} {
		if len(l.xs) == 0 && (l.key != "logc" || s.Model == "sparse") {
			return fmt.Errorf("%s is empty; give at least one value", l.key)
		}
		for i := 1; i < len(l.xs); i++ {
			if l.xs[i] <= l.xs[i-1] {
				return fmt.Errorf("%s must increase, but %d follows %d", l.key, l.xs[i], l.xs[i-1])
			}
		}
	}
	if s.Model == "sparse" && s.Every > s.Steps {
		return fmt.Errorf("every = %d is more than steps = %d; no mask would ever change", s.Every, s.Steps)
	}
	if s.Model == "gpfq" && s.Calib > s.Samples {
		return fmt.Errorf("calib = %d is more than samples = %d; GPFQ quantizes on training digits", s.Calib, s.Samples)
	}
	if s.Batch > s.Samples {
		return fmt.Errorf("batch = %d is more than samples = %d", s.Batch, s.Samples)
	}
	if last := s.Seed + uint64(s.Seeds) - 1; last > maxSeed {
		return fmt.Errorf("seed = %d with seeds = %d would need seeds up to %d; the largest seed is %d", s.Seed, s.Seeds, last, uint64(maxSeed))
	}
	c := s.Cost()
	if c.Bytes > experiment.MemoryLimit {
		return fmt.Errorf("this run needs about %d MiB of memory; the limit is %d MiB (a browser tab's WebAssembly memory): use fewer samples, n0s or trials, or narrower widths",
			c.Bytes>>20, experiment.MemoryLimit>>20)
	}
	if c.Ops > experiment.OpsLimit {
		return fmt.Errorf("this run would take %s; the limit is %s (%.2g multiply-adds) in a browser tab: use fewer epochs, samples, widths, seeds, trials or a smaller calib",
			c.Text(), experiment.Duration(experiment.SecondsLimit), float64(experiment.OpsLimit))
	}
	return nil
}

// maxSeed is the largest seed, the max tag of Seed.
const maxSeed = 1<<32 - 1

// elementwise is the work charged per unit and sample of each pass beyond
// the matrix products (activations, softmax), as compute/experiment does.
const elementwise = 10

// Cost estimates the whole run in multiply-adds. The law: for each N₀,
// trial and bit-width, GPFQ's three length-m passes per weight (the inner
// product ⟨X_t, u⟩, ‖X_t‖² and the update of u) and MSQ's error X(w − q),
// plus drawing X. A network: SGD's forward and backward passes, 3F − F₁
// multiply-adds per sample with F = Σ in·out (F₁ the first layer's), every
// epoch; the test accuracy of the float network and of two quantized ones
// per bit-width (F per test digit each); and per bit-width GPFQ's four
// length-calib passes per weight plus the forward passes that feed each
// layer its inputs. Bytes: the digits (train + test) and the widest
// network's calibration activations and its law's X.
func (s *Compression) Cost() experiment.Cost {
	if s.Model == "sparse" {
		return s.sparseCost()
	}
	nb := float64(len(s.Bits))
	var law float64
	for _, n0 := range s.N0s {
		per := float64(float64(n0) * float64(s.M))
		law += float64(float64(s.Trials) * float64(float64(nb*4*per)+per))
	}
	dim := float64(s.Pixels * s.Pixels)
	var nets float64
	for _, w := range s.Widths {
		f1 := float64(dim * float64(w))
		f := f1 + float64(float64(w)*10)
		units := float64(w + 10)
		train := float64(float64(s.Epochs*s.Samples) * float64(float64(3*f)-f1+float64(elementwise*units)))
		test := float64(float64(1+2*nb) * float64(float64(s.Test)*float64(f+float64(elementwise*units))))
		quant := float64(nb * float64(float64(s.Calib)*float64(6*f)))
		nets += float64(float64(s.Seeds) * (train + test + quant))
	}
	widest := 0
	for _, w := range s.Widths {
		widest = max(widest, w)
	}
	maxN0 := 0
	for _, n := range s.N0s {
		maxN0 = max(maxN0, n)
	}
	ops := law + nets
	c := experiment.Cost{Ops: toInt(ops), MatMul: toInt(nets)}
	c.Bytes = int64(8*float64(float64(s.Samples+s.Test)*(dim+1))) + int64(8*float64(float64(s.Calib)*float64(2*widest+2*int(dim)))) + int64(8*2*s.M*maxN0)
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}

// toInt rounds x to an int64, saturating at MaxInt64.
func toInt(x float64) int64 {
	if x >= math.MaxInt64 {
		return math.MaxInt64
	}
	if !(x > 0) {
		return 0
	}
	return int64(math.Round(x))
}

// sparseCost estimates a sparse run: for every method, each SGD step's
// forward and backward passes over the active weights (3·nnz per sample),
// a dense gradient on the batch at each mask update (3F − F₁), and the
// test accuracy at each update (nnz per test digit).
func (s *Compression) sparseCost() experiment.Cost {
	dim := float64(s.Pixels * s.Pixels)
	f1 := float64(dim * float64(s.Hidden))
	f := f1 + float64(float64(s.Hidden)*10)
	nnz := float64(s.Density * f)
	units := float64(s.Hidden + 10)
	b := float64(s.Batch)
	updates := float64(s.Steps/s.Every + 1)
	per := float64(float64(s.Steps)*float64(b*float64(float64(3*nnz)+float64(elementwise*units)))) +
		float64(updates*float64(b*float64(float64(3*f)-f1))) + float64(updates*float64(float64(s.Test)*(nnz+float64(elementwise*units))))
	ops := float64(float64(2+len(s.LogC)) * per)
	c := experiment.Cost{Ops: toInt(ops), MatMul: toInt(ops)}
	c.Bytes = int64(8*float64(float64(s.Samples+s.Test)*(dim+1))) + int64(8*4*f)
	c.Seconds = float64(c.Ops) / experiment.OpsPerSecond
	return c
}
