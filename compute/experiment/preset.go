package experiment

// Preset is a one-click setting of an experiment that reproduces a paper's
// claim. One list per experiment serves every place that offers presets:
// the page's preset buttons, the home page's gallery cards, their
// thumbnails (tools/mkthumbs) and, for double descent, the CLI's -preset.
type Preset struct {
	// noCompare makes Preset incomparable, so the compiler generates no
	// equality functions for the preset lists' arrays: 2 kB less in the
	// gzipped app.wasm (compare presets with reflect.DeepEqual or by ID).
	noCompare [0]func()

	// ID names the preset in the page (button id "preset-<ID>"), in the
	// CLI's -preset and in its thumbnail's file name.
	ID string `json:"id"`
	// Title is the button's and the card's label.
	Title string `json:"title"`
	// Claim is what the run shows, in two or three sentences.
	Claim string `json:"claim"`
	// Cite names the paper; URL links to it.
	Cite string `json:"cite"`
	URL  string `json:"url"`
	// Query is the whole spec as a link query (Query of the spec), so the
	// page link of the preset is the page's path, "?" and Query.
	Query string `json:"query"`
}

// Thumbnail returns the file name of the preset's gallery picture,
// "<ID>.svg", in web/thumbs.
func (p Preset) Thumbnail() string { return p.ID + ".svg" }

// NewPreset builds a preset whose link is spec with the keys of extra
// applied. spec is a pointer to the family's spec holding its defaults
// (Default or DefaultFor); NewPreset changes it. Every family's preset
// table goes through it, so each link is the whole spec, never a partial one.
func NewPreset(spec any, id, title, claim, cite, url, extra string) Preset {
	ParseQuery(extra, spec)
	return Preset{ID: id, Title: title, Claim: claim, Cite: cite, URL: url, Query: Query(spec)}
}
