package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// homePage introduces Overparam and lists the experiments as a gallery of
// one-click presets.
type homePage struct{ app.Compo }

// gallerySection is one experiment's row of preset cards.
type gallerySection struct {
	Title, Lede string
	Presets     []preset
	Link        func(preset) string
}

// gallery lists the experiments, in the order the home page shows them
// (the registry's, experiment.Experiments).
func gallery() []gallerySection {
	var secs []gallerySection
	for _, e := range pageExperiments() {
		secs = append(secs, gallerySection{Title: e.Gallery, Lede: e.Lede, Presets: e.presets, Link: e.presetLink})
	}
	return secs
}

func (h *homePage) Render() app.UI {
	static := app.Getenv("GOAPP_STATIC_RESOURCES_URL")
	sections := gallery()
	return shell(PathHome,
		app.Section().Class("hero").Body(
			app.Div().Body(
				app.H1().Text("See what over-parameterisation does to the loss landscape"),
				app.P().Text("Modern networks have far more parameters than training points, and still train easily and generalise. "+
					"Overparam lets you watch why, live, in your browser: train a small network, then compute the exact Hessian spectrum of its loss "+
					"with Lanczos and Hessian-vector products. Most directions are flat — a bulk of eigenvalues near zero — and a few sharp outliers track the classes in the data."),
				app.P().Text("Then follow the loss along paths between solutions — no barrier between small- and large-batch minima, and a dropout-stable path between any two wide networks — "+
					"and sweep a model's size through double descent, with the theory overlaid. Every run is reproducible from its link, and every figure exports as SVG, PNG, CSV or JSON."),
				app.Div().Class("buttons").Body(
					app.A().Class("button primary").Href(sections[0].Link(sections[0].Presets[0])).Text("Run the Hessian spectrum"),
				),
			),
			app.Img().Src(static+"/thumbs/"+sections[0].Presets[0].Thumbnail()).Alt("Hessian eigenvalue density of a trained network: a bulk near zero and nine outliers").Style("width", "100%"),
		),
		app.Range(sections).Slice(func(i int) app.UI {
			sec := sections[i]
			return app.Section().Body(
				app.H2().Text(sec.Title),
				app.P().Class("lede").Text(sec.Lede+" Each card is a one-click preset; its picture is the result it computes."),
				app.Div().Class("gallery").Body(
					app.Range(sec.Presets).Slice(func(j int) app.UI {
						p := sec.Presets[j]
						return app.A().Class("card").Href(sec.Link(p)).Body(
							app.Div().Class("thumb").Body(
								app.Img().Src(static+"/thumbs/"+p.Thumbnail()).Alt("").Style("width", "100%").Style("height", "100%"),
							),
							app.H3().Text(p.Title),
							app.P().Text(p.Claim),
							app.Span().Class("go").Text("Run it →"),
						)
					}),
				),
			)
		}),
	)
}
