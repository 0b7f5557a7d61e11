package chart

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// idMark stands for the chart's element id while the SVG is written. It is a
// control character that XML forbids, so escaped user text can never contain
// it; SVG replaces it by an id derived from a hash of everything else.
const idMark = "\x01"

// maxCoord bounds every coordinate written, in px. Points far outside a fixed
// axis range map to huge pixel values; clamping them keeps the numbers short
// and inside the range renderers handle in single precision. The clip path
// hides them either way, and lines to them keep their direction to within
// plotSize/maxCoord of a pixel.
const maxCoord = 1e5

// buf accumulates SVG text.
type buf struct{ b []byte }

// raw appends s unescaped. Use it only for markup and trusted constants.
func (w *buf) raw(s ...string) {
	for _, p := range s {
		w.b = append(w.b, p...)
	}
}

// num appends v in px with at most two decimals and no trailing zeros. A
// non-finite v, which the drawing code never produces on purpose, is written
// as 0 so that no "NaN" can reach the output.
func (w *buf) num(v float64) {
	if math.IsNaN(v) {
		v = 0
	}
	v = math.Max(-maxCoord, math.Min(maxCoord, v))
	start := len(w.b)
	w.b = strconv.AppendFloat(w.b, v, 'f', 2, 64)
	// Trim "12.50" to "12.5" and "12.00" to "12".
	end := len(w.b)
	for w.b[end-1] == '0' {
		end--
	}
	if w.b[end-1] == '.' {
		end--
	}
	w.b = w.b[:end]
	if string(w.b[start:]) == "-0" {
		w.b = append(w.b[:start], '0')
	}
}

// attr appends ` name="v"` with v written by num.
func (w *buf) attr(name string, v float64) {
	w.raw(" ", name, `="`)
	w.num(v)
	w.raw(`"`)
}

// pt appends "x y" for a path's coordinate pair.
func (w *buf) pt(x, y float64) {
	w.num(x)
	w.raw(" ")
	w.num(y)
}

// esc appends s escaped for XML text or a double- or single-quoted attribute.
func (w *buf) esc(s string) { w.b = appendEscaped(w.b, s) }

// appendEscaped escapes the five XML special characters and replaces what
// XML 1.0 cannot carry at all (control characters other than tab, newline
// and carriage return, invalid UTF-8, U+FFFE and U+FFFF) by U+FFFD.
func appendEscaped(b []byte, s string) []byte {
	for _, r := range s {
		switch {
		case r == '<':
			b = append(b, "&lt;"...)
		case r == '>':
			b = append(b, "&gt;"...)
		case r == '&':
			b = append(b, "&amp;"...)
		case r == '"':
			b = append(b, "&quot;"...)
		case r == '\'':
			b = append(b, "&#39;"...)
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r',
			r == 0xFFFE, r == 0xFFFF, r >= 0xD800 && r <= 0xDFFF:
			b = utf8.AppendRune(b, utf8.RuneError)
		default:
			b = utf8.AppendRune(b, r) // invalid UTF-8 arrives as RuneError
		}
	}
	return b
}

// cleanClass keeps the characters of a CSS class name that need no escaping
// anywhere: ASCII letters, digits, '-' and '_'. A class that begins with a
// digit or is empty afterwards is dropped.
func cleanClass(c string) string {
	c = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return r
		}
		return -1
	}, c)
	if c == "" || c[0] >= '0' && c[0] <= '9' {
		return ""
	}
	return c
}

// textWidth estimates the rendered width in px of s in a proportional
// sans-serif font of the given size: about 0.6 em a character, 0.45 em in
// a subscript (see rich). It only reserves margins, so it errs on the wide
// side.
func textWidth(s string, size float64) float64 {
	w := 0.0
	for _, part := range splitRich(s) {
		n := float64(utf8.RuneCountInString(part.text))
		if part.sub {
			n *= 0.75
		}
		w += n * 0.6 * size
	}
	return w
}

// richPart is a run of a label's text, in a subscript or not.
type richPart struct {
	text string
	sub  bool
}

// splitRich splits a label at its subscripts: "θ_{A}" is θ then A in a
// subscript. Text without "_{" is one plain part; an unclosed "_{" is
// plain text.
func splitRich(s string) []richPart {
	var parts []richPart
	for {
		i := strings.Index(s, "_{")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+2:], '}')
		if j < 0 {
			break
		}
		if i > 0 {
			parts = append(parts, richPart{s[:i], false})
		}
		parts = append(parts, richPart{s[i+2 : i+2+j], true})
		s = s[i+3+j:]
	}
	if s != "" || len(parts) == 0 {
		parts = append(parts, richPart{s, false})
	}
	return parts
}

// plain is a label without its subscript markup, for the accessible name
// and tooltips: "λ_{max}" reads "λ_max".
func plain(s string) string {
	var b strings.Builder
	for _, p := range splitRich(s) {
		if p.sub {
			b.WriteString("_")
		}
		b.WriteString(p.text)
	}
	return b.String()
}

// rich appends a label escaped for XML, with each subscript ("_{…}") as a
// <tspan> lowered by a third of an em at three quarters of the size, so
// θ_{A} and λ_{max} are set as a mathematician writes them.
//
// The shift uses dy, which every SVG renderer supports (baseline-shift is
// not in Firefox), and the text after a subscript moves back up by as much.
func (w *buf) rich(s string) {
	lowered := false
	for _, p := range splitRich(s) {
		switch {
		case p.sub && !lowered:
			w.raw(`<tspan dy=".3em" font-size="75%">`)
		case p.sub:
			w.raw(`<tspan font-size="75%">`)
		case lowered:
			w.raw(`<tspan dy="-.3em">`)
		default:
			w.esc(p.text)
			continue
		}
		w.esc(p.text)
		w.raw(`</tspan>`)
		lowered = p.sub
	}
}

// swatch is one colour class: its CSS custom property and light fallback.
type swatch struct{ class, color string }

// palette is Okabe and Ito's colour-universal-design set, chosen to stay
// distinguishable under the common colour-vision deficiencies, ordered so
// that the first series get the highest contrast on white. Yellow (c7) is
// faint on white and is best kept for fills. "muted" is a neutral grey for
// references and "accent" is vermillion for outliers: it matches c5, so do
// not use both in one chart.
var palette = []swatch{
	{"c0", "#0072b2"},     // blue
	{"c1", "#e69f00"},     // orange
	{"c2", "#009e73"},     // bluish green
	{"c3", "#cc79a7"},     // reddish purple
	{"c4", "#56b4e9"},     // sky blue
	{"c5", "#d55e00"},     // vermillion
	{"c6", "#000000"},     // black
	{"c7", "#f0e442"},     // yellow
	{"muted", "#6b7280"},  // grey
	{"accent", "#d55e00"}, // vermillion
}

// fontStack is the system font stack: no web fonts, so a downloaded SVG
// renders the same offline.
const fontStack = `system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif`

// writeStyle appends the chart's <style> element. Every rule is scoped to
// the chart's id, so charts on one page cannot restyle each other, and every
// colour is a custom property with a light-theme fallback, so a page can
// theme charts by setting --chart-* while a standalone file uses the
// fallbacks. Series colour comes from the CSS color property and is used
// through currentColor.
func (w *buf) writeStyle() {
	id := "#" + idMark
	w.raw("<style>",
		id, "{color:var(--chart-fg,#1f2937);font-family:", fontStack, ";font-size:11px}",
		id, " text{fill:var(--chart-fg,#1f2937)}",
		id, " .bg{fill:var(--chart-bg,transparent)}",
		id, " .grid{stroke:var(--chart-grid,#e5e7eb);stroke-width:1;fill:none}",
		id, " .ax{stroke:var(--chart-axis,#6b7280);stroke-width:1;fill:none}",
		id, " .s{fill:none;stroke:currentColor;stroke-width:1.5;stroke-linejoin:round;stroke-linecap:round}",
		id, " .f{fill:currentColor;fill-opacity:.18;stroke:none}",
		id, " .bar{fill:currentColor;fill-opacity:.35;stroke:currentColor;stroke-width:.75}",
		id, " .pt{fill:none;stroke:currentColor;stroke-width:5;stroke-linecap:round}",
		id, " .hp{fill:currentColor;stroke:none}",
		id, " .hv{fill:transparent;stroke:none}",
		id, " .hv:hover{fill:currentColor}",
		id, " .d{stroke-dasharray:5 3}",
		id, " .vl{stroke:currentColor;stroke-width:1.25;fill:none}",
		id, " .cn{stroke:currentColor;stroke-width:.75;fill:none}",
		id, " .band{fill:currentColor;fill-opacity:.1;stroke:none}",
		id, " .cell{fill:currentColor;stroke:none}",
		id, " .lab{fill:currentColor;font-size:10px;paint-order:stroke;stroke:var(--chart-halo,#fff);stroke-width:3px;stroke-linejoin:round}",
		id, " .title{font-size:14px;font-weight:600}",
		id, " .axl{font-size:12px}",
		id, " .note{fill:var(--chart-muted,#6b7280);font-size:13px}",
	)
	for _, s := range palette {
		w.raw(id, " .", s.class, "{color:var(--chart-", s.class, ",", s.color, ")}")
	}
	w.raw("</style>")
}
