package app

import (
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/spectrum"
)

// preset is a one-click setting of a page that reproduces a paper's claim
// (experiment.Preset). Each experiment's list lives in compute
// (spectrum.Presets, paths.Presets, doubledescent.Presets), where
// the CLI's doubledescent -preset reads double descent's too.
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

// spectrumPresets are the spectrum page's presets; the first is the default.
var spectrumPresets = spectrum.Presets()
