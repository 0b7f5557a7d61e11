//go:build !js

package app

import (
	"os"
	"reflect"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
)

func TestDoubleDescentPresetsAreComputesListAndEveryCardHasItsThumbnail(t *testing.T) {
	// Truth: doubledescent.Presets is the one list (the CLI's
	// -preset reads it too); the gallery's pictures are the files
	// tools/mkthumbs writes, web/thumbs/<Preset.Thumbnail()>, one per card.
	if !reflect.DeepEqual(ddDef.presets, doubledescent.Presets()) {
		t.Error("the double-descent page's presets are not experiment.DoubleDescentPresets()")
	}
	thumbs := map[string]string{}
	for _, th := range Thumbnails() {
		thumbs[th.ID] = th.File
	}
	for id, link := range PresetLinks() {
		file, ok := thumbs[id]
		if !ok {
			t.Errorf("preset %s (%s) has no thumbnail", id, link)
			continue
		}
		if _, err := os.Stat("../web/thumbs/" + file); err != nil {
			t.Errorf("preset %s: %v (run make thumbs)", id, err)
		}
	}
	if len(thumbs) != len(PresetLinks()) {
		t.Errorf("%d thumbnails for %d gallery presets", len(thumbs), len(PresetLinks()))
	}
}
