package doubledescent

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/overparam/overparam/compute/experiment"

	"github.com/overparam/overparam/compute/arch"
)

// DoubleDescent is the spec of the double-descent experiment: the test error
// of a model swept over its size, each size repeated over seeds, with the
// theory that predicts it. Model selects one of four settings:
//
//	linear    min-norm and ridge least squares on isotropic Gaussian
//	          features, swept over p (Hastie et al. 2019)
//	features  ridgeless regression on N random ReLU features of inputs on
//	          the sphere (Mei & Montanari 2019)
//	mlp       a one-hidden-layer ReLU network swept over its width, with
//	          label noise (Nakkiran et al. 2020; Gu et al. 2023)
//	lstd      regularised LSTD with N random features on a random Markov
//	          reward process (Brellmann et al. 2024)
//
// DefaultFor gives each model's preset; tags give each field's
// key and range. Uses says which keys a model reads.
//
// References, with what each model takes from them:
//
//   - T. Hastie, A. Montanari, S. Rosset & R. J. Tibshirani, "Surprises in
//     high-dimensional ridgeless least squares interpolation",
//     arXiv:1903.08560, 2019: the linear model and its asymptotic risks
//     (package theory).
//   - M. Belkin, D. Hsu & J. Xu, "Two models of double descent for weak
//     features", SIAM J. Math. Data Sci. 2(4), 2020: the exact finite-n
//     mean of the min-norm risk.
//   - S. Mei & A. Montanari, "The generalization error of random features
//     regression: precise asymptotics and the double descent curve",
//     arXiv:1908.05355, 2019: the features model and its ridgeless curve.
//   - P. Nakkiran, G. Kaplun, Y. Bansal, T. Yang, B. Barak & I. Sutskever,
//     "Deep double descent: where bigger models and more data hurt", ICLR
//     2020: model-wise double descent with label noise.
//   - X. Gu, X. Zheng & T. Aste, "Unraveling the enigma of double descent:
//     an in-depth analysis through the lens of learned feature space",
//     arXiv:2310.13572, 2023: the mlp model's width sweep with 20% label
//     noise and the kNN recognition of mislabelled points (k = 5, cosine,
//     hidden features, fitted on the clean points).
//   - D. Brellmann, E. Berthier, D. Filliat & G. Frehse, "On double descent
//     in reinforcement learning with LSTD and random features", ICLR 2024:
//     the lstd model (package lstd).
type Spec struct {
	Model  string  `json:"model" key:"model" enum:"linear,features,mlp,lstd" help:"model swept: linear (min-norm and ridge least squares), features (random ReLU features), mlp (one-hidden-layer ReLU network) or lstd (LSTD with random features)"`
	N      int     `json:"n" key:"n" min:"1" max:"10000" help:"training samples n (lstd: transitions in the one trajectory)"`
	Dim    int     `json:"dim" key:"dim" min:"1" max:"1024" help:"input dimension d (features: sphere of radius √d; mlp: mixture dimension; lstd: state-embedding dimension)"`
	Sizes  []int   `json:"sizes" key:"sizes" min:"1" max:"100000" maxlen:"40" help:"model sizes swept, strictly increasing: features p (linear), random features N (features, lstd) or hidden units (mlp)"`
	Noise  float64 `json:"noise" key:"noise" min:"0" max:"100" help:"noise: response noise std σ (linear) or τ (features), fraction of training labels replaced by another class (mlp, at most 1), reward noise std (lstd)"`
	Signal float64 `json:"signal" key:"signal" min:"0" max:"10000" help:"signal strength r² = ‖β‖² (linear) or F₁² = ‖β‖² (features) of the linear target"`
	Ridge  float64 `json:"ridge" key:"ridge" min:"0" max:"10000" help:"ridge penalty λ: (XᵀX + nλI)⁻¹Xᵀy (linear), (ZᵀZ + (nN/d)λI)⁻¹Zᵀy as in Mei & Montanari (features), (A + λI)⁻¹b (lstd); 0 means no ridge curve (linear, features)"`
	Test   int     `json:"test" key:"test" min:"1" max:"10000" help:"test samples that estimate the test error (features, mlp; digits: at most 2000)"`

	Data     string  `json:"data" key:"data" enum:"mixture,digits" help:"mlp training data: Gaussian mixture or MNIST digits"`
	Classes  int     `json:"classes" key:"classes" min:"2" max:"100" help:"mixture classes (digits have 10)"`
	Sep      float64 `json:"sep" key:"sep" min:"0" max:"100" help:"distance of each mixture mean from the origin, in within-class standard deviations"`
	Pixels   int     `json:"pixels" key:"pixels" enum:"14,28" help:"digit image side: 28 (MNIST) or 14 (2×2 average pooling)"`
	Epochs   int     `json:"epochs" key:"epochs" min:"1" max:"100000" help:"mlp training passes over the training set"`
	LR       float64 `json:"lr" key:"lr" min:"1e-6" max:"100" help:"mlp learning rate"`
	Batch    int     `json:"batch" key:"batch" min:"0" max:"10000" help:"mlp minibatch size; 0 means full-batch gradient descent"`
	Momentum float64 `json:"momentum" key:"momentum" min:"0" max:"0.999" help:"mlp heavy-ball momentum"`

	States int     `json:"states" key:"states" min:"2" max:"2000" help:"states of the random Markov reward process (lstd)"`
	Gamma  float64 `json:"gamma" key:"gamma" min:"0" max:"0.999" help:"discount factor γ (lstd)"`

	Repeats int    `json:"repeats" key:"repeats" min:"1" max:"64" help:"repeats per size, each with its own seeds; every point reports their mean, median and quartiles"`
	Seed    uint64 `json:"seed" key:"seed" min:"0" max:"4294967295" help:"seed of every random stream; each repeat's streams derive from it, the size and the repeat"`
}

// Default returns the spec the double-descent page opens with:
// the linear model, whose min-norm test error peaks at p = n while optimal
// ridge does not, in a couple of seconds in a browser.
func Default() Spec { return DefaultFor("linear") }

// DefaultForQuery returns the defaults a link query starts
// from: the preset of the model it names (so a short link such as
// "model=mlp&noise=0" gets the network's widths, not the linear sizes).
// Links the page writes name every key, so they read the same either way.
func DefaultForQuery(query string) Spec {
	values, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
	return DefaultFor(strings.ToLower(strings.TrimSpace(values.Get("model"))))
}

// DefaultFor returns the preset of model (linear, features,
// mlp or lstd; anything else gives the linear preset). Every preset shows
// its model's peak in seconds; fields a model does not use keep common
// values, so switching model keeps a link readable.
func DefaultFor(model string) Spec {
	s := Spec{
		Model: "linear", N: 100, Dim: 50, Noise: 0.5, Signal: 1, Ridge: 0.1, Test: 500,
		Data: "mixture", Classes: 4, Sep: 2.5, Pixels: 14, Epochs: 300, LR: 0.05, Batch: 50, Momentum: 0.9,
		States: 200, Gamma: 0.5, Repeats: 20, Seed: 1,
	}
	s.Sizes = []int{10, 20, 30, 40, 50, 60, 70, 80, 85, 90, 95, 100, 105, 110, 115, 120, 130, 150, 170, 200, 250, 300, 400}
	switch model {
	case "features":
		s.Model, s.N, s.Dim, s.Noise, s.Ridge, s.Repeats = "features", 150, 50, 0.5, 0, 8
		s.Sizes = []int{15, 30, 60, 90, 110, 130, 140, 150, 160, 170, 190, 225, 300, 450, 600}
	case "mlp":
		s.Model, s.N, s.Dim, s.Test, s.Noise, s.Repeats = "mlp", 300, 20, 1000, 0.2, 4
		s.Sizes = []int{1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 128}
	case "lstd":
		s.Model, s.N, s.Dim, s.Noise, s.Ridge, s.Repeats = "lstd", 150, 50, 0, 1e-9, 10
		s.Sizes = []int{10, 25, 50, 75, 90, 100, 107, 115, 130, 160, 200, 300, 500, 800, 1600}
	}
	return s
}

// modelKeys lists the keys each model reads besides model, n, sizes,
// repeats and seed.
var modelKeys = map[string]string{
	"linear":   "noise signal ridge",
	"features": "dim noise signal ridge test",
	"mlp":      "dim noise test data classes sep pixels epochs lr batch momentum",
	"lstd":     "dim noise ridge states gamma",
}

// Uses reports whether the spec's model reads the parameter key (for mlp,
// given its data: classes, sep and dim are mixture keys, pixels a digits
// key). The page hides the others.
func (s *Spec) Uses(key string) bool {
	switch key {
	case "model", "n", "sizes", "repeats", "seed":
		return true
	case "classes", "sep", "dim":
		if s.Model == "mlp" {
			return s.Data == "mixture"
		}
	case "pixels":
		return s.Model == "mlp" && s.Data == "digits"
	}
	return slices.Contains(strings.Fields(modelKeys[s.Model]), key)
}

// Points returns the number of sweep points, one per size.
func (s Spec) Points() int { return len(s.Sizes) }

// Validate reports the first problem with s: a value out of its range (with
// the range), a combination that cannot run, or a job too large for a
// browser tab (with the limit).
func (s *Spec) Validate() error {
	if err := experiment.CheckAll(s); err != nil {
		return err
	}
	if len(s.Sizes) == 0 {
		return fmt.Errorf("sizes is empty; give at least one model size")
	}
	for i := 1; i < len(s.Sizes); i++ {
		if s.Sizes[i] <= s.Sizes[i-1] {
			return fmt.Errorf("sizes must be strictly increasing, but %d follows %d", s.Sizes[i], s.Sizes[i-1])
		}
	}
	switch s.Model {
	case "mlp":
		if s.Noise > 1 {
			return fmt.Errorf("noise = %g is a label-noise fraction for model = mlp; allowed: [0, 1]", s.Noise)
		}
		if err := experiment.CheckDataSize(s.Data, "n", s.N, "test", s.Test, s.MLPIn()); err != nil {
			return err
		}
		if s.Data == "mixture" && s.Sep == 0 {
			return fmt.Errorf("sep = 0 makes the classes identical; choose a separation above 0")
		}
		if s.Noise > 0 && s.N < 2 {
			return fmt.Errorf("n = %d: label noise needs at least 2 training samples", s.N)
		}
	case "lstd":
		if s.Gamma >= 1 {
			return fmt.Errorf("gamma = %g: the discount must be below 1", s.Gamma)
		}
	}
	return experiment.CheckCost(s.Cost(), "fewer repeats, sizes or samples, or smaller sizes", "fewer samples or smaller sizes")
}

// mlpIn and mlpOut are the input and output widths of the mlp model.
func (s *Spec) MLPIn() int {
	if s.Data == "digits" {
		return s.Pixels * s.Pixels
	}
	return s.Dim
}

func (s *Spec) MLPOut() int {
	if s.Data == "digits" {
		return 10
	}
	return s.Classes
}

// cost returns the multiply-adds of one repeat at size k and the bytes its
// largest arrays take.
func (s *Spec) cost(k int) (ops, bytes float64) {
	n, d, k64, t := float64(s.N), float64(s.Dim), float64(k), float64(s.Test)
	switch s.Model {
	case "linear":
		m := min(n, k64)
		return float64(n*k64*m) + float64(m*m*m) + float64(10*n*k64), 8 * (float64(2*n*k64) + float64(2*m*m) + float64(4*k64))
	case "features":
		m := min(n, k64)
		return float64((n+t)*d*k64) + float64(n*k64*m) + float64(m*m*m) + float64(t*k64) + float64(10*(n+t)*d), 8 * (float64(3*(n+t)*k64) + float64(2*m*m) + float64((n+t)*d))
	case "mlp":
		in, out := float64(s.MLPIn()), float64(s.MLPOut())
		p := float64(in*k64) + k64 + float64(k64*out) + out
		b := float64(8 * (float64((n+t)*in) + float64(6*n*(k64+out)) + float64(6*p) + float64(2*n*k64)))
		if s.Data == "digits" {
			b += 12000 * 28 * 28 // the decoded asset
		}
		return float64(3*float64(s.Epochs)*n*p) + float64((n+t)*p) + float64(n*n*k64), b
	default: // lstd
		st := float64(s.States)
		m := min(n, st)
		r := min(k64, m)
		return float64(st*d*k64) + float64(m*k64*r) + float64(r*r*r) + float64(n*k64) + float64(st*st*30), 8 * (float64(st*st) + float64(2*st*k64) + float64(3*m*k64) + float64(r*r) + float64(st*d))
	}
}

// Cost estimates the whole sweep: every size and repeat. The mlp model
// counts its network's passes as Spectrum does (train.Run with 10 curve
// points and the test set) plus the kNN recognition's feature and
// similarity products; the other models count the multiply-adds of their
// Gram matrices, Cholesky factorisations and feature maps. Bytes is the
// largest size's: sweep points run one at a time per worker.
func (s *Spec) Cost() experiment.Cost {
	var c experiment.Cost
	for _, k := range s.Sizes {
		ops, bytes := s.cost(k)
		one := experiment.Cost{Ops: experiment.ToInt(ops), Bytes: int64(bytes)}
		if s.Model == "mlp" {
			a := &arch.Arch{Sizes: []int{s.MLPIn(), k, s.MLPOut()}, Act: arch.ReLU, Loss: arch.CrossEntropy}
			one = experiment.MLPCost(a, experiment.TrainPasses(s.Epochs, s.N, s.Test, s.Batch, CurvePoints), false)
			one.Bytes = int64(bytes)
			if s.Noise > 0 {
				noisy := math.Round(s.Noise * float64(s.N))
				knn := float64(float64(s.N)*float64(s.MLPIn()*k)) + float64(noisy*(float64(s.N)-noisy)*float64(k))
				one.MatMul = experiment.SatAdd(one.MatMul, experiment.ToInt(knn))
				one.Ops = experiment.SatAdd(one.Ops, experiment.ToInt(knn))
			}
		}
		c = c.Add(one.Times(s.Repeats))
	}
	return c.Finish()
}

// lambdaText formats a penalty for curve names.
func lambdaText(l float64) string { return strconv.FormatFloat(l, 'g', 4, 64) }

// mlpEnv holds what the mlp points share: the decoded digits asset.
// CurvePoints is the training-curve points of an mlp repeat: only the
// last is used, and each costs a full-batch pass.
const CurvePoints = 10
