// Command overparam runs Overparam's experiments natively, with the same
// numbers as the browser app.
//
// Usage:
//
//	overparam spectrum [flags]       train an MLP and print its Hessian spectrum
//	overparam paths [flags]          losses along paths between solutions,
//	                                 dropout stability and barriers by width
//	overparam doubledescent [flags]  sweep a model (-model or -preset) over its
//	                                 size: the double-descent curve with theory
//	overparam representations [flags]  SVCCA of each layer to its final
//	                                 self during training (bottom-up convergence)
//	overparam run -link URL          run any page's link natively, print JSON
//	overparam jobs -link URL         write the run's independent jobs as JSON lines
//	overparam job [FILE]             run one job line, write its result line
//	overparam assemble [FILES]       assemble the results into what run -link prints
//	overparam serve [-addr]          serve the browser app (default localhost:8000)
//	overparam static -out dist       write the app as a static site
//
// Each experiment command starts from a page's preset (-preset ID, the id
// of its button or gallery card; the default preset without it) and prints
// a summary, or with -json the result the page downloads; the numbers equal
// the browser's bit for bit.
//
// Run "overparam <command> -h" for a command's flags, with defaults and ranges.
package main

import (
	"fmt"
	"io"
	"os"

	"github.com/overparam/overparam/compute/experiment"
)

// command is one subcommand of the CLI.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

// commands returns one command per registered experiment
// (experiment.Experiments, its Name and Synopsis), then run, serve and
// static. (A function, not a variable: the experiments' files register
// their commands in init functions, which run after variables are set.)
func commands() []command {
	cs := append(experimentCommands(),
		command{"run", "run a page link's experiment natively and print the result as JSON", runLink})
	cs = append(cs, fanoutCommands()...)
	return append(cs,
		command{"serve", "serve the browser app at http://localhost:8000", runServe},
		command{"static", "write the browser app as a static site (GitHub Pages ready)", runStatic},
	)
}

// experimentCLI is how the CLI runs one experiment: its command, and the
// run of a page link (`overparam run -link`). Each experiment's file
// registers its own (registerCLI) under the experiment's Name.
type experimentCLI struct {
	run  func(args []string, stdout, stderr io.Writer) int
	link linkRun
}

var experimentCLIs = map[string]experimentCLI{}

// registerCLI registers the command and link run of the experiment name.
func registerCLI(name string, run func(args []string, stdout, stderr io.Writer) int, link linkRun) {
	experimentCLIs[name] = experimentCLI{run, link}
}

// experimentCommands lists the registered experiments' commands. It panics
// if an experiment has no command: every experiment has one.
func experimentCommands() []command {
	var cs []command
	for _, e := range experiment.Experiments() {
		c, ok := experimentCLIs[e.Name]
		if !ok {
			panic("overparam: experiment " + e.Name + " registers no command (registerCLI)")
		}
		cs = append(cs, command{e.Name, e.Synopsis, c.run})
	}
	return cs
}

func main() {
	if os.Getenv("OVERPARAM_NO_TIME_LIMIT") == "1" {
		experiment.LiftTimeLimit()
	}
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs the subcommand named by args[0] and returns the exit status:
// 0 on success, 1 when a run fails (it diverged, say), 2 for bad usage or a
// spec refused by its Validate (a value out of range, a run above the
// limits).
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "overparam: unknown command %q\n\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Overparam: experiments on over-parameterized learning, natively.")
	fmt.Fprintln(w, "\nUsage: overparam <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-14s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'overparam <command> -h' for the flags of a command, with defaults and ranges.")
}
