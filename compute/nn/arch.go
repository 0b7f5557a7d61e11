package nn

import "github.com/overparam/overparam/compute/arch"

// The network's shape lives in package arch, which computes nothing, so that
// specs can validate and cost a network without linking package nn; these
// names keep nn's API.

// Activation is a hidden-layer nonlinearity σ.
type Activation = arch.Activation

// The activations.
const (
	Tanh    = arch.Tanh
	ReLU    = arch.ReLU
	Sigmoid = arch.Sigmoid
	Linear  = arch.Linear
)

// ParseActivation returns the activation named s (tanh, relu, sigmoid, linear).
func ParseActivation(s string) (Activation, error) { return arch.ParseActivation(s) }

// Loss is a per-sample loss on the network output.
type Loss = arch.Loss

// The losses.
const (
	// CrossEntropy is softmax cross-entropy with integer class labels.
	CrossEntropy = arch.CrossEntropy
	// Squared is ½‖f − y‖² with real targets (one-hot for class labels).
	Squared = arch.Squared
)

// ParseLoss returns the loss named s: "ce" (softmax cross-entropy) or "mse"
// (squared error).
func ParseLoss(s string) (Loss, error) { return arch.ParseLoss(s) }

// Arch describes a fully connected network (see package arch).
type Arch = arch.Arch

// MaxDenseParams is the largest parameter count for which DenseCurvature
// builds a dense matrix (5,000² float64s = 200 MB).
const MaxDenseParams = arch.MaxDenseParams

// CurvatureBytes estimates the memory a Curvature for a on nb samples
// holds, in bytes: the cached pass and the directional-derivative buffers.
func CurvatureBytes(a *Arch, nb int) int64 { return arch.CurvatureBytes(a, nb) }
