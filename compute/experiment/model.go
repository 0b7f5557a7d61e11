package experiment

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
