package runkit

import (
	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/nn"
)

// NewModel packs network a with parameters θ and dataset set into a Model.
func NewModel(a *nn.Arch, theta []float64, set *data.Set) experiment.Model {
	m := experiment.Model{Layers: append([]int(nil), a.Sizes...), Activation: a.Act.String(), Loss: a.Loss.String(), OutScale: a.Scale()}
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
