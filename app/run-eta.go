package app

import (
	"math"
	"time"

	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// productCostRatio is the a-priori time of one curvature product over the
// training samples, in training steps on the same number of samples. It
// was measured with spectrumrun.Run on the default preset (0.52), hidden 256
// (0.51), batch 32 (0.76) and 2,000 samples with hidden 64,64 (0.83), on
// 2026-12-04; the middle of that range keeps the first estimate within
// about a third of the Lanczos time, and the measured rate replaces it
// once the probes report.
const productCostRatio = 0.65

// spectrumWork is the work of a whole spectrum run, every stage counted:
// the training steps, every probe's Lanczos products over all pipelines,
// and the assembly jobs. eta turns it into the time left for the whole
// run, not the current stage, from the rates measured so far.
type spectrumWork struct {
	trainSteps  int     // training steps of the main pipeline
	trainRounds int     // pipelines' trainings the pool runs one after another
	products    int     // Lanczos products of every probe of every pipeline
	lanes       int     // products running at once (workers in use)
	assemblies  int     // assembly jobs, one per pipeline, each about one product's time on one worker
	productStep float64 // a product's time on one worker, in training steps (a priori)
}

// newSpectrumWork counts the work of the pipelines' specs on a pool of
// workers whose probes are split into shards.
func newSpectrumWork(specs []spectrum.Spec, workers, shards int) spectrumWork {
	w := spectrumWork{assemblies: len(specs)}
	main := specs[0]
	w.trainSteps = main.TrainSteps()
	probes, training := 0, 0
	for _, s := range specs {
		w.products += min(s.Steps, s.Arch().NumParams()) * s.Probes
		probes += s.Probes
		if s.TrainSteps() > 0 {
			training++
		}
	}
	workers = max(workers, 1)
	w.trainRounds = max(1, (training+workers-1)/workers)
	w.lanes = max(1, min(workers, probes*max(shards, 1)))
	stepSamples := main.Batch
	if stepSamples <= 0 || stepSamples > main.Samples {
		stepSamples = main.Samples
	}
	w.productStep = productCostRatio * float64(main.Samples) / float64(max(stepSamples, 1))
	return w
}

// eta returns the time left for the whole run, or −1 when nothing has been
// measured yet. stepTime is the measured time of one training step (0 when
// unknown); productsDone products have finished over productTime since the
// probes began, every lane together. Once products have been measured their
// rate sets the rest; before that, the training rate and productStep give
// the products' time.
func (w spectrumWork) eta(trainDone int, stepTime time.Duration, productsDone int, productTime time.Duration) time.Duration {
	if productsDone > 0 {
		perProduct := float64(productTime) / float64(productsDone) // wall time per product, all lanes
		left := float64(max(w.products-productsDone, 0)) + float64(w.assemblies*w.lanes)
		return time.Duration(math.Round(perProduct * left))
	}
	if stepTime <= 0 {
		return -1
	}
	step := float64(stepTime)
	train := float64(max(w.trainSteps-trainDone, 0)+(w.trainRounds-1)*w.trainSteps) * step
	product := w.productStep * step // one product on one worker
	probes := (float64(w.products)/float64(w.lanes) + float64(w.assemblies)) * product
	return time.Duration(math.Round(train + probes))
}
