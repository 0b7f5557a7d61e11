package experiment

import (
	"strconv"
	"testing"
)

// Truth: NewPreset's doc — the link is the whole spec (every key, defaults
// included) with extra's keys applied, and the other fields pass through.
func TestNewPresetLinksTheWholeSpecWithExtraApplied(t *testing.T) {
	s := trivial{N: 1}
	p := NewPreset(&s, "trivial-seven", "Seven", "Seven is seven.", "none", "https://example.org", "n=7")
	if want := "v=" + strconv.Itoa(SchemaVersion) + "&n=7"; p.Query != want || s.N != 7 {
		t.Errorf("NewPreset(n=7).Query = %q (spec %+v); want %q", p.Query, s, want)
	}
	if p.ID != "trivial-seven" || p.Title != "Seven" || p.Claim != "Seven is seven." || p.Cite != "none" || p.URL != "https://example.org" {
		t.Errorf("NewPreset changed the text fields: %+v", p)
	}
	d := trivial{N: 3}
	if p := NewPreset(&d, "d", "", "", "", "", ""); p.Query != Query(&trivial{N: 3}) {
		t.Errorf("NewPreset with no extra = %q; want the defaults' query %q", p.Query, Query(&trivial{N: 3}))
	}
}
