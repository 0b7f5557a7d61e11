package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"testing"
)

// lossRelTol bounds the relative difference between the exported mean loss
// and a recomputation in plain scalar Go: both evaluate the same sums of at
// most a few hundred terms, in different orders and with last-bit-accurate
// exp, log and tanh, so they agree to a few ulps per term.
const lossRelTol = 1e-12

// exportedModel is the -export file as README.md specifies it (the table
// of flags, row -export), plus out_scale, the output scale s below.
type exportedModel struct {
	Layers     []int           `json:"layers"`
	Activation string          `json:"activation"`
	Loss       string          `json:"loss"`
	OutScale   float64         `json:"out_scale"`
	Weights    [][][]float64   `json:"weights"`
	Biases     [][]float64     `json:"biases"`
	X          [][]float64     `json:"x"`
	Y          json.RawMessage `json:"y"`
	MeanLoss   float64         `json:"mean_loss"`
}

// activation returns σ for a hidden layer, written from its definition.
func activation(t *testing.T, name string) func(float64) float64 {
	switch name {
	case "tanh":
		return math.Tanh
	case "relu":
		return func(x float64) float64 { return math.Max(x, 0) }
	case "sigmoid":
		return func(x float64) float64 { return 1 / (1 + math.Exp(-x)) }
	case "linear":
		return func(x float64) float64 { return x }
	}
	t.Fatalf("unknown activation %q in the exported model", name)
	return nil
}

// forward returns the network's output for input x, by the MLP formula of
// compute/nn/doc.go: a_0 = x, a_l = σ(W_l a_{l−1} + b_l),
// f = s·(W_L a_{L−1} + b_L).
func forward(m *exportedModel, sigma func(float64) float64, x []float64) []float64 {
	a := x
	L := len(m.Weights)
	for l, w := range m.Weights {
		z := make([]float64, len(w))
		for o, row := range w {
			sum := m.Biases[l][o]
			for i, wi := range row {
				sum += wi * a[i]
			}
			if l < L-1 {
				z[o] = sigma(sum)
			} else {
				z[o] = m.OutScale * sum
			}
		}
		a = z
	}
	return a
}

// meanLoss recomputes the mean training loss of an exported model: −log
// softmax(f)_y for ce (with the maximum shifted out), ½‖f − y‖² for mse.
func meanLoss(t *testing.T, m *exportedModel) float64 {
	sigma := activation(t, m.Activation)
	var labels []int
	var targets [][]float64
	switch m.Loss {
	case "ce":
		if err := json.Unmarshal(m.Y, &labels); err != nil {
			t.Fatalf("y of a ce model is not a list of class ids: %v", err)
		}
	case "mse":
		if err := json.Unmarshal(m.Y, &targets); err != nil {
			t.Fatalf("y of an mse model is not a list of target rows: %v", err)
		}
	default:
		t.Fatalf("unknown loss %q in the exported model", m.Loss)
	}
	var sum float64
	for n, x := range m.X {
		f := forward(m, sigma, x)
		if m.Loss == "ce" {
			mx := f[0]
			for _, v := range f {
				mx = math.Max(mx, v)
			}
			var se float64
			for _, v := range f {
				se += math.Exp(v - mx)
			}
			sum += math.Log(se) + mx - f[labels[n]]
			continue
		}
		var sq float64
		for j, v := range f {
			r := v - targets[n][j]
			sq += r * r
		}
		sum += sq / 2
	}
	return sum / float64(len(m.X))
}

// checkShapes checks that the exported arrays have the shapes that layers
// gives them, and that y has the form the loss and data call for.
func checkShapes(t *testing.T, name string, m *exportedModel, samples int, oneHot bool) {
	t.Helper()
	L := len(m.Layers) - 1
	if L < 1 || len(m.Weights) != L || len(m.Biases) != L {
		t.Fatalf("%s: %d layer sizes, %d weight matrices and %d bias vectors", name, len(m.Layers), len(m.Weights), len(m.Biases))
	}
	for l := range L {
		in, out := m.Layers[l], m.Layers[l+1]
		if len(m.Weights[l]) != out || len(m.Biases[l]) != out {
			t.Fatalf("%s: layer %d has %d weight rows and %d biases, want %d ([out][in])", name, l+1, len(m.Weights[l]), len(m.Biases[l]), out)
		}
		for o, row := range m.Weights[l] {
			if len(row) != in {
				t.Fatalf("%s: layer %d row %d has %d weights, want %d ([out][in])", name, l+1, o, len(row), in)
			}
		}
	}
	if len(m.X) != samples {
		t.Fatalf("%s: x has %d rows, want the %d training samples", name, len(m.X), samples)
	}
	for i, x := range m.X {
		if len(x) != m.Layers[0] {
			t.Fatalf("%s: x row %d has %d entries, want the input width %d", name, i, len(x), m.Layers[0])
		}
	}
	c := m.Layers[L]
	switch m.Loss {
	case "ce":
		var labels []int
		if err := json.Unmarshal(m.Y, &labels); err != nil {
			t.Fatalf("%s: y is not a list of class ids: %v", name, err)
		}
		if len(labels) != samples {
			t.Fatalf("%s: y has %d labels, want %d", name, len(labels), samples)
		}
		for i, y := range labels {
			if y < 0 || y >= c {
				t.Fatalf("%s: label %d is %d, want a class in [0, %d)", name, i, y, c)
			}
		}
	case "mse":
		var rows [][]float64
		if err := json.Unmarshal(m.Y, &rows); err != nil {
			t.Fatalf("%s: y is not a list of target rows: %v", name, err)
		}
		if len(rows) != samples {
			t.Fatalf("%s: y has %d rows, want %d", name, len(rows), samples)
		}
		for i, row := range rows {
			if len(row) != c {
				t.Fatalf("%s: y row %d has %d entries, want the output width %d", name, i, len(row), c)
			}
			if !oneHot {
				continue
			}
			ones := 0
			for _, v := range row {
				switch v {
				case 1:
					ones++
				case 0:
				default:
					t.Fatalf("%s: y row %d = %v is not one-hot", name, i, row)
				}
			}
			if ones != 1 {
				t.Fatalf("%s: y row %d = %v is not one-hot", name, i, row)
			}
		}
	}
}

func TestSpectrumExportRecomputesTheLoss(t *testing.T) {
	const samples = 60 // from the small flags
	cases := []struct {
		name   string
		args   []string
		layers []int
		oneHot bool // mse on class labels
	}{
		{"a tanh network with cross-entropy on a mixture",
			[]string{"-activation", "tanh", "-loss", "ce"}, []int{20, 8, 10}, false},
		{"a ReLU network with cross-entropy and noisy labels",
			[]string{"-activation", "relu", "-loss", "ce", "-labelnoise", "0.3"}, []int{20, 8, 10}, false},
		{"a sigmoid network with cross-entropy on circles, two hidden layers",
			[]string{"-data", "circles", "-activation", "sigmoid", "-hidden", "8,6"}, []int{2, 8, 6, 2}, false},
		{"a ReLU network with squared error on one-hot moons labels",
			[]string{"-data", "moons", "-activation", "relu", "-loss", "mse"}, []int{2, 8, 2}, true},
		{"a sigmoid network with squared error on one-hot mixture labels and minibatches",
			[]string{"-activation", "sigmoid", "-loss", "mse", "-batch", "16", "-momentum", "0.5"}, []int{20, 8, 10}, true},
		{"a tanh network with squared error on teacher targets",
			[]string{"-data", "teacher", "-activation", "tanh", "-loss", "mse", "-dim", "5", "-noise", "0.1"}, []int{5, 8, 1}, false},
		{"a ReLU network with squared error on teacher targets and a Gaussian init",
			[]string{"-data", "teacher", "-activation", "relu", "-loss", "mse", "-init", "gaussian"}, []int{20, 8, 1}, false},
		{"a ReLU network with cross-entropy on 14-pixel digits",
			[]string{"-data", "digits", "-pixels", "14", "-activation", "relu"}, []int{196, 8, 10}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "model.json")
			r := runJSON(t, spectrumArgs(append(c.args, "-export", file)...)...)
			text, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var raw map[string]json.RawMessage
			if err := decodeOne(string(text), &raw); err != nil {
				t.Fatalf("%s: the export is not one JSON object: %v", c.name, err)
			}
			for _, k := range []string{"layers", "activation", "loss", "out_scale", "weights", "biases", "x", "y", "mean_loss"} {
				if _, ok := raw[k]; !ok {
					t.Errorf("%s: the export has no key %q", c.name, k)
				}
			}
			var m exportedModel
			if err := json.Unmarshal(text, &m); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if fmt.Sprint(m.Layers) != fmt.Sprint(c.layers) {
				t.Fatalf("%s: layers = %v, want %v", c.name, m.Layers, c.layers)
			}
			want := map[string]string{"activation": flagValue(c.args, "-activation", "tanh"), "loss": flagValue(c.args, "-loss", "ce")}
			if m.Activation != want["activation"] || m.Loss != want["loss"] {
				t.Errorf("%s: activation, loss = %q, %q, want %q, %q", c.name, m.Activation, m.Loss, want["activation"], want["loss"])
			}
			checkShapes(t, c.name, &m, samples, c.oneHot)

			got := meanLoss(t, &m)
			if r.Final.TrainLoss == nil {
				t.Fatalf("%s: final.train_loss is null", c.name)
			}
			for _, ref := range []struct {
				what string
				v    float64
			}{{"the export's mean_loss", m.MeanLoss}, {"the -json final.train_loss", *r.Final.TrainLoss}} {
				if d := math.Abs(got - ref.v); d > lossRelTol*math.Abs(ref.v) {
					t.Errorf("%s: recomputed mean loss %.17g, %s %.17g: relative difference %.3g > %g", c.name, got, ref.what, ref.v, d/math.Abs(ref.v), lossRelTol)
				}
			}
		})
	}
}

// flagValue returns the value following name in args, or def.
func flagValue(args []string, name, def string) string {
	for i := len(args) - 2; i >= 0; i-- {
		if args[i] == name {
			return args[i+1]
		}
	}
	return def
}
