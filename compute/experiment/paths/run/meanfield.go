package run

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/paths"

	"github.com/overparam/overparam/compute/data"
	"github.com/overparam/overparam/compute/nn"
	numpaths "github.com/overparam/overparam/compute/paths"
	"github.com/overparam/overparam/compute/rng"
	numspectrum "github.com/overparam/overparam/compute/spectrum"
	"github.com/overparam/overparam/compute/train"
)

// runMeanField runs point index ≥ 1 of s: it trains two mean-field ReLU
// networks of the point's width N by SGD with step η·N, from seeds
// s.Seed+2r and s.Seed+2r+1 for repeat r, and measures
//
//   - the linear path between them and the five-segment piecewise-linear
//     path of Shevchenko & Mondelli (numpaths.Piecewise), with their barriers
//     on the training loss;
//   - the loss changes of the piecewise path's two half-dropout networks;
//   - the dropout curve: ΔL(M) = L(θ_A) − L(θ) for random subsets A of M
//     neurons, averaged over dropoutDraws subsets of each network.
//
// Every random draw comes from the streams of the two seeds, so the point
// depends on (s, width, repeat) only. Errors name the width.
func runMeanField(s *paths.Spec, split *data.Split, index int, progress func(experiment.Progress) bool) (*paths.Point, error) {
	width, repeat := s.PointAt(index)
	pt := &paths.Point{Index: index, Width: width, Repeat: repeat}
	if err := meanFieldPoint(s, pt, split, fmt.Sprintf("width %d: ", width), progress); err != nil {
		return nil, fmt.Errorf("width %d: %w", width, err)
	}
	return pt, nil
}

func meanFieldPoint(s *paths.Spec, pt *paths.Point, split *data.Split, prefix string, progress func(experiment.Progress) bool) error {
	width := pt.Width
	arch := s.MeanField(width)
	trainO := &nn.Objective{Arch: arch, Data: &split.Train}
	testO := &nn.Objective{Arch: arch, Data: &split.Test}
	seed := s.Seed + 2*uint64(pt.Repeat)
	set := train.Settings{LR: s.MFLR * float64(width), Batch: s.MFBatch, Epochs: s.MFEpochs, Points: paths.CurvePoints}
	batch := min(s.MFBatch, s.MFSamples)
	perNet := s.MFEpochs * ((s.MFSamples + batch - 1) / batch)
	var full [2]float64
	for k := range pt.Nets {
		theta := make([]float64, arch.NumParams())
		nn.Initialize(theta, arch, nn.InitMeanField, 0, rng.New(seed+uint64(k), rng.Init))
		set.Seed = seed + uint64(k)
		r, err := train.Run(trainO, nil, theta, set, func(p train.Point) bool {
			return progress(experiment.Progress{Phase: prefix + "train", Done: k*perNet + p.Step, Total: 2 * perNet})
		})
		if err != nil {
			return fmt.Errorf("seed %d: %w", set.Seed, err)
		}
		pt.Nets[k], pt.Steps, full[k] = r.Theta, pt.Steps+r.Stats.Steps, trainO.Loss(r.Theta)
	}

	grid := numpaths.UnitGrid(s.Resolution / 2)
	poly := numpaths.Piecewise(arch, pt.Nets[0], pt.Nets[1])
	curves := []func(dst []float64, a float64){
		func(dst []float64, a float64) { numpaths.LinearTo(dst, pt.Nets[0], pt.Nets[1], a) },
		poly.PointTo,
	}
	for k, name := range []string{"linear", "piecewise"} {
		p, err := walkPath(name, grid, curves[k], trainO, testO, false, prefix+name+" path", progress)
		if err != nil {
			return err
		}
		pt.Paths = append(pt.Paths, p)
	}
	pt.Paths[1].Segments = poly.Segments()
	// v₁ and v₃ are the half-dropout networks of θ (first half) and θ′
	// (second half).
	pt.HalfDelta = []float64{trainO.Loss(poly[1]) - full[0], trainO.Loss(poly[3]) - full[1]}

	pt.M = paths.DropoutMs(width)
	pt.Delta = make([]float64, len(pt.M))
	for k, theta := range pt.Nets {
		r := rng.New(seed+uint64(k), rng.Dropout)
		for j, m := range pt.M {
			for range paths.DropoutDraws {
				sub, st := numpaths.Subnetwork(arch, theta, numpaths.RandomKeep(r, width, m))
				pt.Delta[j] += float64(((&nn.Objective{Arch: sub, Data: &split.Train}).Loss(st) - full[k]) / (2 * paths.DropoutDraws))
			}
		}
		if !progress(experiment.Progress{Phase: prefix + "dropout", Done: k + 1, Total: 2}) {
			return fmt.Errorf("dropout: %w", numspectrum.ErrCanceled)
		}
	}
	for _, d := range pt.Delta {
		if !finiteLoss(d) {
			return fmt.Errorf("dropout: a loss with neurons dropped is not finite")
		}
	}
	return nil
}
