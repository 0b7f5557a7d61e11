//go:build !js

package app

import (
	"encoding/json"
	"fmt"
)

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
		t = append(t, thumbnailsOf[e.Name]()...)
	}
	return t
}

// thumbnailsOf maps an experiment's name to its presets' thumbnails.
var thumbnailsOf = map[string]func() []Thumbnail{}

// registerThumbnails registers the thumbnails of experiment name, one per
// preset of def: draw draws a preset's result (the result of its spec, as
// a worker sends it) as SVG. Only native builds keep them (this file);
// in the browser registerThumbnails does nothing (thumbnails_js.go), so
// app.wasm links no thumbnail code.
func registerThumbnails[S, R any](name string, def *experimentPage[S], draw func(p preset, spec S, result *R) string) {
	thumbnailsOf[name] = func() []Thumbnail {
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
	}
}
