package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// shell wraps a page in the site's header, main area and footer; current
// is the page's path, marked in the navigation.
func shell(current string, body ...app.UI) app.UI {
	navLink := func(path, text string) app.UI {
		a := app.A().Href(link(path)).Text(text)
		if path == current {
			a = a.Class("current").Aria("current", "page")
		}
		return a
	}
	nav := []app.UI{navLink(PathHome, "Home")}
	for _, e := range experiment.Experiments() {
		nav = append(nav, navLink(e.Page(), e.Title))
	}
	return app.Div().Body(
		app.Header().Class("top").Body(
			app.A().Class("brand").Href(link(PathHome)).Body(
				app.Img().Src(app.Getenv("GOAPP_STATIC_RESOURCES_URL")+"/icon.svg").Alt(""),
				app.Text("Overparam"),
			),
			app.Nav().Aria("label", "pages").Body(nav...),
		),
		app.Main().Body(body...),
		app.Footer().Body(
			app.Text("Overparam runs every experiment in your browser, in Web Workers; nothing is sent anywhere. The same numbers come from the command line: "),
			app.Code().Text("overparam run -link URL"),
			app.Text("."),
		),
	)
}
