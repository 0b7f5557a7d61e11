package runkit

import (
	"fmt"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
	"github.com/overparam/overparam/compute/nn"
	"github.com/overparam/overparam/compute/train"
)

// BuildSpectrumData draws the spec's training and test sets, with label noise applied
// to the training set.
func BuildSpectrumData(s *spectrum.Spec, assets experiment.Assets) (data.Split, error) {
	var split data.Split
	var err error
	switch s.Data {
	case "mixture":
		split, err = data.Mixture(data.MixtureSettings{Classes: s.Classes, Dim: s.Dim, Separation: s.Separation, Train: s.Samples, Test: s.Test, Seed: s.Seed})
	case "moons", "circles":
		shape := data.ShapeSettings{Noise: s.Noise, Train: s.Samples, Test: s.Test, Seed: s.Seed}
		if s.Data == "moons" {
			split, err = data.Moons(shape)
		} else {
			split, err = data.Circles(shape)
		}
	case "teacher":
		split, _, err = data.TeacherStudent(data.TeacherSettings{Dim: s.Dim, Hidden: s.Teacher, Noise: s.Noise, Train: s.Samples, Test: s.Test, Seed: s.Seed})
	case "digits":
		if len(assets.Digits) == 0 {
			return split, fmt.Errorf("data = digits needs the digits asset, which was not loaded")
		}
		split, err = data.Digits(assets.Digits, data.DigitsSettings{Train: s.Samples, Test: s.Test, Size: s.Pixels, Seed: s.Seed})
	default:
		return split, fmt.Errorf("unknown data %q", s.Data)
	}
	if err != nil {
		return split, err
	}
	if s.LabelNoise > 0 {
		err = data.AddLabelNoise(&split.Train, s.LabelNoise, s.Seed)
	}
	return split, err
}

// SpectrumTrainSettings returns the training settings of the spec.
func SpectrumTrainSettings(s *spectrum.Spec) train.Settings {
	return train.Settings{LR: s.LR, Momentum: s.Momentum, Batch: s.Batch, Epochs: s.Epochs, WeightDecay: s.Decay, GradTol: s.GradTol, Seed: s.Seed}
}

// SpectrumSetup is what every stage rebuilds from the spec: data, network and
// objectives (the paths run builds its pair's the same way).
type SpectrumSetup struct {
	Split             data.Split
	Arch              *nn.Arch
	TrainObj, TestObj *nn.Objective
}

// SetupSpectrum validates s and builds its data, network and objectives.
func SetupSpectrum(s *spectrum.Spec, assets experiment.Assets) (*SpectrumSetup, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	split, err := BuildSpectrumData(s, assets)
	if err != nil {
		return nil, err
	}
	st := &SpectrumSetup{Split: split, Arch: s.Arch()}
	st.TrainObj = &nn.Objective{Arch: st.Arch, Data: &st.Split.Train}
	st.TestObj = &nn.Objective{Arch: st.Arch, Data: &st.Split.Test}
	if err := st.TrainObj.Check(); err != nil {
		return nil, err
	}
	return st, nil
}
