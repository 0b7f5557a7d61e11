//go:build !overparam_worker

package paths

import (
	"github.com/overparam/overparam/compute/experiment"
)

// Papers the paths presets cite (and sagun2017, with the spectrum's).
const (
	sagun2017  = "Sagun, Evci, Güney, Dauphin & Bottou 2017, Empirical Analysis of the Hessian of Over-Parametrized Neural Networks"
	url2017    = "https://arxiv.org/abs/1706.04454"
	shevchenko = "Shevchenko & Mondelli 2020, Landscape Connectivity and Dropout Stability of SGD Solutions for Over-parameterized Neural Networks"
	garipov    = "Garipov, Izmailov, Podoprikhin, Vetrov & Wilson 2018, Loss Surfaces, Mode Connectivity, and Fast Ensembling of DNNs"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the paths experiment, the one list
// the page, the gallery and the thumbnails read; the first is the page's
// default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("paths-batch", "Small vs large batch: no barrier",
			"Small-batch and large-batch SGD from one initialisation look like different minima — one sharp, one flat — yet the straight line between them shows no loss barrier. They sit in one connected basin; the sharpness changes smoothly along the way.",
			sagun2017, url2017, ""),
		preset("paths-seeds", "Two seeds: a barrier, and a curve around it",
			"Two networks trained from different seeds are separated by a loss barrier on the straight line between them, yet a quadratic Bézier curve trained on the loss along it (dashed) joins them almost without one. The barrier is a property of the naive path, not of the landscape; the dropout-stable path below removes it too as the networks widen.",
			garipov, "https://arxiv.org/abs/1802.10026", "pair=seeds&bezier=300"),
		preset("paths-wide", "Dropout stability up to width 1024",
			"In mean-field networks, keeping M of N neurons changes the loss by an amount that depends on M, not N, so wide networks are dropout-stable. The five-segment path through the half-dropout networks then connects two solutions with a barrier that vanishes as the width grows, while the straight line keeps its barrier.",
			shevchenko, "https://arxiv.org/abs/1912.10095", "widths=64,128,256,512,1024&width=1024&seeds=2"),
		preset("paths-digits", "MNIST digits: small vs large batch",
			"The same comparison on real data: a small ReLU network on 14×14 digits, trained with small and with full batches from one initialisation, and the loss along the line between them.",
			sagun2017, url2017, "data=digits&pixels=14&samples=1000&test=500&hidden=32&activation=relu&epochs=20&lr=0.1&smallbatch=20"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "paths", Order: 2, Title: "Paths",
		Synopsis: "print losses along paths between solutions, dropout stability and barriers by width",
		Gallery:  "Paths between solutions (Sagun et al. 2017; Shevchenko & Mondelli 2020)",
		Lede:     "Follow the loss along the line between two trained networks, and along the dropout-stable path that connects wide networks without a barrier.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
