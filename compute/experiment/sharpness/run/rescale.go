package run

import (
	"math"

	"github.com/overparam/overparam/compute/experiment/sharpness"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/spectrum"
)

// RescaleTo sets dst = D_α θ for the network of o: the first layer's weights
// and biases times α and the second layer's weights divided by α. For a
// ReLU network, relu(αz) = α·relu(z), so f(D_α θ) = f(θ) (Dinh et al. 2017,
// §4), and H(D_α θ) = D_α⁻¹ H(θ) D_α⁻¹.
func RescaleTo(dst []float64, a *nn.Arch, theta []float64, alpha float64) {
	copy(dst, theta)
	w1, b1 := a.Layer(dst, 1)
	for i := range w1 {
		w1[i] *= alpha
	}
	for i := range b1 {
		b1[i] *= alpha
	}
	w2, _ := a.Layer(dst, 2)
	for i := range w2 {
		w2[i] /= alpha
	}
}

// rescale computes the rescaling panel at θ: for each α of
// sharpness.RescaleAlphas, λ_max of the training-loss Hessian at D_α θ (a
// cold Lanczos run of up to MaxLanczosSteps products), the loss and the
// largest output change.
func rescale(o *nn.Objective, theta []float64, seed uint64) (*sharpness.Rescale, error) {
	a := o.Arch
	out := make([]float64, o.Count()*a.Sizes[a.Layers()])
	base := make([]float64, len(out))
	o.OutputsTo(base, theta)
	th := make([]float64, len(theta))
	r := &sharpness.Rescale{}
	for _, alpha := range sharpness.RescaleAlphas {
		RescaleTo(th, a, theta, alpha)
		c := nn.NewCurvature(o, th, nn.Hessian)
		res, err := spectrum.RunLanczos(c, spectrum.LanczosSettings{Steps: min(len(th), sharpness.MaxLanczosSteps), Seed: seed}, nil)
		if err != nil {
			return nil, err
		}
		top := res.Top(1)[0]
		o.OutputsTo(out, th)
		var change float64
		for i := range out {
			change = max(change, math.Abs(out[i]-base[i]))
		}
		r.Alpha = append(r.Alpha, alpha)
		r.Top, r.Residual = append(r.Top, top.Value), append(r.Residual, top.Residual)
		r.Loss, r.MaxChange = append(r.Loss, c.Loss()), append(r.MaxChange, change)
	}
	return r, nil
}
