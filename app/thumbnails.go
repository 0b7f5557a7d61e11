package app

import "github.com/overparam/overparam/compute/experiment"

// Thumbnail is a gallery card's picture: the result of a preset, drawn
// small. tools/mkthumbs runs each Spec natively as the request kind
// Experiment + ".run" (the page never runs an experiment itself, so
// app.wasm links no numerics) and writes Draw's SVG to web/thumbs/<File>.
type Thumbnail struct {
	// ID is the preset's id, File its thumbnail's name (Preset.Thumbnail).
	ID, File string
	// Experiment is the name of the preset's experiment, Spec its spec.
	Experiment string
	Spec       any
	// Draw draws a run's result, in the JSON a worker sends, as SVG.
	Draw func(result []byte) (string, error)
}

// Thumbnails lists the gallery's thumbnails, one per preset of every
// registered experiment.
func Thumbnails() []Thumbnail {
	var t []Thumbnail
	for _, e := range pageExperiments() {
		t = append(t, e.thumbnails()...)
	}
	return t
}

// thumbnailSize is the size of a thumbnail, 16:9.
const thumbnailWidth, thumbnailHeight = 480, 270

// spectrumThumbnail draws a spectrum result as a thumbnail: the density on
// a log scale with its outliers, without a legend.
func spectrumThumbnail(res *experiment.SpectrumResult) string {
	p := densityPlot(res, densityView{Histogram: true, LogY: true, Initial: true}, nil)
	p.Title, p.Legend, p.Width, p.Height = "", false, thumbnailWidth, thumbnailHeight
	p.Y.Label = "density"
	p.X.Label = "eigenvalue λ"
	return p.SVG()
}
