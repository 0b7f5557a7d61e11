package app

import (
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// runStatus renders a run's state: a badge (idle, running, failed, done,
// canceled), the phase with a progress bar, elapsed time and ETA, and the
// message of a failed run.
func runStatus(s RunState) app.UI {
	line := ""
	switch s.Status {
	case Idle:
		line = "Set the controls and press Run."
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
	return app.Section().Class("panel status").ID("run-status").Aria("live", "polite").DataSet("status", s.Status.String()).DataSet("run", s.Run).Body(
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
