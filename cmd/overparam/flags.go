package main

import (
	"flag"
	"fmt"
	"io"
	"reflect"

	"github.com/overparam/overparam/compute/experiment"
)

// specFlag adapts one spec parameter to flag.Value.
type specFlag struct {
	p    experiment.Param
	spec any
}

func (f specFlag) String() string {
	if f.spec == nil {
		return ""
	}
	return f.p.Get(f.spec)
}
func (f specFlag) Set(s string) error { return f.p.Set(f.spec, s) }
func (f specFlag) IsBoolFlag() bool   { return f.p.Kind == reflect.Bool }

// bindSpec registers one flag per parameter of spec (a pointer to a spec
// struct holding the defaults), named by its key, with its help text,
// default and range.
func bindSpec(fs *flag.FlagSet, spec any) {
	for _, p := range experiment.Params(spec) {
		help := fmt.Sprintf("%s (range %s)", p.Help, p.RangeText())
		fs.Var(specFlag{p, spec}, p.Key, help)
	}
}

// newFlagSet returns a flag set that reports errors instead of exiting, with
// a usage message listing every flag.
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: overparam %s [flags]\n\n%s\n\nFlags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}
