package app

import (
	"math"
	"reflect"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/overparam/overparam/compute/experiment"
)

// fieldInfo is how a spec parameter appears on the page.
type fieldInfo struct {
	Label string
	Unit  string // shown under the control; the tag's help is the tooltip
	// Only lists the data sets the field applies to (empty: all).
	Only []string
	// Slider, if set, adds a range slider beside the number input.
	Slider *slider
}

// slider is the range of a field's slider; with Log the slider moves
// log10 of the value (for penalties spanning decades).
type slider struct {
	Min, Max, Step float64
	Log            bool
}

// sliderSteps is the number of slider positions. The range input always
// runs over 0…100, the browser's default range, so its value is valid
// whatever order go-app sets its attributes in (a value set before a
// negative min would be clamped); positions map to values here.
const sliderSteps = 100

// sliderInput renders the range input of a field: its position is the
// value (or its log10) on the slider's scale, and releasing it sets the
// value, rounded to the slider's step. The scale travels in data
// attributes, which the handler reads when the slider moves (see
// onControl).
func sliderInput(key, value string, sl *slider, onChange func(key, value string)) app.UI {
	v, _ := strconv.ParseFloat(value, 64)
	u := v
	if sl.Log {
		u = sl.Min
		if v > 0 {
			u = math.Log10(v)
		}
	}
	pos := math.Round(sliderSteps * (u - sl.Min) / (sl.Max - sl.Min))
	pos = math.Max(0, math.Min(sliderSteps, pos))
	return app.Input().Type("range").ID("f-"+key+"-slider").Aria("label", key+" slider").
		Attr("min", 0).Attr("max", sliderSteps).Attr("step", 1).Value(strconv.Itoa(int(pos))).
		DataSet("key", key).DataSet("min", sl.Min).DataSet("max", sl.Max).DataSet("step", sl.Step).DataSet("log", sl.Log).
		OnChange(onControl(onChange))
}

// sliderValue maps slider position p (0…sliderSteps) to a value on the
// scale min…max (of log10 of the value when log), rounded to step.
func sliderValue(p, lo, hi, step float64, log bool) string {
	x := lo + p/sliderSteps*(hi-lo)
	if step > 0 {
		x = math.Round(x/step) * step
	}
	if log {
		x = math.Pow(10, x)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// onControl is the change handler of every control. It reads which
// parameter the element sets (data-key) and its new value when the event
// happens, from the element itself. go-app keeps an element's first
// handler while later renders pass a closure of the same func literal, so
// a handler that captured its key would keep setting the key of the first
// render when the fields shown change (switching the data set shifts them).
func onControl(onChange func(key, value string)) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		el := ctx.JSSrc()
		key := el.Get("dataset").Get("key").String()
		switch el.Get("type").String() {
		case "checkbox":
			onChange(key, strconv.FormatBool(el.Get("checked").Bool()))
		case "range":
			ds := el.Get("dataset")
			num := func(k string) float64 { f, _ := strconv.ParseFloat(ds.Get(k).String(), 64); return f }
			p, err := strconv.ParseFloat(el.Get("value").String(), 64)
			if err != nil {
				return
			}
			onChange(key, sliderValue(p, num("min"), num("max"), num("step"), ds.Get("log").String() == "true"))
		default:
			onChange(key, el.Get("value").String())
		}
	}
}

// field renders the control of parameter p of spec; onChange receives the
// key and the control's new text.
func field(spec any, p experiment.Param, info fieldInfo, onChange func(key, value string)) app.UI {
	id := "f-" + p.Key
	value := p.Get(spec)
	handler := onControl(onChange)
	var control app.UI
	switch {
	case p.Enum != nil:
		control = app.Select().ID(id).DataSet("key", p.Key).Title(p.Help).OnChange(handler).
			Body(app.Range(p.Enum).Slice(func(i int) app.UI {
				text := p.Enum[i]
				if t, ok := enumText[p.Key+"="+text]; ok {
					text = t
				} else if t, ok := enumText[text]; ok {
					text = t
				}
				return app.Option().Value(p.Enum[i]).Selected(p.Enum[i] == value).Text(text)
			}))
	case p.Kind == reflect.Bool:
		control = app.Input().Type("checkbox").ID(id).DataSet("key", p.Key).Title(p.Help).Checked(value == "true").OnChange(handler)
	case p.Kind == reflect.Slice:
		control = app.Input().Type("text").ID(id).DataSet("key", p.Key).Title(p.Help).Value(value).Attr("inputmode", "numeric").OnChange(handler)
	case p.Kind == reflect.String: // free text without an enum, e.g. a comma-separated list of names
		control = app.Input().Type("text").ID(id).DataSet("key", p.Key).Title(p.Help).Value(value).OnChange(handler)
	default:
		in := app.Input().Type("number").ID(id).DataSet("key", p.Key).Title(p.Help+"; allowed: "+p.RangeText()).Value(value).Attr("step", "any")
		if p.Kind != reflect.Float64 {
			in = in.Attr("step", 1)
		}
		control = in.Attr("min", p.Min).Attr("max", p.Max).OnChange(handler)
	}
	label := info.Label
	if label == "" {
		label = p.Key
	}
	if info.Slider != nil {
		return app.Div().Class("field slider").Body(
			app.Label().For(id).Text(label),
			app.Div().Class("slider-pair").Body(sliderInput(p.Key, value, info.Slider, onChange), control),
			app.If(info.Unit != "", func() app.UI { return app.Span().Class("unit").Text(info.Unit) }),
		)
	}
	class := "field"
	if p.Enum != nil {
		class += " choice" // the label above, the select at full width: its options' whole text shows
	}
	return app.Div().Class(class).Body(
		app.Label().For(id).Text(label),
		control,
		app.If(info.Unit != "", func() app.UI { return app.Span().Class("unit").Text(info.Unit) }),
	)
}

// relevantTo reports whether a field whose info lists the data sets it
// applies to (Only) applies to data.
func relevantTo(info fieldInfo, data string) bool {
	if len(info.Only) == 0 {
		return true
	}
	for _, d := range info.Only {
		if d == data {
			return true
		}
	}
	return false
}
