package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/train"
)

// BuildData draws the spec's training and test sets, with label noise applied
// to the training set.
func BuildData(s *spectrum.Spec, assets experiment.Assets) (data.Split, error) {
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

// TrainSettings returns the training settings of the spec.
func TrainSettings(s *spectrum.Spec) train.Settings {
	return train.Settings{LR: s.LR, Momentum: s.Momentum, Batch: s.Batch, Epochs: s.Epochs, WeightDecay: s.Decay, GradTol: s.GradTol, Seed: s.Seed}
}
