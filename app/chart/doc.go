// Package chart renders scientific charts — lines, areas, points and
// histograms on linear or logarithmic axes, with an optional right axis,
// vertical markers and shaded bands — as SVG text. It uses only the standard
// library, so the same charts serve the go-app UI (through app.Raw), the
// CLI's SVG export and the .svg and .png files users download.
//
// A chart is a Plot value; Plot.SVG renders it and Plot.XAt inverts its x
// mapping for hover readouts:
//
//	p := chart.Plot{
//		Title:  "Hessian spectrum",
//		X:      chart.Axis{Label: "eigenvalue λ (loss/param²)"},
//		Y:      chart.Axis{Label: "density", Log: true},
//		Series: []chart.Series{{Name: "SLQ", X: grid, Y: density, Style: chart.Area}},
//		VLines: []chart.VLine{{X: edge, Label: "bulk edge", Dashed: true}},
//	}
//	svg := p.SVG()
//
// # Conventions
//
//   - Data are in axis units; px are the units of the SVG's viewBox, whose
//     size is Plot.Width × Plot.Height (640×360 by default), plus the
//     legend's and the marker labels' rows.
//   - Zero values mean defaults: a Line series, the i-th series coloured
//     "c<i mod 8>", automatic ranges, default tick labels, default size.
//   - Missing data is not an error. A point with a NaN or ±Inf coordinate,
//     or a non-positive one on a log axis, is skipped, and a Line or Area
//     breaks into separate paths there. No "NaN" or "Inf" ever reaches the
//     output, whatever the input.
//   - A length mismatch between a series' X and Y is the caller's mistake:
//     SVG panics with a message starting "chart: ".
//   - Output is deterministic: the same Plot gives byte-identical SVG. The
//     root id, which scopes the style and names the clip path, is "chart-"
//     and a 64-bit FNV-1a hash of the rest of the output; identical charts
//     on one page share the id and the identical rules, which is harmless.
//   - All text from the caller (title, labels, names, hover text, formatter
//     output) is XML-escaped; characters XML cannot carry become U+FFFD.
//   - Numbers are written with at most two decimals (0.01 px) and no
//     trailing zeros: a 2000-point line costs about 26 kB, plus 3 kB of
//     style.
//
// # Axes and ticks
//
// Linear axes have ticks at multiples of 1, 2 or 5 × 10^k, about one per
// 45 px of height or 90 px of width (NiceTicks), fewer on x when the labels
// would overlap. Log axes have ticks at powers of ten, every s-th decade on
// wide ranges, with unlabelled minor ticks at 2…9 × 10^k when every decade
// is labelled, and 1-2-5 ticks on ranges of under three decades (LogTicks);
// a chart's log axis within 10⁻³…10⁵ labels 1, 2 and 5 (or 1…8) per decade
// when that many labels fit.
// Labels are compact and use the minus sign U+2212 (FormatTick): a linear
// axis rounds all labels to its step ("0", "0.5", "1"), switching to
// e-notation ("2e−13") for ticks from 10⁵ or steps under 10⁻³; a log axis
// that reaches beyond 10⁻³…10⁴ writes powers of ten with superscripts
// ("10⁻⁶"). Automatic ranges pad the data by 3% each side and snap to 0
// when 0 is within that margin, so histograms stand on the axis.
//
// # Styling and themes
//
// Every SVG embeds a <style> whose rules are scoped to its id. Colours are
// CSS custom properties with light-theme fallbacks, so a page restyles all
// charts, for example for dark mode, by setting the properties on an
// ancestor, while a downloaded SVG, or a PNG drawn from it on a canvas,
// renders with the fallbacks:
//
//	--chart-fg      text and tick labels   #1f2937
//	--chart-axis    axis lines and ticks   #6b7280
//	--chart-grid    grid lines             #e5e7eb
//	--chart-bg      background             transparent
//	--chart-halo    outline behind marker labels, the page background   #fff
//	--chart-c0…c7   series colours (Okabe–Ito): #0072b2 blue, #e69f00
//	                orange, #009e73 bluish green, #cc79a7 reddish purple,
//	                #56b4e9 sky blue, #d55e00 vermillion, #000000 black,
//	                #f0e442 yellow
//	--chart-muted   references, markers and the note   #6b7280
//	--chart-accent  outliers   #d55e00
//
// The Okabe–Ito colours stay distinguishable under the common colour-vision
// deficiencies. Yellow (c7) is faint on white; accent shares vermillion with
// c5. Bars and areas are filled with their stroke colour, translucent. The
// class of an element's colour sets the CSS color property and drawing uses
// currentColor, so an unknown class falls back to the text colour. Text uses
// the system font stack; there are no web fonts.
//
// # Layout
//
// From the top: the title, centred over the plot area; the legend, in rows
// left-aligned with the plot area; the marker labels, in rows of a strip
// above the plot area, each joined to its line or band by a short
// connector, so they never sit on the data; the plot area, clipped,
// holding bands, series and markers; the x tick labels and x label. The
// SVG grows by the legend's and the strip's height, so a narrow chart
// whose legend wraps keeps its plot area (Height is the height without
// them). The y label reads upwards on the left, the right-axis label
// downwards on the right. Margins follow the tick labels' estimated widths
// (0.6 em a character). XAt uses the same layout as SVG, so a fraction of
// the rendered width maps back to exactly the x drawn there.
//
// In titles, axis labels, legend entries and marker labels, "_{…}" is a
// subscript, set as a lowered, smaller <tspan>: "λ_{max}", "θ_{A}".
//
// # References
//
//   - P. S. Heckbert, "Nice numbers for graph labels", in Graphics Gems,
//     Academic Press, 1990: ticks at 1, 2, 5 × 10^k.
//   - M. Okabe & K. Ito, "Color Universal Design (CUD): how to make figures
//     and presentations that are friendly to colorblind people", 2008: the
//     palette.
//   - W3C, Scalable Vector Graphics (SVG) 1.1, 2011, and Extensible Markup
//     Language (XML) 1.0, fifth edition, 2008: the output format and the
//     characters it may carry.
package chart
