package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// notFoundPage is what the app shows at an address that is no page: the
// site's header and a link home. Register routes every path that is no
// page to it; the server (internal/site) answers those with status 404.
type notFoundPage struct{ app.Compo }

// NewNotFoundPage returns the not-found page.
func NewNotFoundPage() app.Composer { return &notFoundPage{} }

func (p *notFoundPage) Render() app.UI {
	return shell("", app.Section().ID("not-found").Body(
		app.H1().Text("No page here"),
		app.P().Text("There is no page at this address: the link may be mistyped or out of date."),
		app.P().Body(app.A().ID("not-found-home").Href(link(PathHome)).Text("Go to the home page and its presets")),
	))
}
