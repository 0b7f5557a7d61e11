package experiment

import (
	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
)

// Model is a trained network with its training data, in a plain JSON form
// from which anyone can recompute the loss without Overparam:
//
//	a_0 = x, a_l = σ(W_l a_{l−1} + b_l) for hidden layers,
//	f = out_scale · (W_L a_{L−1} + b_L),
//	loss = mean over samples of −log softmax(f)_y (ce) or ½‖f − y‖² (mse).
type Model struct {
	Layers     []int         `json:"layers"`
	Activation string        `json:"activation"`
	Loss       string        `json:"loss"`
	OutScale   float64       `json:"out_scale"`
	Weights    [][][]float64 `json:"weights"` // per layer, [out][in]
	Biases     [][]float64   `json:"biases"`  // per layer, [out]; zeros without biases
	X          [][]float64   `json:"x"`       // [n][d] training inputs
	Y          any           `json:"y"`       // [n] class ids (ce) or [n][c] target rows (mse)
	// MeanLoss is the mean training loss of the model on X, Y as Overparam
	// computed it, for checking a recomputation.
	MeanLoss float64 `json:"mean_loss"`
}

// ExportModel returns the trained network of a spectrum run with its
// training set.
func (r *SpectrumResult) ExportModel() Model {
	return NewModel(r.arch, r.theta, &r.split.Train)
}

// NewModel packs network a with parameters θ and dataset set into a Model.
func NewModel(a *nn.Arch, theta []float64, set *data.Set) Model {
	m := Model{Layers: append([]int(nil), a.Sizes...), Activation: a.Act.String(), Loss: a.Loss.String(), OutScale: a.Scale()}
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(theta, l)
		in, out := a.Sizes[l-1], a.Sizes[l]
		rows := make([][]float64, out)
		for o := range rows {
			rows[o] = append([]float64(nil), w[o*in:(o+1)*in]...)
		}
		m.Weights = append(m.Weights, rows)
		if b == nil {
			b = make([]float64, out)
		}
		m.Biases = append(m.Biases, append([]float64(nil), b...))
	}
	m.X = make([][]float64, set.N)
	for i := range m.X {
		m.X[i] = append([]float64(nil), set.Row(i)...)
	}
	if a.Loss == nn.CrossEntropy {
		m.Y = append([]int(nil), set.Labels...)
	} else {
		targets, width := set.Targets, set.Out
		if targets == nil {
			targets, width = set.OneHot(), set.Classes
		}
		rows := make([][]float64, set.N)
		for i := range rows {
			rows[i] = append([]float64(nil), targets[i*width:(i+1)*width]...)
		}
		m.Y = rows
	}
	m.MeanLoss = (&nn.Objective{Arch: a, Data: set}).Loss(theta)
	return m
}
