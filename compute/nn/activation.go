package nn

import "github.com/overparam/overparam/compute/fmath"

// activate sets a = σ(z) and, if d1 is not nil, d1 = σ'(z) and, if d2 is not
// nil, d2 = σ″(z), elementwise.
func activate(act Activation, a, d1, d2, z []float64) {
	switch act {
	case Tanh:
		for i, x := range z {
			t := fmath.Tanh(x)
			a[i] = t
			if d1 != nil {
				d1[i] = 1 - float64(t*t) // σ' = 1 − tanh²
			}
			if d2 != nil {
				d2[i] = -2 * t * (1 - float64(t*t)) // σ'' = −2 tanh (1 − tanh²)
			}
		}
	case ReLU:
		for i, x := range z {
			var y, g float64
			if x > 0 {
				y, g = x, 1
			}
			a[i] = y
			if d1 != nil {
				d1[i] = g
			}
			if d2 != nil {
				d2[i] = 0
			}
		}
	case Sigmoid:
		for i, x := range z {
			s := fmath.Sigmoid(x)
			a[i] = s
			if d1 != nil {
				d1[i] = s * (1 - s) // σ' = σ(1 − σ)
			}
			if d2 != nil {
				d2[i] = s * (1 - s) * (1 - float64(2*s)) // σ'' = σ'(1 − 2σ)
			}
		}
	case Linear:
		copy(a, z)
		if d1 != nil {
			for i := range d1 {
				d1[i] = 1
			}
		}
		if d2 != nil {
			clear(d2)
		}
	default:
		panic("nn: unknown activation")
	}
}

// curved reports whether σ″ can be nonzero, i.e. whether the Hessian has
// terms through the activations' second derivative.
func curved(act Activation) bool { return act == Tanh || act == Sigmoid }
