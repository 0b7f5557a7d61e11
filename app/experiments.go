package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// experimentUI is one experiment's page as the app lists it: its
// component and the links of its presets. Each page's file registers its
// own (registerPage) under the experiment's name, with its thumbnails'
// drawing (registerThumbnails); the routes, the navigation, the gallery
// and the thumbnails read them in the registry's order
// (experiment.Experiments).
type experimentUI struct {
	newPage    func() app.Composer
	presets    []preset
	presetLink func(preset) string
}

var experimentUIs = map[string]experimentUI{}

// registerPage registers the page of experiment name: newPage builds its
// component, def gives its presets and their links.
func registerPage[S any](name string, def *experimentPage[S], newPage func() app.Composer) {
	registerPageDef(name, def.erased(), newPage)
}

// registerPageDef is registerPage, compiled once for every page.
func registerPageDef(name string, def *pageDef, newPage func() app.Composer) {
	experimentUIs[name] = experimentUI{newPage: newPage, presets: def.presets, presetLink: def.presetLink}
}

// pageExperiment is a registered experiment with its page.
type pageExperiment struct {
	experiment.Experiment
	experimentUI
}

// pageExperiments lists the registered experiments with their pages, in
// the registry's order. It panics if an experiment has no page: every
// experiment has one.
func pageExperiments() []pageExperiment {
	all := experiment.Experiments()
	es := make([]pageExperiment, len(all))
	for k := range all {
		ui, ok := experimentUIs[all[k].Name]
		if !ok {
			panic("app: experiment " + all[k].Name + " registers no page (registerPage)")
		}
		es[k] = pageExperiment{all[k], ui}
	}
	return es
}
