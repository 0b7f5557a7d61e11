package nn

import (
	"fmt"

	"github.com/overparam/overparam/compute/data"
)

// Objective is the scaled data loss of a network on some samples of a dataset,
//
//	L(θ) = Scale · Σ_{i ∈ Idx} ℓ(f(x_i; θ), y_i).
//
// Idx nil means every sample, while a non-nil empty Idx means none (the loss
// is 0); Scale 0 means 1/len(samples), the mean loss.
// Objectives over disjoint subsets with a common Scale add up to the
// objective over their union. An Objective reuses internal buffers between
// calls, so one value must not be used from several goroutines at once.
type Objective struct {
	Arch  *Arch
	Data  *data.Set
	Idx   []int
	Scale float64

	buf *pass
}

// Count returns the number of samples the objective sums over.
func (o *Objective) Count() int {
	if o.Idx != nil {
		return len(o.Idx)
	}
	return o.Data.N
}

// scale returns Scale, resolving the zero default to 1/Count.
func (o *Objective) scale() float64 {
	if o.Scale != 0 {
		return o.Scale
	}
	if c := o.Count(); c > 0 {
		return 1 / float64(c)
	}
	return 0
}

// Check reports whether the architecture fits the data: input width equal to
// the data's dimension, output width equal to its number of classes (or target
// width), and a loss the targets support.
func (o *Objective) Check() error {
	a, d := o.Arch, o.Data
	if err := a.Validate(); err != nil {
		return err
	}
	if a.Sizes[0] != d.Dim {
		return fmt.Errorf("nn: network input width %d does not match data dimension %d", a.Sizes[0], d.Dim)
	}
	if out := a.Sizes[len(a.Sizes)-1]; out != d.OutDim() {
		return fmt.Errorf("nn: network output width %d does not match the data's %d outputs", out, d.OutDim())
	}
	if a.Loss == CrossEntropy && d.Classes == 0 {
		return fmt.Errorf("nn: cross-entropy needs class labels; this dataset is a regression")
	}
	for _, i := range o.Idx {
		if i < 0 || i >= d.N {
			return fmt.Errorf("nn: sample index %d out of range [0, %d)", i, d.N)
		}
	}
	return nil
}

// prepare returns the pass buffers sized for the current sample count.
func (o *Objective) prepare(withCurvature bool) *pass {
	if o.buf == nil || o.buf.arch != o.Arch || o.buf.nb != o.Count() || (withCurvature && o.buf.d2 == nil) {
		o.buf = newPass(o.Arch, o.Count(), withCurvature)
	}
	return o.buf
}

// Loss returns L(θ).
func (o *Objective) Loss(theta []float64) float64 {
	o.checkTheta(theta)
	p := o.prepare(false)
	p.forward(o, theta, false)
	return p.lossSum * o.scale()
}

// LossGrad sets grad = ∇L(θ) and returns L(θ).
func (o *Objective) LossGrad(grad, theta []float64) float64 {
	loss, _ := o.EvaluateGrad(grad, theta)
	return loss
}

// EvaluateGrad sets grad = ∇L(θ) and returns L(θ) and the accuracy as
// Evaluate does, from one forward pass.
func (o *Objective) EvaluateGrad(grad, theta []float64) (loss, accuracy float64) {
	o.checkTheta(theta)
	if len(grad) != len(theta) {
		panic("nn: gradient length differs from parameter length")
	}
	p := o.prepare(false)
	p.forward(o, theta, true)
	p.backward(theta, grad)
	return p.lossSum * o.scale(), p.accuracy(o)
}

// Evaluate returns L(θ) and, for classification data, the fraction of samples
// whose largest output is their label (NaN for regression).
func (o *Objective) Evaluate(theta []float64) (loss, accuracy float64) {
	o.checkTheta(theta)
	p := o.prepare(false)
	p.forward(o, theta, false)
	return p.lossSum * o.scale(), p.accuracy(o)
}

func (o *Objective) checkTheta(theta []float64) {
	if len(theta) != o.Arch.NumParams() {
		panic("nn: parameter vector length differs from Arch.NumParams")
	}
}

// OutputsTo sets dst to the network outputs f(x_i; θ) of the objective's
// samples, row-major (Count rows of the output width), from one forward
// pass. It panics if dst has the wrong length.
func (o *Objective) OutputsTo(dst, theta []float64) {
	o.checkTheta(theta)
	L := o.Arch.Layers()
	if len(dst) != o.Count()*o.Arch.Sizes[L] {
		panic("nn: outputs length differs from Count times the output width")
	}
	p := o.prepare(false)
	p.forward(o, theta, false)
	copy(dst, p.a[L])
}
