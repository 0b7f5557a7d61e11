package curve

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
}
