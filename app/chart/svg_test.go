package chart

import (
	"math"
	"strings"
	"testing"
)

var nan, inf = math.NaN(), math.Inf(1)

// cases is the matrix of plots every output property is checked on. Their
// labels avoid the words "NaN" and "Inf" so that those substrings can only
// come from a number.
func cases() []struct {
	name string
	p    Plot
} {
	x := ramp(50, 0, 5)
	return []struct {
		name string
		p    Plot
	}{
		{"an empty plot", Plot{}},
		{"an empty plot with a note", Plot{Note: "no data yet", X: Axis{Label: "step"}, Y: Axis{Label: "loss"}}},
		{"empty series", Plot{Series: []Series{{Name: "a"}, {Style: Bars}, {Style: Points}}, Legend: true, Note: "nothing"}},
		{"one point", Plot{Series: []Series{{X: []float64{3}, Y: []float64{7}}}}},
		{"one point of each style", Plot{Series: []Series{
			{X: []float64{3}, Y: []float64{7}, Style: Area},
			{X: []float64{3}, Y: []float64{7}, Style: Points},
			{X: []float64{3, 4}, Y: []float64{7}, Style: Bars}}}},
		{"all-equal values", Plot{Series: []Series{{X: []float64{2, 2, 2}, Y: []float64{5, 5, 5}}}}},
		{"all zeros", Plot{Series: []Series{{X: []float64{0, 0}, Y: []float64{0, 0}, Style: Area}}}},
		{"NaN and Inf gaps", Plot{Series: []Series{{X: x, Y: mapped(x, func(v float64) float64 {
			switch {
			case v > 1 && v < 1.3:
				return nan
			case v > 3 && v < 3.2:
				return inf
			}
			return math.Sin(v)
		}), Style: Area, Hover: []string{"first"}}}}},
		{"only non-finite values", Plot{Series: []Series{{X: []float64{nan, inf, -inf}, Y: []float64{1, 2, 3}}}, Note: "no data"}},
		{"log axes with non-positive values", Plot{
			X: Axis{Log: true, Label: "x"}, Y: Axis{Log: true, Label: "y"},
			Series: []Series{{X: []float64{-1, 0, 1, 10, 100, 1000}, Y: []float64{5, 1, 0, -3, 2e-3, 40}}}}},
		{"log axes with no positive values", Plot{X: Axis{Log: true}, Y: Axis{Log: true},
			Series: []Series{{X: []float64{-1, 0}, Y: []float64{-1, -2}}}}},
		{"tiny magnitudes", Plot{Series: []Series{{X: ramp(20, 1e-12, 3e-12), Y: ramp(20, -2e-12, 5e-12)}}}},
		{"huge magnitudes", Plot{Series: []Series{{X: ramp(20, 1e12, 3e12), Y: ramp(20, -2e12, 5e12)}}}},
		{"a huge offset with a tiny span", Plot{Series: []Series{{X: []float64{1e12, 1e12 + 1e-3}, Y: []float64{1, 2}}}}},
		{"extreme floats", Plot{Series: []Series{{X: []float64{-math.MaxFloat64, 0, math.MaxFloat64}, Y: []float64{math.SmallestNonzeroFloat64, 1, -math.MaxFloat64}}}}},
		{"log axes over 24 decades", Plot{X: Axis{Log: true}, Y: Axis{Log: true},
			Series: []Series{{X: []float64{1e-12, 1, 1e12}, Y: []float64{1e12, 1, 1e-12}, Style: Points}}}},
		{"twin axes", Plot{Legend: true, Y: Axis{Label: "loss"}, Y2: Axis{Label: "accuracy (%)"},
			Series: []Series{{Name: "loss", X: x, Y: mapped(x, math.Exp)},
				{Name: "accuracy", X: x, Y: mapped(x, math.Sqrt), Right: true, Dashed: true}}}},
		{"bars", Plot{Series: []Series{{Style: Bars, X: []float64{-1, 0, 1, 2}, Y: []float64{3, nan, 5},
			Hover: []string{"3 in [−1, 0)", "", "5 in [1, 2)"}}}}},
		{"bars on a log y axis", Plot{Y: Axis{Log: true}, Series: []Series{{Style: Bars, X: []float64{0, 1, 2, 3}, Y: []float64{10, 0, 1000}}}}},
		{"points with hover", Plot{Series: []Series{{Style: Points, X: x[:5], Y: x[:5], Hover: []string{"a", "b"}, Width: 8}}}},
		{"vlines", Plot{Series: []Series{{X: x, Y: x}}, VLines: []VLine{
			{X: 0, Label: "at the axis"}, {X: 2.5, Label: "bulk edge", Dashed: true, Class: "accent"},
			{X: 2.6, Label: "neighbour"}, {X: 99, Label: "outside"}, {X: nan, Label: "missing"}}}},
		{"bands", Plot{Series: []Series{{X: x, Y: x}}, Bands: []Band{{X0: 1, X1: 2, Label: "bulk"}, {X0: 4, X1: 3.5, Class: "c2"}, {X0: nan, X1: 1}}}},
		{"a fixed range clipping data", Plot{X: Axis{Min: 1, Max: 2}, Y: Axis{Min: -1, Max: 1},
			Series: []Series{{X: x, Y: mapped(x, func(v float64) float64 { return 1e9 * v })}}}},
		{"an invalid fixed range", Plot{X: Axis{Min: 2, Max: 1}, Y: Axis{Log: true, Min: -1, Max: 10}, Series: []Series{{X: x, Y: x}}}},
		{"a legend that wraps", Plot{Legend: true, Width: 300, Height: 200, Title: "narrow", Series: []Series{
			{Name: "first series", X: x, Y: x}, {Name: "second series", X: x, Y: x, Style: Points},
			{Name: "third", X: x, Y: x, Style: Area}, {Name: "", X: x, Y: x}}}},
		{"a tiny canvas", Plot{Width: 40, Height: 30, Title: "t", X: Axis{Label: "x"}, Y: Axis{Label: "y"}, Series: []Series{{X: x, Y: x}}}},
		{"a custom formatter and classes", Plot{Y: Axis{Format: func(v float64) string { return "<" + FormatTick(v) + ">" }},
			Series: []Series{{X: x, Y: x, Class: "accent", Width: 3}, {X: x, Y: x, Class: "c9 \"x"}}}},
	}
}

// Truth: encoding/xml in strict mode, and Plot.SVG's documentation of the
// root element (namespace, size, role, accessible name and <title>).
func TestEveryCaseIsAWellFormedStandaloneSVG(t *testing.T) {
	for _, c := range cases() {
		t.Run(c.name, func(t *testing.T) {
			s := c.p.SVG()
			if !strings.HasPrefix(s, `<svg xmlns="http://www.w3.org/2000/svg" `) {
				t.Fatalf("output does not start with the SVG root: %q", clip(s))
			}
			es := parseSVG(t, s)
			root := es[0]
			for _, a := range []string{"width", "height", "viewBox", "aria-label", "id"} {
				if root.attr[a] == "" {
					t.Errorf("root has no %s", a)
				}
			}
			if root.attr["role"] != "img" {
				t.Errorf("role = %q, want img", root.attr["role"])
			}
			if es[1].name != "title" || es[1].text != root.attr["aria-label"] {
				t.Errorf("first child is <%s>%q, want the <title> %q", es[1].name, es[1].text, root.attr["aria-label"])
			}
			if len(find(es, "style", "")) != 1 {
				t.Errorf("want one <style>")
			}
			for _, bad := range []string{"NaN", "Inf"} {
				if i := strings.Index(s, bad); i >= 0 {
					t.Errorf("output contains %q: …%s…", bad, s[max(0, i-80):min(len(s), i+40)])
				}
			}
		})
	}
}

// Truth: the clip path the plot group refers to must exist, with the id
// that scopes the style.
func TestClipPathAndStyleUseTheRootID(t *testing.T) {
	for _, c := range cases() {
		s := c.p.SVG()
		es := parseSVG(t, s)
		id := es[0].attr["id"]
		if !strings.HasPrefix(id, "chart-") {
			t.Errorf("%s: id %q does not start with chart-", c.name, id)
		}
		cps := find(es, "clipPath", "")
		if len(cps) != 1 || cps[0].attr["id"] != id+"-plot" {
			t.Fatalf("%s: want one clipPath with id %s-plot", c.name, id)
		}
		if !strings.Contains(s, `clip-path="url(#`+id+`-plot)"`) {
			t.Errorf("%s: nothing is clipped to the plot area", c.name)
		}
		style := find(es, "style", "")[0].text
		for _, rule := range strings.Split(style, "}") {
			if rule != "" && !strings.HasPrefix(rule, "#"+id) {
				t.Errorf("%s: style rule %q is not scoped to #%s", c.name, rule, id)
			}
		}
	}
}

// Truth: the package documentation (doc.go, Conventions) — the same Plot
// renders byte-identically, and the id hashes the rest of the output, so
// different plots get different ids (their styles cannot clash).
func TestOutputIsDeterministic(t *testing.T) {
	ids := map[string]string{}
	for _, c := range cases() {
		a, b := c.p.SVG(), c.p.SVG()
		if a != b {
			t.Errorf("%s: two renderings differ", c.name)
		}
		id := parseSVG(t, a)[0].attr["id"]
		if other, dup := ids[id]; dup {
			t.Errorf("%s and %s share the id %s", c.name, other, id)
		}
		ids[id] = c.name
	}
}

// Truth: XML escaping rules; the decoded text must equal the input, and no
// markup may come through raw.
func TestUserTextIsEscaped(t *testing.T) {
	const evil = `<script>alert(1)</script> "&' ]]>`
	x := []float64{1, 2, 3}
	p := Plot{
		Title: evil, Note: evil, Legend: true,
		X: Axis{Label: evil}, Y: Axis{Label: evil, Format: func(float64) string { return evil }},
		Y2:     Axis{Label: evil},
		Series: []Series{{Name: evil, X: x, Y: x, Hover: []string{evil, evil, evil}, Class: evil}, {Name: evil, X: x, Y: x, Right: true}},
		VLines: []VLine{{X: 2, Label: evil, Class: evil}},
		Bands:  []Band{{X0: 1, X1: 2, Label: evil, Class: evil}},
	}
	s := p.SVG()
	if strings.Contains(strings.ToLower(s), "<script") {
		t.Fatalf("raw <script in output")
	}
	es := parseSVG(t, s)
	if es[0].attr["aria-label"] != evil || es[1].text != evil {
		t.Errorf("aria-label %q, title %q: want both %q", es[0].attr["aria-label"], es[1].text, evil)
	}
	var n int
	for _, e := range es {
		if strings.Contains(e.text, evil) {
			n++
		}
	}
	// Title ×2, x, y and y2 labels, 2 legend names, 3 hovers, vline, band,
	// y tick labels (at least 2): at least 13 places decode to the input.
	if n < 13 {
		t.Errorf("only %d elements carry the decoded text, want at least 13", n)
	}
}

// Truth: XML 1.0 §2.2 forbids most control characters and requires UTF-8;
// they must be replaced, and the id placeholder must not be injectable.
func TestForbiddenCharactersAreReplaced(t *testing.T) {
	p := Plot{Title: "a\x01b\x00c\xffd\ufffee", Series: []Series{{Name: "\x01", X: []float64{1}, Y: []float64{1}}}, Legend: true}
	es := parseSVG(t, p.SVG())
	if got, want := es[1].text, "a\ufffdb\ufffdc\ufffdd\ufffde"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
}

// Truth: Plot.SVG's documentation — a length mismatch is the caller's
// mistake, and the panic message starts "chart: ".
func TestMismatchedLengthsPanic(t *testing.T) {
	for _, s := range []Series{
		{X: []float64{1, 2}, Y: []float64{1}},
		{X: []float64{1, 2}, Y: []float64{1, 2}, Style: Bars},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.HasPrefix(r.(string), "chart: ") {
					t.Errorf("len(X)=%d len(Y)=%d style %d: recovered %v, want a chart: panic", len(s.X), len(s.Y), s.Style, r)
				}
			}()
			(&Plot{Series: []Series{s}}).SVG()
		}()
	}
}
