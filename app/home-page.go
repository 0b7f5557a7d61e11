package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// homePage introduces Overparam and lists the experiments as a gallery of
// one-click presets.
type homePage struct{ app.Compo }

// presetLink is the page link that runs preset p.
func presetLink(path string, p preset) string {
	s := presetSpec(p)
	return link(path) + "?" + experiment.Query(&s)
}

func (h *homePage) Render() app.UI {
	static := app.Getenv("GOAPP_STATIC_RESOURCES_URL")
	return shell(PathHome,
		app.Section().Class("hero").Body(
			app.Div().Body(
				app.H1().Text("See what over-parameterisation does to the loss landscape"),
				app.P().Text("Modern networks have far more parameters than training points, and still train easily and generalise. "+
					"Overparam lets you watch why, live, in your browser: train a small network, then compute the exact Hessian spectrum of its loss "+
					"with Lanczos and Hessian-vector products. Most directions are flat — a bulk of eigenvalues near zero — and a few sharp outliers track the classes in the data."),
				app.P().Text("Every run is reproducible from its link, and every figure exports as SVG, PNG, CSV or JSON."),
				app.Div().Class("buttons").Body(
					app.A().Class("button primary").Href(presetLink(PathSpectrum, spectrumPresets[0])).Text("Run the Hessian spectrum"),
				),
			),
			app.Img().Src(static+"/thumbs/classes10.svg").Alt("Hessian eigenvalue density of a trained network: a bulk near zero and nine outliers").Style("width", "100%"),
		),
		app.H2().Text("Hessian spectrum: bulk and outliers (Sagun et al. 2016, 2017)"),
		app.P().Class("lede").Text("Each card is a one-click preset; its picture is the result it computes."),
		app.Div().Class("gallery").Body(
			app.Range(spectrumPresets).Slice(func(i int) app.UI {
				p := spectrumPresets[i]
				return app.A().Class("card").Href(presetLink(PathSpectrum, p)).Body(
					app.Div().Class("thumb").Body(
						app.Img().Src(static+"/thumbs/"+p.ID+".svg").Alt("").Style("width", "100%").Style("height", "100%"),
					),
					app.H3().Text(p.Title),
					app.P().Text(p.Claim),
					app.Span().Class("go").Text("Run it →"),
				)
			}),
		),
	)
}
