//go:build !overparam_worker

package representations

import "github.com/overparam/overparam/compute/experiment"

// Papers the presets cite.
const (
	raghu    = "Raghu, Gilmer, Yosinski & Sohl-Dickstein 2017, SVCCA: Singular Vector Canonical Correlation Analysis for Deep Learning Dynamics and Interpretability"
	raghuURL = "https://arxiv.org/abs/1706.05806"
	liu      = "Liu, Lin, Liu, Liu, Yu, Wen & Song 2018, Learning towards Minimum Hyperspherical Energy"
	liuURL   = "https://arxiv.org/abs/1805.09298"
	trinh    = "Trinh, Heinonen, Acerbi & Kaski 2024, Input-gradient space particle inference for neural network ensembles"
	trinhURL = "https://arxiv.org/abs/2306.02775"
)

// preset builds a preset from the defaults of the model extra names and
// the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := DefaultForQuery(extra)
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
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
		preset("representations-mhe", "MHE: twelve units approach the icosahedron",
			"Penalise the hyperspherical energy of a layer's normalised units and they spread out: the energy falls steadily with λ, the smallest angle between two units opens, and with a large λ the twelve units of a network on planar data (weights and bias: points on the sphere S²) settle near the Thomson configuration, the icosahedron, energy 49.165.",
			liu, liuURL, "model=mhe"),
		preset("representations-mhe-halfspace", "MHE: the half-space variant",
			"Plain MHE is content with a unit and its negative, which sit far apart on the sphere yet compute the same feature up to sign. Half-space MHE spreads the 2N points ±ŵ instead: as λ grows the share of unit pairs with |cos| > 0.9 falls to none.",
			liu, liuURL, "model=mhe&halfspace=true&lambda=0.01&lambdas=4&lr=0.02&steps=3000"),
		preset("representations-mhe-log", "MHE: the logarithmic energy",
			"With s = 0 the energy is −Σ log‖ŵᵢ − ŵⱼ‖, the softest of the family, yet the λ sweep tells the same story: more penalty, lower energy, wider angles.",
			liu, liuURL, "model=mhe&power=0"),
		preset("representations-forde", "FoRDE: members that differ where it matters",
			"Four networks trained as a deep ensemble end up with nearly parallel input gradients: they explain the data the same way. FoRDE adds a repulsion between the members' normalised input gradients, and at the same accuracy their gradients turn apart, so the ensemble disagrees more away from the data.",
			trinh, trinhURL, "model=forde"),
		preset("representations-forde-strong", "FoRDE: a stronger repulsion",
			"Triple the repulsion and the members' input gradients become nearly orthogonal on average, still without losing accuracy on the blobs: the diversity lives in how each member reads the input, not in its predictions on the data.",
			trinh, trinhURL, "model=forde&repulsion=0.1"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: Name, Order: 8, Title: "Representations",
		Synopsis: "inside networks: SVCCA through training, hyperspherical energy, FoRDE ensembles (-model svcca|mhe|forde)",
		Gallery:  "Representations (Raghu et al. 2017; Liu et al. 2018; Trinh et al. 2024)",
		Lede:     "Look inside networks: watch the lower layers settle first (SVCCA), spread a layer's units over the sphere (minimum hyperspherical energy), and make ensemble members differ in input-gradient space (FoRDE).",
		Defaults: func(q string) any { s := DefaultForQuery(q); return &s },
		Presets:  Presets,
	})
}
