package main

import (
	"errors"
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

// newFlagSet returns a flag set that reports errors instead of exiting. A
// parse error prints the error and a one-line hint; -h prints the full usage,
// every flag with its default and range (parseFlags prints both: the flag
// package calls Usage before it returns either error, so Usage is silent).
func newFlagSet(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {}
	return fs
}

// parseFlags parses args into fs and returns the exit status to stop with, or
// -1 to go on: 0 after printing the full usage for -h, 2 for a bad flag.
func parseFlags(fs *flag.FlagSet, args []string, synopsis string, stderr io.Writer) int {
	if status := parseFlagsWithArgs(fs, args, synopsis, stderr); status >= 0 {
		return status
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "overparam %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return 2
	}
	return -1
}

// parseFlagsWithArgs is parseFlags for a command that takes arguments after
// its flags (fs.Args()).
func parseFlagsWithArgs(fs *flag.FlagSet, args []string, synopsis string, stderr io.Writer) int {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprintf(stderr, "Usage: overparam %s [flags]\n\n%s\n\nFlags:\n", fs.Name(), synopsis)
		fs.PrintDefaults()
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "Run 'overparam %s -h' for every flag with its default and range.\n", fs.Name())
		return 2
	case fs.Lookup("workers") != nil && flagWorkers(fs) < 1:
		fmt.Fprintf(stderr, "overparam %s: -workers %d: give at least 1\n", fs.Name(), flagWorkers(fs))
		return 2
	}
	return -1
}
