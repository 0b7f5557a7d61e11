package app

import "github.com/overparam/overparam/compute/experiment"

// Thumbnail is a gallery card's picture: the result of a preset's spec,
// drawn small. tools/mkthumbs renders them natively into web/thumbs/.
type Thumbnail struct {
	ID   string
	Spec experiment.Spectrum
}

// Thumbnails lists the gallery's thumbnails, one per spectrum preset.
func Thumbnails() []Thumbnail {
	var t []Thumbnail
	for _, p := range spectrumPresets {
		t = append(t, Thumbnail{ID: p.ID, Spec: presetSpec(p)})
	}
	return t
}

// ThumbnailSVG draws res as a gallery thumbnail: the density on a log
// scale with its outliers, 480×270, without a legend.
func ThumbnailSVG(res *experiment.SpectrumResult) string {
	p := densityPlot(res, densityView{Histogram: true, LogY: true, Initial: true}, nil)
	p.Title, p.Legend, p.Width, p.Height = "", false, 480, 270
	p.Y.Label = "density"
	p.X.Label = "eigenvalue λ"
	return p.SVG()
}
