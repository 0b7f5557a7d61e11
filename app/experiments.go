package app

import (
	"encoding/json"
	"fmt"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// experimentUI is one experiment's page as the app lists it: its
// component, the links of its presets, and the thumbnails of its gallery
// cards. Each page's file registers its own (registerPage) under the
// experiment's name; the routes, the navigation, the gallery and the
// thumbnails read them in the registry's order (experiment.Experiments).
type experimentUI struct {
	newPage    func() app.Composer
	presets    []preset
	presetLink func(preset) string
	thumbnails func() []Thumbnail
}

var experimentUIs = map[string]experimentUI{}

// registerPage registers the page of experiment name: newPage builds its
// component, def gives its presets and their links, and draw draws a
// preset's result (the result of the preset's spec, as a worker sends it)
// as a thumbnail's SVG.
func registerPage[S, R any](name string, def *experimentPage[S], newPage func() app.Composer, draw func(p preset, spec S, result *R) string) {
	experimentUIs[name] = experimentUI{
		newPage:    newPage,
		presets:    def.presets,
		presetLink: func(p preset) string { return presetLinkOf(def, p) },
		thumbnails: func() []Thumbnail {
			var t []Thumbnail
			for _, p := range def.presets {
				spec := def.presetSpec(p)
				t = append(t, Thumbnail{ID: p.ID, File: p.Thumbnail(), Experiment: name, Spec: spec, Draw: func(result []byte) (string, error) {
					var r R
					if err := json.Unmarshal(result, &r); err != nil {
						return "", fmt.Errorf("thumbnail %s: reading the result: %w", p.ID, err)
					}
					return draw(p, spec, &r), nil
				}})
			}
			return t
		},
	}
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
	var es []pageExperiment
	for _, e := range experiment.Experiments() {
		ui, ok := experimentUIs[e.Name]
		if !ok {
			panic("app: experiment " + e.Name + " registers no page (registerPage)")
		}
		es = append(es, pageExperiment{e, ui})
	}
	return es
}
