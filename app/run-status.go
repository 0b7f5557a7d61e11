package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// statusNotes is what the status panel says beside the run's state, at
// the top of the results where a person looks first (on a phone too): why
// the controls cannot run, what reading the link corrected, the estimate
// of the run, and whether a link waits for a click on Run because its
// estimate is above experiment.AutoRunSeconds.
type statusNotes struct {
	Refusal  string   // Validate's message; empty when the controls can run
	Notices  []string // the link's corrections
	Estimate string   // experiment.Cost.Text of the controls' run
	Awaiting bool
	// OnRun starts the run; while Awaiting, the panel offers it as a
	// button beside the estimate (the controls' Run may be out of view).
	OnRun app.EventHandler
}

// runStatus renders a run's state: a badge (idle, running, failed, done,
// canceled), the phase with a progress bar, elapsed time and ETA, the
// message of a failed run, and the notes: a refusal (#invalid), the link's
// corrections (#notices) and, while idle, the run's estimate (#estimate).
func runStatus(s RunState, n statusNotes) app.UI {
	line := ""
	switch s.Status {
	case Idle:
		line = "Set the controls and press Run."
		switch {
		case n.Refusal != "":
			line = "These settings cannot run:"
		case n.Awaiting:
			line = "This link asks for a long run; press Run to start it."
		}
	case Running:
		line = fmt.Sprintf("%s: %d of %d · %s elapsed", s.Phase, s.Done, s.Total, seconds(s.Elapsed))
		if s.Total == 0 {
			line = fmt.Sprintf("%s the workers · %s elapsed", s.Phase, seconds(s.Elapsed))
		}
		if s.EtaMs >= 0 {
			line += " · about " + seconds(time.Duration(s.EtaMs)*time.Millisecond) + " left"
		}
	case Done:
		line = "finished in " + seconds(s.Elapsed)
	case Canceled:
		line = "Canceled. Press Run to start again."
	case Failed:
		line = "The run stopped."
	}
	return app.Section().Class("panel status").ID("run-status").Aria("live", "polite").
		DataSet("status", s.Status.String()).DataSet("run", s.Run).DataSet("awaiting", yesNo(n.Awaiting)).Body(
		app.Div().Class("status-line").Body(
			app.Span().Class("badge "+s.Status.String()).Text(s.Status.String()),
			app.Span().Text(line),
		),
		app.If(s.Status == Running, func() app.UI {
			return app.Progress().Max(1).Value(fmt.Sprintf("%.3f", s.Fraction())).Aria("label", s.Phase+" progress")
		}),
		app.If(s.Status == Failed, func() app.UI {
			return app.Div().Class("error").Role("alert").Text(s.Message)
		}),
		app.If(n.Refusal != "", func() app.UI { return app.Div().Class("error").ID("invalid").Role("alert").Text(n.Refusal) }),
		app.If(n.Estimate != "" && (s.Status != Running || n.Awaiting), func() app.UI {
			return app.Div().Class("unit").ID("estimate").Text("Estimated: " + n.Estimate + ".")
		}),
		app.If(n.Awaiting && n.OnRun != nil, func() app.UI {
			return app.Div().Class("buttons").Body(app.Button().ID("run-awaiting").Class("primary").Text("Run this link").OnClick(n.OnRun))
		}),
		app.If(len(n.Notices) > 0, func() app.UI {
			return app.Div().Class("notices").ID("notices").Role("status").Body(
				app.Strong().Text("This link was corrected:"),
				app.Ul().Body(app.Range(n.Notices).Slice(func(i int) app.UI { return app.Li().Text(n.Notices[i]) })),
			)
		}),
	)
}

// seconds formats a duration for people: 0.4 s, 12 s, 2 min 5 s.
func seconds(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.1f s", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.0f s", d.Seconds())
	}
	return fmt.Sprintf("%d min %d s", int(d.Minutes()), int(d.Seconds())%60)
}

// yesNo writes a flag for a data attribute ("true" would render as a bare
// attribute).
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
