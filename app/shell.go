package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// shell wraps a page in the site's header, main area and footer; current
// is the page's path, marked in the navigation.
func shell(current string, body ...app.UI) app.UI {
	experiments := pageExperiments()
	navLink := func(path, text string) app.UI {
		a := app.A().Href(link(path)).Text(text)
		if path == current {
			a = a.Class("current").Aria("current", "page")
		}
		return a
	}
	return app.Div().Body(
		app.Header().Class("top").Body(
			app.A().Class("brand").Href(link(PathHome)).Body(
				app.Img().Src(app.Getenv("GOAPP_STATIC_RESOURCES_URL")+"/icon.svg").Alt(""),
				app.Text("Overparam"),
			),
			app.Nav().Aria("label", "pages").Body(
				navLink(PathHome, "Home"),
				app.Range(experiments).Slice(func(i int) app.UI { return navLink(experiments[i].Page(), experiments[i].Title) }),
			),
		),
		app.Main().Body(body...),
		app.Footer().Body(
			app.Text("Overparam runs every experiment in your browser, in Web Workers; nothing is sent anywhere. The same numbers come from the command line: "),
			app.Code().Text("overparam run -link URL"),
			app.Text("."),
		),
	)
}
