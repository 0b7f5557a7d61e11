package nn

import (
	"math"
	"math/rand/v2"

	"github.com/overparam/overparam/compute/arch"
	"github.com/overparam/overparam/compute/rng"
)

// Init names a parameter initialisation.
type Init int

const (
	// InitDefault is PyTorch's nn.Linear default: every weight and bias of a
	// layer with fan-in `in` uniform on [−1/√in, 1/√in].
	InitDefault Init = iota
	// InitGaussian draws weights from N(0, scale²/in) and sets biases to 0;
	// scale = 1 is LeCun's initialisation.
	InitGaussian
	// InitMeanField is for two-layer networks in mean-field scaling (set
	// Arch.OutScale = 1/N): first-layer weights from N(0, 1/d), so that wᵢᵀx is
	// O(1), output weights from N(0, 1), biases 0.
	InitMeanField
)

var initNames = []string{"default", "gaussian", "meanfield"}

func (i Init) String() string { return arch.EnumString(initNames, int(i), "Init") }

// ParseInit returns the initialisation named s (default, gaussian, meanfield).
func ParseInit(s string) (Init, error) {
	i, err := arch.ParseEnum(initNames, s, "initialisation")
	return Init(i), err
}

// Initialize fills θ for architecture a with initialisation init, drawing from
// r. scale is used by InitGaussian only (0 means 1).
func Initialize(theta []float64, a *Arch, init Init, scale float64, r *rand.Rand) {
	if len(theta) != a.NumParams() {
		panic("nn: parameter vector length differs from Arch.NumParams")
	}
	if scale == 0 {
		scale = 1
	}
	for l := 1; l <= a.Layers(); l++ {
		w, b := a.Layer(theta, l)
		in := float64(a.Sizes[l-1])
		switch init {
		case InitDefault:
			bound := 1 / math.Sqrt(in)
			for i := range w {
				w[i] = bound * (float64(2*rng.Uniform(r)) - 1)
			}
			for i := range b {
				b[i] = bound * (float64(2*rng.Uniform(r)) - 1)
			}
		case InitGaussian, InitMeanField:
			std := scale / math.Sqrt(in)
			if init == InitMeanField {
				std = 1 / math.Sqrt(in)
				if l > 1 {
					std = 1
				}
			}
			for i := range w {
				w[i] = std * rng.Normal(r)
			}
			clear(b)
		default:
			panic("nn: unknown initialisation")
		}
	}
}
