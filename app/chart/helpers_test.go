package chart

import (
	"encoding/xml"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"
)

// svgNS is the SVG namespace every output must declare.
const svgNS = "http://www.w3.org/2000/svg"

// elem is one parsed SVG element: its name, attributes, the text directly
// inside it, and the classes of its ancestors and itself.
type elem struct {
	name    string
	attr    map[string]string
	text    string
	classes []string // class attributes from the root down, this element last
	depth   int
}

// class is the element's own class attribute.
func (e *elem) class() string { return e.attr["class"] }

// num parses a numeric attribute; it fails the test if it is missing or
// malformed.
func (e *elem) num(t *testing.T, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(e.attr[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", e.name, name, e.attr[name], err)
	}
	return v
}

// parseSVG checks that s is one well-formed XML element in the SVG namespace
// (encoding/xml in strict mode is the reference) and returns its elements in
// document order.
func parseSVG(t *testing.T, s string) []*elem {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	var (
		out   []*elem
		stack []*elem
		roots int
	)
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, clip(s))
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != svgNS {
				t.Fatalf("<%s> is in namespace %q, want %q", tok.Name.Local, tok.Name.Space, svgNS)
			}
			e := &elem{name: tok.Name.Local, attr: map[string]string{}, depth: len(stack)}
			for _, a := range tok.Attr {
				e.attr[a.Name.Local] = a.Value
			}
			if len(stack) == 0 {
				roots++
			} else {
				e.classes = append(e.classes, stack[len(stack)-1].classes...)
			}
			e.classes = append(e.classes, e.attr["class"])
			stack = append(stack, e)
			out = append(out, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(tok)
			} else if strings.TrimSpace(string(tok)) != "" {
				t.Fatalf("text outside the root element: %q", tok)
			}
		}
	}
	if roots != 1 || len(out) == 0 || out[0].name != "svg" {
		t.Fatalf("want exactly one root <svg>, got %d roots", roots)
	}
	return out
}

// find returns the elements with the given name whose class attribute
// contains every field of class (all of them if class is empty).
func find(es []*elem, name, class string) []*elem {
	var out []*elem
	for _, e := range es {
		if e.name != name {
			continue
		}
		ok := true
		for _, c := range strings.Fields(class) {
			ok = ok && strings.Contains(" "+e.class()+" ", " "+c+" ")
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// clip shortens s for a failure message.
func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + "…"
	}
	return s
}

// ramp returns n values from a to b inclusive.
func ramp(n int, a, b float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = a + (b-a)*float64(i)/float64(max(1, n-1))
	}
	return v
}

// mapped returns f applied to each element of x.
func mapped(x []float64, f func(float64) float64) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = f(v)
	}
	return y
}

// relClose reports |a − b| ≤ tol·max(|a|, |b|, floor).
func relClose(a, b, tol, floor float64) bool {
	return math.Abs(a-b) <= tol*math.Max(floor, math.Max(math.Abs(a), math.Abs(b)))
}
