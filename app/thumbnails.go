package app

import "github.com/overparam/overparam/compute/experiment"

// Thumbnail is a gallery card's picture: the result of a preset, drawn
// small. tools/mkthumbs runs each Spec natively (the page never runs an
// experiment itself, so app.wasm links no numerics) and writes Draw's SVG
// to web/thumbs/<File>.
type Thumbnail struct {
	// ID is the preset's id, File its thumbnail's name (Preset.Thumbnail).
	ID, File string
	// Spec is the preset's spec: an experiment.Spectrum, experiment.Paths
	// or experiment.DoubleDescent.
	Spec any
	// Draw draws the result of running Spec (a *experiment.SpectrumResult,
	// *experiment.PathsResult or *experiment.DDResult) as SVG.
	Draw func(result any) string
}

// Thumbnails lists the gallery's thumbnails, one per preset.
func Thumbnails() []Thumbnail {
	var t []Thumbnail
	for _, p := range spectrumPresets {
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Spec: spectrumDef.presetSpec(p), Draw: func(res any) string {
			return spectrumThumbnail(res.(*experiment.SpectrumResult))
		}})
	}
	for _, p := range ddPresets {
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Spec: ddDef.presetSpec(p), Draw: func(res any) string {
			c := ddPlot(res.(*experiment.DDResult), true)
			c.Title, c.Legend, c.Width, c.Height = "", false, thumbnailWidth, thumbnailHeight
			return c.SVG()
		}})
	}
	for _, p := range pathsPresets {
		id := p.ID
		spec := pathsDef.presetSpec(p)
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Spec: spec, Draw: func(r any) string {
			res := r.(*experiment.PathsResult)
			// The width sweep's preset shows its barriers; the others their pair.
			var bezier *experiment.Path
			if len(res.Paths) > 1 && res.Paths[1].Name == experiment.BezierName {
				bezier = &res.Paths[1]
			}
			c := pairPlot(&res.Paths[0], bezier, spec, Done)
			if id == "paths-wide" {
				c = barrierPlot(res, nil, spec)
			}
			c.Title, c.Legend, c.Width, c.Height = "", false, thumbnailWidth, thumbnailHeight
			return c.SVG()
		}})
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
