package app

import (
	"time"

	"github.com/overparam/overparam/compute/experiment"
)

// The typed face of the page core. A page declares an experimentPage[S]
// and embeds pageCore[S]; everything they do lives in the non-generic
// pageBase (page-core.go, page-parts.go), which reaches the spec through
// an any pointer and the few typed steps of pageDef. Go compiles a generic
// function once per spec type (every spec struct is its own GC shape), so
// only the handful of lines here is compiled again for each new page:
// about 1.3 kB of app.wasm gzipped, where the generic core cost 21 kB (see
// BENCHMARKS.md, "Download sizes").

// startedRun is a started run; Cancel stops it at once.
type startedRun interface{ Cancel() }

// fieldGroup is one fieldset of a page's controls.
type fieldGroup struct {
	Legend string
	Keys   []string
}

// experimentPage describes one experiment page: where it lives, its spec's
// defaults, presets and controls, and how a run of it starts.
type experimentPage[S any] struct {
	path string
	name string // file names of exports, e.g. "spectrum"
	// worker is the Go module of the page's compute workers, e.g.
	// "worker-spectrum.wasm" (built from wasm/worker/spectrum).
	worker   string
	defaults func() S
	// defaultsFor, if set, gives the defaults a link query starts from
	// (instead of defaults), e.g. the preset of the model it names.
	defaultsFor func(query string) S
	presets     []preset
	fields      map[string]fieldInfo
	groups      []fieldGroup
	// relevant reports whether control key applies to spec (nil: all do).
	relevant func(spec *S, key string) bool
	start    func(jobs Jobs, id int, spec S, emit func(Event), now func() time.Time) startedRun
	// change, if set, handles a control change itself when it returns true
	// (e.g. switching a model loads that model's preset).
	change func(spec *S, key, value string) bool
	// csv is a run's result (RunState.Result, nil before one finishes) as
	// the long-format CSV table of the result's Download CSV.
	csv func(result any) string
}

// pageCore is the state and behaviour every experiment page shares: the
// spec in the link, its corrections and validation, presets, and the run.
// A page component embeds it; its fields and methods are pageBase's, and
// spec and ran (the spec of the current or last run) are typed.
type pageCore[S any] struct {
	*pageVars[S]
	def *experimentPage[S]
}

// pageVars holds the typed specs beside the shared state, in one heap
// object, so that pageBase's pointers to them stay valid however the
// pageCore value holding it is copied.
type pageVars[S any] struct {
	pageBase
	spec S
	ran  S // the spec of the current or last run
}

func newPageCore[S any](def *experimentPage[S]) pageCore[S] {
	v := &pageVars[S]{spec: def.defaults()}
	v.pageBase = pageBase{page: def.erased(), spec: &v.spec, ran: &v.ran, corrects: map[string]string{}}
	return pageCore[S]{pageVars: v, def: def}
}

// erased is def without its type parameter: its plain fields, and its
// typed functions wrapped to take the spec as an any holding a *S.
func (def *experimentPage[S]) erased() *pageDef {
	d := &pageDef{path: def.path, name: def.name, worker: def.worker, presets: def.presets, fields: def.fields, groups: def.groups, csv: def.csv,
		defaults: func() any { s := def.defaults(); return &s },
		assign:   func(dst, src any) { *dst.(*S) = *src.(*S) },
		start: func(jobs Jobs, id int, spec any, emit func(Event), now func() time.Time) startedRun {
			return def.start(jobs, id, *spec.(*S), emit, now)
		}}
	if def.defaultsFor != nil {
		d.defaultsFor = func(query string) any { s := def.defaultsFor(query); return &s }
	}
	if def.relevant != nil {
		d.relevant = func(spec any, key string) bool { return def.relevant(spec.(*S), key) }
	}
	if def.change != nil {
		d.change = func(spec any, key, value string) bool { return def.change(spec.(*S), key, value) }
	}
	return d
}

// presetSpec returns the spec of preset pr: the defaults with its query.
func (def *experimentPage[S]) presetSpec(pr preset) S {
	s := def.defaults()
	experiment.ParseQuery(pr.Query, &s)
	return s
}

// pageDef is an experimentPage[S] without its type parameter: the plain
// fields, and the typed functions taking the spec as an any holding a *S.
type pageDef struct {
	path, name, worker string
	presets            []preset
	fields             map[string]fieldInfo
	groups             []fieldGroup
	csv                func(result any) string

	defaults    func() any             // a new *S holding the defaults
	defaultsFor func(query string) any // nil when the page has none
	assign      func(dst, src any)     // *dst = *src
	relevant    func(spec any, key string) bool
	change      func(spec any, key, value string) bool
	start       func(jobs Jobs, id int, spec any, emit func(Event), now func() time.Time) startedRun
}

// presetSpec returns a *S holding the spec of preset pr: the defaults with
// its query.
func (d *pageDef) presetSpec(pr preset) any {
	s := d.defaults()
	experiment.ParseQuery(pr.Query, s)
	return s
}

// presetLink is the page link that runs preset pr.
func (d *pageDef) presetLink(pr preset) string {
	return link(d.path) + "?" + experiment.Query(d.presetSpec(pr))
}
