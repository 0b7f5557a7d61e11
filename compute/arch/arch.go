package arch

import (
	"fmt"
	"strings"
)

// Activation is a hidden-layer nonlinearity σ.
type Activation int

const (
	Tanh Activation = iota
	ReLU
	Sigmoid
	Linear
)

var activationNames = []string{"tanh", "relu", "sigmoid", "linear"}

func (a Activation) String() string { return EnumString(activationNames, int(a), "Activation") }

// ParseActivation returns the activation named s (tanh, relu, sigmoid, linear).
func ParseActivation(s string) (Activation, error) {
	i, err := ParseEnum(activationNames, s, "activation")
	return Activation(i), err
}

// Loss is a per-sample loss on the network output.
type Loss int

const (
	// CrossEntropy is softmax cross-entropy with integer class labels.
	CrossEntropy Loss = iota
	// Squared is ½‖f − y‖² with real targets (one-hot for class labels).
	Squared
)

var lossNames = []string{"ce", "mse"}

func (l Loss) String() string { return EnumString(lossNames, int(l), "Loss") }

// ParseLoss returns the loss named s: "ce" (softmax cross-entropy) or "mse"
// (squared error).
func ParseLoss(s string) (Loss, error) {
	i, err := ParseEnum(lossNames, s, "loss")
	return Loss(i), err
}

// Arch describes a fully connected network. The zero value is not a network;
// fill Sizes with at least an input and an output width.
type Arch struct {
	// Sizes lists the layer widths from input to output: [d, h₁, …, c].
	Sizes []int
	// Act is the activation of every hidden layer.
	Act Activation
	// Loss is the per-sample loss on the output.
	Loss Loss
	// OutScale multiplies the last layer's output; 0 means 1.
	OutScale float64
	// NoBias drops the bias vectors from every layer.
	NoBias bool
}

// Layers returns L, the number of affine layers.
func (a *Arch) Layers() int { return len(a.Sizes) - 1 }

// NumParams returns the length of the parameter vector θ.
func (a *Arch) NumParams() int {
	n := 0
	for l := 1; l < len(a.Sizes); l++ {
		n += a.Sizes[l] * a.Sizes[l-1]
		if !a.NoBias {
			n += a.Sizes[l]
		}
	}
	return n
}

// Scale returns the output scale s, resolving the zero default to 1.
func (a *Arch) Scale() float64 {
	if a.OutScale == 0 {
		return 1
	}
	return a.OutScale
}

// offset returns the offset in θ of layer l's weights (l counts from 1).
func (a *Arch) offset(l int) int {
	off := 0
	for j := 1; j < l; j++ {
		off += a.Sizes[j] * a.Sizes[j-1]
		if !a.NoBias {
			off += a.Sizes[j]
		}
	}
	return off
}

// Layer returns views of W_l (Sizes[l]×Sizes[l−1], row-major) and b_l
// (Sizes[l], nil with NoBias) inside θ, for l = 1 … Layers().
func (a *Arch) Layer(theta []float64, l int) (w, b []float64) {
	if l < 1 || l > a.Layers() {
		panic("nn: layer index out of range")
	}
	off := a.offset(l)
	in, out := a.Sizes[l-1], a.Sizes[l]
	w = theta[off : off+in*out : off+in*out]
	if !a.NoBias {
		b = theta[off+in*out : off+in*out+out : off+in*out+out]
	}
	return w, b
}

// Validate reports whether the architecture describes a network.
func (a *Arch) Validate() error {
	if len(a.Sizes) < 2 {
		return fmt.Errorf("nn: a network needs an input and an output size, got %v", a.Sizes)
	}
	for i, s := range a.Sizes {
		if s < 1 {
			return fmt.Errorf("nn: layer %d has width %d, want ≥ 1", i, s)
		}
	}
	if a.Act < Tanh || a.Act > Linear {
		return fmt.Errorf("nn: unknown activation %d", a.Act)
	}
	if a.Loss < CrossEntropy || a.Loss > Squared {
		return fmt.Errorf("nn: unknown loss %d", a.Loss)
	}
	if a.Loss == CrossEntropy && a.Sizes[len(a.Sizes)-1] < 2 {
		return fmt.Errorf("nn: cross-entropy needs at least 2 outputs, got %d", a.Sizes[len(a.Sizes)-1])
	}
	return nil
}

func (a *Arch) String() string {
	s := make([]string, len(a.Sizes))
	for i, v := range a.Sizes {
		s[i] = fmt.Sprint(v)
	}
	return fmt.Sprintf("%s %s %s", strings.Join(s, "-"), a.Act, a.Loss)
}

// MaxDenseParams is the largest parameter count for which nn.DenseCurvature
// builds a dense matrix (5,000² float64s = 200 MB).
const MaxDenseParams = 5000

// CurvatureBytes estimates the memory an nn.Curvature for arch on nb samples
// holds, in bytes: the cached pass and the directional-derivative buffers.
func CurvatureBytes(a *Arch, nb int) int64 {
	var units int64
	for l := 1; l <= a.Layers(); l++ {
		w := int64(a.Sizes[l])
		units += 10 * int64(nb) * w // z, a, d1, d2, g, pb, rz, ra, rg, gᵀ
		units += 2 * int64(a.Sizes[l-1]) * w
	}
	units += int64(nb) * int64(max(a.Sizes[0], 1))
	units += 2 * int64(a.NumParams())
	return 8 * units
}

// EnumString returns names[i], or typ(i) for a value without a name: the
// String of an enum whose values index names (nn's Init uses it too).
func EnumString(names []string, i int, typ string) string {
	if i < 0 || i >= len(names) {
		return fmt.Sprintf("%s(%d)", typ, i)
	}
	return names[i]
}

// ParseEnum returns the index of s in names, ignoring case, or an error
// that names what and lists the choices.
func ParseEnum(names []string, s, what string) (int, error) {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return i, nil
		}
	}
	return 0, fmt.Errorf("unknown %s %q (want one of %s)", what, s, strings.Join(names, ", "))
}
