package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// The parts every experiment page renders the same way.

// header is the page title, its lede, the presets and the current
// preset's claim with its citation, and between them the run status with
// the refusal, the link's corrections and the estimate (runStatus).
func (c *pageBase) header(title, lede string) app.UI {
	var current *preset
	for i := range c.page.presets {
		if c.page.presets[i].ID == c.preset {
			current = &c.page.presets[i]
		}
	}
	return app.Div().Body(
		app.H1().Text(title),
		app.P().Class("lede").Text(lede),
		// The run's state, refusals and the link's corrections come first
		// after the title, above the presets and the layout's columns, so
		// they are in view as a link opens, on a phone as on a laptop.
		app.If(c.jobsNote != "", func() app.UI { return app.Div().Class("error").Text(c.jobsNote) }),
		runStatus(c.state, c.notes()),
		app.Nav().Class("presets").Aria("label", "presets").Body(
			app.Range(c.page.presets).Slice(func(i int) app.UI {
				pr := c.page.presets[i]
				b := app.Button().ID("preset-" + pr.ID).Text(pr.Title).OnClick(func(ctx app.Context, e app.Event) { c.applyPreset(ctx, pr) })
				if pr.ID == c.preset {
					b = b.Class("primary").Aria("pressed", true)
				}
				return b
			}),
		),
		app.If(current != nil, func() app.UI {
			return app.P().Class("preset-info").Body(
				app.Text(current.Claim+" "),
				app.Cite().Body(app.A().Href(current.URL).Attr("rel", "noopener").Text(current.Cite)),
			)
		}),
	)
}

// controlsPanel is the controls, grouped, with corrections, validation,
// the run buttons and the copied link.
func (c *pageBase) controlsPanel() app.UI {
	byKey := map[string]experiment.Param{}
	for _, p := range experiment.Params(c.spec) {
		byKey[p.Key] = p
	}
	// Parameters no group names go last, so a new spec key is never hidden.
	groups := c.page.groups
	grouped := map[string]bool{}
	for _, g := range groups {
		for _, k := range g.Keys {
			grouped[k] = true
		}
	}
	var rest []string
	for _, p := range experiment.Params(c.spec) {
		if !grouped[p.Key] {
			rest = append(rest, p.Key)
		}
	}
	if len(rest) > 0 {
		groups = append(groups[:len(groups):len(groups)], fieldGroup{"More", rest})
	}
	return app.Aside().Class("controls panel").Aria("label", "controls").OnKeyDown(c.onControlsKey).Body(
		c.runButtons(),
		app.If(len(c.corrects) > 0, func() app.UI {
			return app.Div().Class("notices").Role("status").Body(app.Range(c.corrects).Map(func(k string) app.UI { return app.Div().Text(c.corrects[k]) }))
		}),
		app.If(c.copied != "", func() app.UI {
			return app.Div().Body(
				app.Label().For("link-box").Class("unit").Text("Link copied (or copy it from here):"),
				app.Input().ID("link-box").Class("linkbox").ReadOnly(true).Value(c.copied),
			)
		}),
		// On a phone the controls start folded under their Run bar, so the
		// results follow at once; a tap on "Controls" opens them.
		app.Details().ID("controls-body").Class("controls-body").Open(!c.controlsShut).Body(
			app.Summary().Text("Controls"),
			app.Range(groups).Slice(func(i int) app.UI {
				g := groups[i]
				var fields []app.UI
				for _, k := range g.Keys {
					if _, known := byKey[k]; known && (c.page.relevant == nil || c.page.relevant(c.spec, k)) {
						fields = append(fields, field(c.spec, byKey[k], c.page.fields[k], c.onChange))
					}
				}
				if len(fields) == 0 {
					// A group with nothing relevant is left out, as a hidden
					// placeholder rather than nil: the groups keep their
					// positions, so go-app never reuses one group's inputs for
					// another's (a number input turned into a text input can
					// lose the value set before its new type).
					return app.Div().Hidden(true)
				}
				return app.Details().Class("group").Open(true).Body(app.Summary().Text(g.Legend), app.Range(fields).Slice(func(i int) app.UI { return fields[i] }))
			}),
		),
	)
}

// onControlsKey runs the controls when Enter is pressed in a text or
// number field, after applying that field's value (the change event may
// not have fired yet).
func (c *pageBase) onControlsKey(ctx app.Context, e app.Event) {
	el := e.Get("target")
	if e.Get("key").String() != "Enter" || el.Get("tagName").String() != "INPUT" {
		ctx.PreventUpdate()
		return
	}
	switch el.Get("type").String() {
	case "text", "number":
	default:
		ctx.PreventUpdate()
		return
	}
	if key := el.Get("dataset").Get("key").String(); key != "" {
		c.onChange(key, el.Get("value").String())
	}
	e.PreventDefault()
	if c.invalid == "" {
		c.start(ctx)
	}
}

// runButtons are Run (disabled while the controls are invalid), Cancel
// (enabled while running) and Copy link.
func (c *pageBase) runButtons() app.UI {
	return app.Div().Class("buttons run-bar").Body(
		app.Button().ID("run").Class("primary").Disabled(c.invalid != "").Text("Run").OnClick(func(ctx app.Context, e app.Event) { c.start(ctx) }),
		app.Button().ID("cancel").Disabled(c.state.Status != Running).Text("Cancel").OnClick(func(ctx app.Context, e app.Event) { c.stop() }),
		app.Button().ID("copy-link").Text("Copy link").OnClick(c.copyLink),
	)
}

// exportPanel offers the result as JSON (with its spec) and as the page's
// long-format CSV table, plus any extra buttons. The handlers read the
// state when clicked (see chartPanel's handlers for why).
func (c *pageBase) exportPanel(extra ...app.UI) app.UI {
	done := c.state.ResultJSON != ""
	return app.Section().Class("panel").Body(
		app.H2().Text("Result"),
		app.Div().Class("buttons").Body(
			app.Button().ID("export-json").Disabled(!done).Text("Download JSON (with spec)").OnClick(c.saveJSON),
			app.Button().ID("export-csv").Disabled(!done).Text("Download CSV").OnClick(c.saveCSV),
			app.Range(extra).Slice(func(i int) app.UI { return extra[i] }),
		),
	)
}

// exportName is the result files' name without the extension.
func (c *pageBase) exportName() string { return "overparam-" + c.page.name }

func (c *pageBase) saveJSON(ctx app.Context, e app.Event) {
	download(c.exportName()+".json", "application/json", c.state.ResultJSON)
}

func (c *pageBase) saveCSV(ctx app.Context, e app.Event) {
	download(c.exportName()+".csv", "text/csv", c.resultCSV())
}

// resultCSV is the current result as the page's long-format CSV table
// (only the header before a run finishes).
func (c *pageBase) resultCSV() string { return c.page.csv(c.state.Result) }

// layout places the controls beside the results.
func (c *pageBase) layout(results ...app.UI) app.UI {
	return app.Div().Class("layout").Body(
		c.controlsPanel(),
		app.Div().Class("results").Body(
			app.Range(results).Slice(func(i int) app.UI { return results[i] }),
		),
	)
}
