//go:build !overparam_worker

package representations

import "github.com/overparam/overparam/compute/experiment"

// Papers the presets cite.
const (
	raghu    = "Raghu, Gilmer, Yosinski & Sohl-Dickstein 2017, SVCCA: Singular Vector Canonical Correlation Analysis for Deep Learning Dynamics and Interpretability"
	raghuURL = "https://arxiv.org/abs/1706.05806"
)

// preset builds a preset from Default and the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := Default()
	experiment.ParseQuery(extra, &s)
	return experiment.Preset{ID: id, Title: title, Claim: claim, Cite: cite, URL: url, Query: experiment.Query(&s)}
}

// Presets returns the presets of the representations experiment, the one
// list the page, the gallery, the thumbnails and the CLI's -preset read;
// the first is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("representations-svcca", "SVCCA: networks converge bottom up",
			"Snapshot a deep ReLU network's hidden layers while it trains and compare each with its own final representation by SVCCA: the first layer settles early, each deeper layer later. Layers also need far fewer SVD directions than they have neurons.",
			raghu, raghuURL, ""),
		preset("representations-svcca-wide", "SVCCA: six wider layers",
			"With six hidden layers of 48 units the ordering holds layer by layer: the mean distance of each layer from its final self grows with depth, so lower layers could be frozen early (the paper's freeze training).",
			raghu, raghuURL, "width=48&layers=6&seeds=2"),
		preset("representations-svcca-digits", "SVCCA on MNIST digits",
			"On real data the trend holds but is noisier: in a five-layer ReLU network on 14×14 digits the first layer still settles first and the top layers last, while neighbouring middle layers can tie.",
			raghu, raghuURL, "data=digits&samples=4000&seeds=2"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: Name, Order: 8, Title: "Representations",
		Synopsis: "SVCCA of each layer to its final self during training (networks converge bottom up)",
		Gallery:  "Representations (Raghu et al. 2017)",
		Lede:     "Look inside a network as it trains: compare each layer's representation with its final one by SVCCA, and watch the lower layers settle first.",
		Defaults: func(string) any { s := Default(); return &s },
		Presets:  Presets,
	})
}
