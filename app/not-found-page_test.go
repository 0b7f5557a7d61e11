package app

import (
	"strings"
	"testing"
)

// TestNotFoundPageLinksHome: the page shown at an unknown address links to
// the home page. Truth: PathHome in app/routes.go.
func TestNotFoundPageLinksHome(t *testing.T) {
	got := html(NewNotFoundPage().Render())
	if !strings.Contains(got, `id="not-found-home"`) || !strings.Contains(got, `href="`+link(PathHome)+`"`) {
		t.Errorf("the not-found page has no link home:\n%s", got)
	}
}
