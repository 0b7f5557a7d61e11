//go:build !overparam_worker

package spectrum

import (
	"github.com/overparam/overparam/compute/experiment"
)

// Papers the spectrum presets cite.
const (
	sagun2016 = "Sagun, Bottou & LeCun 2016, Eigenvalues of the Hessian in Deep Learning"
	sagun2017 = "Sagun, Evci, Güney, Dauphin & Bottou 2017, Empirical Analysis of the Hessian of Over-Parametrized Neural Networks"
	url2016   = "https://arxiv.org/abs/1611.07476"
	url2017   = "https://arxiv.org/abs/1706.04454"
)

// preset builds a preset from Default and the keys extra
// changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the Hessian spectrum, the one list
// the page, the gallery and the thumbnails read; the first is the page's
// default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("classes10", "10 classes → 9 outliers",
			"After training on C well-separated classes, the top of the Hessian spectrum shows about C − 1 outliers standing apart from a bulk packed near zero. The per-sample output Hessian diag(p) − ppᵀ has rank C − 1, which is where the outliers come from.",
			sagun2017, url2017, ""),
		preset("classes3", "3 classes → 2 outliers",
			"Change the data, not the network: with three classes the outliers drop to about two. The outliers follow the data; the bulk barely moves.",
			sagun2017, url2017, "classes=3"),
		preset("narrow", "Narrow net (width 16)",
			"Fix the data and shrink the network. The bulk near zero widens while the outliers stay where the classes put them; compare it with the wide preset by pinning both.",
			sagun2016, url2016, "hidden=16"),
		preset("wide", "Wide net (width 256)",
			"Adding parameters mostly scales the bulk: more eigenvalues sit even closer to zero, the flat directions of an over-parameterised network. The outliers, set by the data, keep their place.",
			sagun2016, url2016, "hidden=256"),
		preset("init", "Before vs after training",
			"At initialisation the spectrum has no clear outliers; training grows them as the network learns the classes. The dashed curve is the same network before training.",
			sagun2017, url2017, "before=true"),
		preset("digits", "MNIST digits",
			"The same structure on real data: a small ReLU network on 14×14 MNIST digits shows about nine outliers for ten digit classes. The bulk holds almost all of the network's parameters.",
			sagun2017, url2017, "data=digits&pixels=14&samples=2000&test=1000&hidden=32&activation=relu&epochs=60&lr=0.1&batch=100&momentum=0.9"),
		preset("ggn", "Gauss-Newton vs Hessian",
			"The Gauss-Newton matrix keeps the outliers but has no negative eigenvalues: the outliers come from the outer-product term, the negative ones from the residual term. Compare with the Hessian's small negative tail.",
			sagun2017, url2017, "curvature=ggn"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "spectrum", Order: 1, Title: "Hessian spectrum",
		Synopsis: "train an MLP and print the Hessian spectrum of its training loss",
		Gallery:  "Hessian spectrum: bulk and outliers (Sagun et al. 2016, 2017)",
		Lede:     "Train a network and compute its Hessian's eigenvalues: a bulk near zero, and outliers that follow the classes.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
