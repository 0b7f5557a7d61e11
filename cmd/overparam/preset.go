package main

import (
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
)

// presetFlag is the -preset flag of the spectrum, paths and doubledescent
// commands: one of the page's presets by id (its preset button and gallery
// card), whose spec the command's other flags then change. S is the spec
// type of the command.
type presetFlag[S any] struct {
	// presets is the experiment's one preset list (compute/experiment).
	presets []experiment.Preset
	// find looks a name up; nil finds an id case-insensitively.
	find func(name string) (experiment.Preset, bool)
	// defaults returns the spec a page link with query starts from, as
	// `overparam run -link` reads it (the registered link runs, registerCLI); a preset's spec is
	// defaults(p.Query) with p.Query read into it.
	defaults func(query string) S
	// unset returns the spec without -preset, given the defaults with the
	// command's flags applied (doubledescent starts from -model's preset);
	// nil gives defaults("").
	unset func(parsed S) S
}

// register adds -preset to fs.
func (pf presetFlag[S]) register(fs *flag.FlagSet) *string {
	return fs.String("preset", "", "start from this `preset` of the page, which later flags change: "+strings.Join(pf.names(), ", "))
}

// names lists the presets' ids.
func (pf presetFlag[S]) names() []string {
	var names []string
	for _, p := range pf.presets {
		names = append(names, p.ID)
	}
	return names
}

// lookup returns the preset called name.
func (pf presetFlag[S]) lookup(name string) (experiment.Preset, bool) {
	if pf.find != nil {
		return pf.find(name)
	}
	name = strings.ToLower(strings.TrimSpace(name))
	i := slices.IndexFunc(pf.presets, func(p experiment.Preset) bool { return strings.ToLower(p.ID) == name })
	if i < 0 {
		return experiment.Preset{}, false
	}
	return pf.presets[i], true
}

// spec returns the spec of preset p, the same as its page link gives.
func (pf presetFlag[S]) spec(p experiment.Preset) S {
	s := pf.defaults(p.Query)
	experiment.ParseQuery(p.Query, &s)
	return s
}

// base returns the spec the flags in args start from: the preset named by
// -preset, else the spec without one. It reads the flags with a silent
// parse of the command's flags (bind registers them all, -preset included,
// bound to the spec it is given); the real parse then reports any problem
// and applies every flag on top of the base.
func (pf presetFlag[S]) base(args []string, bind func(fs *flag.FlagSet, spec *S) (preset *string)) (S, error) {
	scratch := pf.defaults("")
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	preset := bind(fs, &scratch)
	_ = fs.Parse(args)
	if *preset == "" {
		if pf.unset != nil {
			return pf.unset(scratch), nil
		}
		return pf.defaults(""), nil
	}
	if p, ok := pf.lookup(*preset); ok {
		return pf.spec(p), nil
	}
	var zero S
	return zero, fmt.Errorf("-preset %q is not a preset; choose one of %s", *preset, strings.Join(pf.names(), ", "))
}

// The presets of the three commands.
var (
	spectrumPresetFlag = presetFlag[spectrum.Spec]{
		presets:  spectrum.Presets(),
		defaults: func(string) spectrum.Spec { return spectrum.Default() },
	}
	pathsPresetFlag = presetFlag[paths.Spec]{
		presets:  paths.Presets(),
		defaults: func(string) paths.Spec { return paths.Default() },
	}
	doubleDescentPresetFlag = presetFlag[doubledescent.Spec]{
		presets:  doubledescent.Presets(),
		find:     doubledescent.FindPreset,
		defaults: doubledescent.DefaultForQuery,
		unset: func(s doubledescent.Spec) doubledescent.Spec {
			return doubledescent.DefaultFor(s.Model)
		},
	}
)
