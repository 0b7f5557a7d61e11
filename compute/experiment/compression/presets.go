//go:build !overparam_worker

package compression

import "github.com/overparam/overparam/compute/experiment"

// Papers the presets cite.
const (
	zhangZhouSaab = "Zhang, Zhou & Saab 2023, Post-training Quantization for Neural Networks with Provable Guarantees"
	zhangURL      = "https://arxiv.org/abs/2201.11113"
	lybrandSaab   = "Lybrand & Saab 2021, A Greedy Algorithm for Quantizing Neural Networks"
	lybrandURL    = "https://jmlr.org/papers/v22/20-1233.html"
	huang         = "Huang, Lei, Xu, Peng, Sun, Xie & Ding 2023, Dynamic Sparse Training via Balancing the Exploration-Exploitation Trade-off"
	huangURL      = "https://arxiv.org/abs/2211.16667"
	evci          = "Evci, Gale, Menick, Castro & Elsen 2020, Rigging the Lottery: Making All Tickets Winners"
	evciURL       = "https://arxiv.org/abs/1911.11134"
)

// preset builds a preset from the defaults of the model extra names and
// the keys extra changes.
func preset(id, title, claim, cite, url, extra string) experiment.Preset {
	s := DefaultForQuery(extra)
	return experiment.NewPreset(&s, id, title, claim, cite, url, extra)
}

// Presets returns the presets of the compression experiment, the one list
// the page, the gallery, the thumbnails and the CLI's -preset read; the
// first is the page's default.
func Presets() []experiment.Preset {
	return []experiment.Preset{
		preset("compression-gpfq", "Wider networks quantize better",
			"GPFQ quantizes a layer neuron by neuron, choosing each weight's level so that the layer's output on the data stays close to the float one. Its relative error falls like m·log N₀/N₀ as the layer widens, while rounding each weight on its own stays flat; trained on digits, wider networks lose less accuracy when quantized.",
			zhangZhouSaab, zhangURL, ""),
		preset("compression-ternary", "Ternary weights: the law up to N₀ = 16384",
			"With only three levels {−δ, 0, δ} per weight, GPFQ's error on Gaussian data keeps falling as N₀ grows: a log-log slope near −1, against rounding's flat error.",
			lybrandSaab, lybrandURL, "bits=1&n0s=16,64,256,1024,4096,16384&trials=5&widths=32,128&seeds=1"),
		preset("compression-bits", "Bits against width on digits",
			"The price of few bits shrinks with width: at 2, 3 and 4 bits per weight, GPFQ's networks approach the float network's test accuracy as the hidden layer widens, and stay ahead of rounding at every width.",
			zhangZhouSaab, zhangURL, "bits=2,3,4&widths=16,32,64,128,256,512&n0s=64,1024&trials=5"),
		preset("compression-sparse", "Sparse training at 10% density: SET, RigL, exploration",
			"A network with 90% of its weights pinned at zero trains well if it keeps moving its few nonzeros: every 100 steps it drops the smallest and regrows others, at random (SET), by gradient (RigL), or by gradient plus a bonus for weights rarely active (DST-EE). The bonus raises the coverage, the fraction of weights ever tried, at little cost in accuracy.",
			huang, huangURL, "model=sparse"),
		preset("compression-sparse98", "98% sparse: exploration against exploitation",
			"At 2% density each update moves few weights, so which ones matters more: RigL exploits the gradient and revisits the same weights, while a larger exploration coefficient c spreads growth over never-tried weights. Accuracy against coverage over the c sweep shows the trade-off.",
			evci, evciURL, "model=sparse&density=0.02&steps=1500&logc=-4,-3,-2,-1"),
	}
}

func init() {
	experiment.Register(experiment.Experiment{
		Name: "compression", Order: 7, Title: "Compression",
		Synopsis: "print GPFQ quantization errors against N₀ and quantized-network accuracies against width",
		Gallery:  "Compression: wide networks quantize better (Lybrand & Saab 2021; Zhang, Zhou & Saab 2023)",
		Lede:     "Quantize trained weights to a few levels with GPFQ's greedy path-following rule: the wider the layer, the smaller the error it makes.",
		Defaults: func(query string) any { s := DefaultForQuery(query); return &s },
		Presets:  Presets,
	})
}
