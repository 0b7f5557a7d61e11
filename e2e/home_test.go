package e2e

import (
	"strings"
	"testing"
)

// TestHomePage: the home page introduces the site with a heading and a
// gallery of preset cards, and a card opens the spectrum page and runs its
// preset. Truth: app/home-page.go renders an h1 and one a.card per
// spectrum preset, each linking to /spectrum?…; the spectrum page starts a
// run on navigation when the link is valid (OnNav in app/spectrum-page.go).
func TestHomePage(t *testing.T) {
	tt := newTab(t)
	defer tt.checkClean(t)
	tt.open("/")

	h1 := eval[string](tt, `document.querySelector('h1')?.textContent ?? ''`)
	if strings.TrimSpace(h1) == "" {
		t.Fatalf("the home page has no h1 text")
	}
	cards := eval[int](tt, `document.querySelectorAll('.card').length`)
	if cards < 1 {
		t.Fatalf("the home page has %d .card links, want at least 1", cards)
	}
	href := eval[string](tt, `document.querySelector('.card').getAttribute('href')`)
	if !strings.HasPrefix(href, "/spectrum?") {
		t.Errorf("the first card links to %q, want /spectrum?…", href)
	}
	t.Logf("h1 %q, %d cards, first card %s", h1, cards, href)

	tt.click(".card")
	tt.waitFor("the spectrum page", `location.pathname === '/spectrum' && document.querySelector('#run-status') !== null`, pageLoadTimeout)
	tt.waitFor("a run to start", `['running','done'].includes(document.querySelector('#run-status')?.dataset.status)`, pageLoadTimeout)
	if got, want := eval[string](tt, `location.pathname + location.search`), href; got != want {
		t.Errorf("after the click the address is %q, want the card's link %q", got, want)
	}
	tt.waitStatus("done", runTimeout)
}
