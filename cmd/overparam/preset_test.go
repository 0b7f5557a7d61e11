package main

import (
	"testing"

	"github.com/overparam/overparam/app"
	"github.com/overparam/overparam/compute/experiment"
)

func TestEveryDoubleDescentPresetOfThePageRunsFromTheCLIWithItsID(t *testing.T) {
	// Truth: the page's own preset links (app.PresetLinks: what a preset
	// button or a gallery card opens), read as `overparam run -link` reads
	// them (splitLink, then the doubledescent page's defaults and
	// ParseQuery, as in linkPages). `doubledescent -preset <id>` must start
	// from the same spec for every preset, and for one preset the two
	// commands' JSON must be the same bytes.
	links := app.PresetLinks()
	for _, p := range experiment.DoubleDescentPresets() {
		link, ok := links[p.ID]
		if !ok {
			t.Errorf("preset %s: the gallery has no link for it", p.ID)
			continue
		}
		cli, err := doubleDescentBase([]string{"-preset", p.ID})
		if err != nil {
			t.Errorf("-preset %s: %v", p.ID, err)
			continue
		}
		page, query, err := splitLink(link)
		if err != nil || page != "doubledescent" {
			t.Errorf("preset %s: link %q is not a double-descent page link (%v)", p.ID, link, err)
			continue
		}
		fromLink := experiment.DefaultDoubleDescentForQuery(query)
		if n := experiment.ParseQuery(query, &fromLink); len(n) != 0 {
			t.Errorf("preset %s: its link needs corrections: %q", p.ID, n)
		}
		if a, b := experiment.Query(&cli), experiment.Query(&fromLink); a != b {
			t.Errorf("preset %s: -preset gives\n%s\nthe page's link\n%s", p.ID, a, b)
		}
	}
	const id = "dd-lstd-ridge" // about a second natively
	a := mustRun(t, "doubledescent", "-preset", id, "-json", "-quiet")
	b := mustRun(t, "run", "-link", "http://localhost:8000"+links[id], "-quiet")
	if a.stdout != b.stdout || a.stdout == "" {
		t.Errorf("-preset %s and run -link %s differ:\n%s\n%s", id, links[id], a.stdout, b.stdout)
	}
}
