package run

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/overparam/overparam/compute/nn"
)

// fordeFixture is M tanh networks 2-6-5-3 and a batch of B points.
type fordeFixture struct {
	a      *nn.Arch
	thetas [][]float64
	xs     []float64
	ys     []int
}

func newFordeFixture(m, b int, seed uint64) fordeFixture {
	r := rand.New(rand.NewPCG(seed, 1))
	a := &nn.Arch{Sizes: []int{2, 6, 5, 3}, Act: nn.Tanh, Loss: nn.CrossEntropy}
	f := fordeFixture{a: a, xs: gaussian(r, b, 2)}
	for range m {
		th := make([]float64, a.NumParams())
		nn.Initialize(th, a, nn.InitGaussian, 1.5, r)
		for l := 1; l <= a.Layers(); l++ { // nonzero biases, so every path is exercised
			_, bl := a.Layer(th, l)
			for k := range bl {
				bl[k] = 0.3 * float64(k%3-1)
			}
		}
		f.thetas = append(f.thetas, th)
	}
	for k := range b {
		f.ys = append(f.ys, k%3)
	}
	return f
}

// units returns each member's unit input gradients and norms on the batch.
func (f fordeFixture) units(net *tanhNet) (shat [][]float64, norms [][]float64) {
	b := len(f.ys)
	s := make([]float64, 2)
	for _, th := range f.thetas {
		u, n := make([]float64, 2*b), make([]float64, b)
		for k := range b {
			net.forward(th, f.xs[2*k:2*k+2])
			net.inputGradTo(s, th, f.ys[k])
			n[k] = unitTo(u[2*k:2*k+2], s)
		}
		shat, norms = append(shat, u), append(norms, n)
	}
	return shat, norms
}

// Truth: central finite differences in the input x of the logit itself.
func TestInputGradientMatchesFiniteDifferences(t *testing.T) {
	f := newFordeFixture(1, 4, 1)
	net := newTanhNet(f.a)
	s := make([]float64, 2)
	for k := range f.ys {
		x := append([]float64(nil), f.xs[2*k:2*k+2]...)
		net.forward(f.thetas[0], x)
		net.inputGradTo(s, f.thetas[0], f.ys[k])
		for c := range 2 {
			x0 := x[c]
			x[c] = x0 + 1e-6
			up := net.forward(f.thetas[0], x)[f.ys[k]]
			x[c] = x0 - 1e-6
			dn := net.forward(f.thetas[0], x)[f.ys[k]]
			x[c] = x0
			if fd := (up - dn) / 2e-6; math.Abs(fd-s[c]) > 1e-8 {
				t.Errorf("point %d: ∂f/∂x_%d = %.10g; finite differences %.10g", k, c, s[c], fd)
			}
		}
	}
}

// Truth: central finite differences in θ of FoRDE's repulsion R_i as a
// function of member i's parameters alone, the other members' unit
// gradients and the bandwidths held fixed (their stop-gradient);
// relative error below 1e-6 of the gradient's largest entry.
func TestRepulsionGradientMatchesFiniteDifferences(t *testing.T) {
	const m, b, d = 3, 5, 2
	f := newFordeFixture(m, b, 2)
	net := newTanhNet(f.a)
	shat, norms := f.units(net)
	h := bandwidths(shat, b, d)
	for i := range m {
		t.Run(fmt.Sprintf("member %d", i), func(t *testing.T) {
			grad := make([]float64, f.a.NumParams())
			addRepulsionGrad(net, grad, f.thetas[i], f.xs, f.ys, shat, norms[i], h, i, d, 1)
			value := func() float64 {
				own, _ := f.units(net)
				mixed := append([][]float64(nil), shat...)
				mixed[i] = own[i]
				return repulsion(make([]float64, b*d), mixed, h, i, d)
			}
			var big float64
			for _, g := range grad {
				big = math.Max(big, math.Abs(g))
			}
			th := f.thetas[i]
			for k := range th {
				x := th[k]
				th[k] = x + 1e-5
				up := value()
				th[k] = x - 1e-5
				dn := value()
				th[k] = x
				if fd := (up - dn) / 2e-5; math.Abs(fd-grad[k]) > 1e-6*big {
					t.Errorf("∂R/∂θ[%d] = %.10g; finite differences %.10g (largest entry %.3g)", k, grad[k], fd, big)
				}
			}
		})
	}
}

// Truth: central finite differences in θ of the cross-entropy of one
// sample.
func TestCrossEntropyGradientMatchesFiniteDifferences(t *testing.T) {
	f := newFordeFixture(1, 1, 3)
	net := newTanhNet(f.a)
	th := f.thetas[0]
	grad := make([]float64, len(th))
	net.forward(th, f.xs)
	net.addCEGrad(grad, th, f.ys[0], 1)
	loss := func() float64 {
		net.forward(th, f.xs)
		return net.addCEGrad(make([]float64, len(th)), th, f.ys[0], 0)
	}
	for k := range th {
		x := th[k]
		th[k] = x + 1e-6
		up := loss()
		th[k] = x - 1e-6
		dn := loss()
		th[k] = x
		if fd := (up - dn) / 2e-6; math.Abs(fd-grad[k]) > 1e-7 {
			t.Errorf("∂ℓ/∂θ[%d] = %.10g; finite differences %.10g", k, grad[k], fd)
		}
	}
}

// Truth: with one member the only term is j = i, whose distance is 0 and
// whose gradient the stop-gradient removes, so R = log B − log B = 0 and
// its gradient is exactly 0 (Trinh et al. 2024: FoRDE with M = 1 is MAP).
func TestOneMemberFeelsNoRepulsion(t *testing.T) {
	f := newFordeFixture(1, 6, 4)
	net := newTanhNet(f.a)
	shat, norms := f.units(net)
	grad := make([]float64, f.a.NumParams())
	r := addRepulsionGrad(net, grad, f.thetas[0], f.xs, f.ys, shat, norms[0], bandwidths(shat, 6, 2), 0, 2, 1)
	if r != 0 {
		t.Errorf("R = %g; want 0", r)
	}
	for k, g := range grad {
		if g != 0 {
			t.Fatalf("∂R/∂θ[%d] = %g; want exactly 0", k, g)
		}
	}
}

// Truth: the kernel compares unit-normalised input gradients, and scaling
// every logit by c > 0 (the last layer's weights and biases) scales every
// input gradient by c, so the unit gradients, bandwidths and repulsion do
// not change (Trinh et al. 2024, §4: the normalisation).
func TestRepulsionIsInvariantToScalingTheLogits(t *testing.T) {
	const m, b = 4, 6
	f := newFordeFixture(m, b, 5)
	net := newTanhNet(f.a)
	shat, _ := f.units(net)
	h := bandwidths(shat, b, 2)
	before := repulsion(make([]float64, b*2), shat, h, 1, 2)
	for j, th := range f.thetas {
		w, bl := f.a.Layer(th, f.a.Layers())
		for k := range w {
			w[k] *= 3.7 + float64(j)
		}
		for k := range bl {
			bl[k] *= 3.7 + float64(j)
		}
	}
	shat2, _ := f.units(net)
	after := repulsion(make([]float64, b*2), shat2, bandwidths(shat2, b, 2), 1, 2)
	if math.Abs(after-before) > 1e-12 {
		t.Errorf("R = %.15g before scaling the logits, %.15g after", before, after)
	}
}
