package app

import (
	"strings"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// PathHome is the home page's path. Every page is also a static file of
// the generated site.
const PathHome = "/"

// Pages lists the paths of every page, for the static site generator: the
// home page, then every registered experiment's.
func Pages() []string {
	pages := []string{PathHome}
	for _, e := range pageExperiments() {
		pages = append(pages, e.Page())
	}
	return pages
}

// Register routes the page paths to their components. The UI's wasm main
// and the server both call it, so the server pre-renders the same pages.
func Register() {
	app.Route(PathHome, func() app.Composer { return &homePage{} })
	for _, e := range pageExperiments() {
		app.Route(e.Page(), e.newPage)
	}
	// Any other path shows the not-found page, on the server (which
	// answers it with status 404) and in the browser: go-app v10.1.11
	// ignores app.NotFound (its engine.go loads &notFound{}).
	notFoundOnce.Do(func() { app.RouteWithRegexp("^/", NewNotFoundPage) })
}

var notFoundOnce sync.Once

// link returns the URL of a page path under the site's root prefix, so
// links work when the site lives under a sub-path (GitHub Pages).
func link(path string) string {
	return strings.TrimRight(app.Getenv("GOAPP_ROOT_PREFIX"), "/") + path
}
