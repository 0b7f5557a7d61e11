package app

import "github.com/overparam/overparam/compute/experiment"

// Thumbnail is a gallery card's picture: the result of a preset, drawn
// small. tools/mkthumbs runs each natively into web/thumbs/<File>.
type Thumbnail struct {
	// ID is the preset's id, File its thumbnail's name (Preset.Thumbnail).
	ID, File string
	// Render runs the preset and draws its result as SVG.
	Render func(a experiment.Assets) (string, error)
}

// Thumbnails lists the gallery's thumbnails, one per preset.
func Thumbnails() []Thumbnail {
	var t []Thumbnail
	for _, p := range spectrumPresets {
		spec := spectrumDef.presetSpec(p)
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Render: func(a experiment.Assets) (string, error) {
			res, err := experiment.RunSpectrum(spec, a, nil)
			if err != nil {
				return "", err
			}
			return spectrumThumbnail(res), nil
		}})
	}
	for _, p := range ddPresets {
		spec := ddDef.presetSpec(p)
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Render: func(a experiment.Assets) (string, error) {
			res, err := experiment.RunDoubleDescent(spec, a, nil)
			if err != nil {
				return "", err
			}
			c := ddPlot(res, true)
			c.Title, c.Legend, c.Width, c.Height = "", false, thumbnailWidth, thumbnailHeight
			return c.SVG(), nil
		}})
	}
	for _, p := range pathsPresets {
		id := p.ID
		spec := pathsDef.presetSpec(p)
		t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Render: func(a experiment.Assets) (string, error) {
			res, err := experiment.RunPaths(spec, a, nil)
			if err != nil {
				return "", err
			}
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
			return c.SVG(), nil
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
