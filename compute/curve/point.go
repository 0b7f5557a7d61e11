package curve

import (
	"encoding/json"
	"math"
)

// Point is one sample of the training curves. Losses are mean per-sample
// losses without weight decay; accuracies are fractions in [0, 1] (NaN for
// regression, or without a test set).
type Point struct {
	Step      int     `json:"step"`
	Epoch     int     `json:"epoch"`
	TrainLoss float64 `json:"train_loss"`
	TrainAcc  float64 `json:"train_acc"`
	TestLoss  float64 `json:"test_loss"`
	TestAcc   float64 `json:"test_acc"`
	GradNorm  float64 `json:"grad_norm"`
	// Eigs are the top Hessian eigenvalues at this step, largest first
	// (entries beyond those tracked are 0), and Edge the optimizer's
	// stability edge, when the run tracks them (the sharpness experiment's
	// live charts). Both are zero otherwise, and then absent from the JSON.
	// An array, not a slice, keeps Point comparable.
	Eigs [3]float64 `json:"eigs,omitempty"`
	Edge float64    `json:"edge,omitempty"`
}

// pointJSON is Point with nullable numbers: JSON has no NaN, and a Point's
// accuracies are NaN for regression and its test values NaN without a test
// set.
type pointJSON struct {
	Step      int         `json:"step"`
	Epoch     int         `json:"epoch"`
	TrainLoss *float64    `json:"train_loss"`
	TrainAcc  *float64    `json:"train_acc"`
	TestLoss  *float64    `json:"test_loss"`
	TestAcc   *float64    `json:"test_acc"`
	GradNorm  *float64    `json:"grad_norm"`
	Eigs      *[3]float64 `json:"eigs,omitempty"`
	Edge      float64     `json:"edge,omitempty"`
}

func nullable(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

func orNaN(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// MarshalJSON encodes p with NaN and infinite values as null.
func (p Point) MarshalJSON() ([]byte, error) {
	var eigs *[3]float64
	if p.Eigs != [3]float64{} {
		eigs = &p.Eigs
	}
	return json.Marshal(pointJSON{p.Step, p.Epoch, nullable(p.TrainLoss), nullable(p.TrainAcc),
		nullable(p.TestLoss), nullable(p.TestAcc), nullable(p.GradNorm), eigs, p.Edge})
}

// UnmarshalJSON decodes a Point, reading null as NaN.
func (p *Point) UnmarshalJSON(b []byte) error {
	var j pointJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return err
	}
	*p = Point{j.Step, j.Epoch, orNaN(j.TrainLoss), orNaN(j.TrainAcc), orNaN(j.TestLoss), orNaN(j.TestAcc), orNaN(j.GradNorm), [3]float64{}, j.Edge}
	if j.Eigs != nil {
		p.Eigs = *j.Eigs
	}
	return nil
}
