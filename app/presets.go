package app

import "github.com/overparam/overparam/compute/experiment"

// preset is a one-click setting of a page that reproduces a paper's claim
// (experiment.Preset). Double descent's list lives in compute
// (experiment.DoubleDescentPresets), where the CLI's -preset reads it too.
type preset = experiment.Preset

// PresetLinks returns the page link, without the host, of every preset in
// the gallery, by preset id: what a preset button or a gallery card opens.
func PresetLinks() map[string]string {
	links := map[string]string{}
	for _, sec := range gallery() {
		for _, p := range sec.Presets {
			links[p.ID] = sec.Link(p)
		}
	}
	return links
}

const (
	sagun2016 = "Sagun, Bottou & LeCun 2016, Eigenvalues of the Hessian in Deep Learning"
	sagun2017 = "Sagun, Evci, Güney, Dauphin & Bottou 2017, Empirical Analysis of the Hessian of Over-Parametrized Neural Networks"
	url2016   = "https://arxiv.org/abs/1611.07476"
	url2017   = "https://arxiv.org/abs/1706.04454"
)

// spectrumPresets are the spectrum page's presets; the first is the default.
var spectrumPresets = []preset{
	{ID: "classes10", Title: "10 classes → 9 outliers",
		Claim: "After training on C well-separated classes, the top of the Hessian spectrum shows about C − 1 outliers standing apart from a bulk packed near zero. The per-sample output Hessian diag(p) − ppᵀ has rank C − 1, which is where the outliers come from.",
		Cite:  sagun2017, URL: url2017, Query: ""},
	{ID: "classes3", Title: "3 classes → 2 outliers",
		Claim: "Change the data, not the network: with three classes the outliers drop to about two. The outliers follow the data; the bulk barely moves.",
		Cite:  sagun2017, URL: url2017, Query: "classes=3"},
	{ID: "narrow", Title: "Narrow net (width 16)",
		Claim: "Fix the data and shrink the network. The bulk near zero widens while the outliers stay where the classes put them; compare it with the wide preset by pinning both.",
		Cite:  sagun2016, URL: url2016, Query: "hidden=16"},
	{ID: "wide", Title: "Wide net (width 256)",
		Claim: "Adding parameters mostly scales the bulk: more eigenvalues sit even closer to zero, the flat directions of an over-parameterised network. The outliers, set by the data, keep their place.",
		Cite:  sagun2016, URL: url2016, Query: "hidden=256"},
	{ID: "init", Title: "Before vs after training",
		Claim: "At initialisation the spectrum has no clear outliers; training grows them as the network learns the classes. The dashed curve is the same network before training.",
		Cite:  sagun2017, URL: url2017, Query: "before=true"},
	{ID: "digits", Title: "MNIST digits",
		Claim: "The same structure on real data: a small ReLU network on 14×14 MNIST digits shows about nine outliers for ten digit classes. The bulk holds almost all of the network's parameters.",
		Cite:  sagun2017, URL: url2017, Query: "data=digits&pixels=14&samples=2000&test=1000&hidden=32&activation=relu&epochs=60&lr=0.1&batch=100&momentum=0.9"},
	{ID: "ggn", Title: "Gauss-Newton vs Hessian",
		Claim: "The Gauss-Newton matrix keeps the outliers but has no negative eigenvalues: the outliers come from the outer-product term, the negative ones from the residual term. Compare with the Hessian's small negative tail.",
		Cite:  sagun2017, URL: url2017, Query: "curvature=ggn"},
}
