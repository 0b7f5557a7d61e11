package main

import (
	"flag"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/doubledescent"
	"github.com/overparam/overparam/compute/experiment/paths"
	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/app"
	"github.com/overparam/overparam/compute/experiment"
)

// presetCommand is one command with -preset, seen by the preset tests.
type presetCommand struct {
	name    string
	presets []experiment.Preset
	// cliQuery is the query of the spec `<name> -preset <id>` starts from.
	cliQuery func(id string) (string, error)
	// linkQuery is the query of the spec a page link's query gives, read as
	// `overparam run -link` reads it (registerCLI: the page's defaults for the
	// query, then ParseQuery), with the corrections it needed.
	linkQuery func(query string) (string, []string)
}

func presetCommands() []presetCommand {
	return []presetCommand{
		{"spectrum", spectrum.Presets(),
			func(id string) (string, error) {
				s, err := spectrumPresetFlag.base([]string{"-preset", id}, bindSpectrumFlags)
				return experiment.Query(&s), err
			},
			func(q string) (string, []string) {
				s := spectrum.Default()
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n
			}},
		{"paths", paths.Presets(),
			func(id string) (string, error) {
				s, err := pathsPresetFlag.base([]string{"-preset", id}, bindPathsFlags)
				return experiment.Query(&s), err
			},
			func(q string) (string, []string) {
				s := paths.Default()
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n
			}},
		{"doubledescent", doubledescent.Presets(),
			func(id string) (string, error) {
				s, err := doubleDescentBase([]string{"-preset", id})
				return experiment.Query(&s), err
			},
			func(q string) (string, []string) {
				s := doubledescent.DefaultForQuery(q)
				n := experiment.ParseQuery(q, &s)
				return experiment.Query(&s), n
			}},
	}
}

func bindSpectrumFlags(fs *flag.FlagSet, s *spectrum.Spec) *string {
	preset, _, _, _ := spectrumFlags(fs, s)
	return preset
}

func bindPathsFlags(fs *flag.FlagSet, s *paths.Spec) *string {
	preset, _, _ := pathsFlags(fs, s)
	return preset
}

func TestEveryPresetOfThePagesStartsTheCLIFromTheSpecOfItsLink(t *testing.T) {
	// Truth: the pages' own preset links (app.PresetLinks: what a preset
	// button or a gallery card opens), read as `overparam run -link` reads
	// them (splitLink, then the page's defaults and ParseQuery, as in
	// registerCLI). `<command> -preset <id>` must start from the same spec
	// for every preset of the spectrum, paths and doubledescent pages.
	links := app.PresetLinks()
	for _, c := range presetCommands() {
		if len(c.presets) == 0 {
			t.Errorf("%s: no presets", c.name)
		}
		for _, p := range c.presets {
			link, ok := links[p.ID]
			if !ok {
				t.Errorf("%s preset %s: the gallery has no link for it", c.name, p.ID)
				continue
			}
			cli, err := c.cliQuery(p.ID)
			if err != nil {
				t.Errorf("%s -preset %s: %v", c.name, p.ID, err)
				continue
			}
			page, query, err := splitLink(link)
			if err != nil || page != c.name {
				t.Errorf("%s preset %s: link %q is not a %s page link (%v)", c.name, p.ID, link, c.name, err)
				continue
			}
			fromLink, notices := c.linkQuery(query)
			if len(notices) != 0 {
				t.Errorf("%s preset %s: its link needs corrections: %q", c.name, p.ID, notices)
			}
			if cli != fromLink {
				t.Errorf("%s preset %s: -preset gives\n%s\nthe page's link\n%s", c.name, p.ID, cli, fromLink)
			}
		}
	}
}

func TestPresetFlagAndRunLinkPrintTheSameResult(t *testing.T) {
	// Truth: the page's preset link run by `overparam run -link` (the
	// browser's numbers, bit for bit, README.md "Command line"). For one
	// cheap preset per command the two commands' JSON must be the same
	// bytes. The paths presets take seconds each, so the paths case adds
	// the same small changes to both: the flags after -preset and the keys
	// appended to the link.
	links := app.PresetLinks()
	cases := []struct {
		command, id string
		flags       []string
		keys        string
	}{
		{"spectrum", "narrow", nil, ""}, // about 2 s natively
		{"paths", "paths-seeds", []string{"-widths", "32,64", "-width", "64", "-seeds", "1", "-epochs", "10", "-bezier", "20"},
			"&widths=32,64&width=64&seeds=1&epochs=10&bezier=20"},
		{"doubledescent", "dd-lstd-ridge", nil, ""}, // about a second natively
	}
	for _, c := range cases {
		args := append([]string{c.command, "-preset", c.id}, c.flags...)
		a := mustRun(t, append(args, "-json", "-quiet")...)
		b := mustRun(t, "run", "-link", "http://localhost:8000"+links[c.id]+c.keys, "-quiet")
		if a.stdout != b.stdout || a.stdout == "" {
			t.Errorf("%v and run -link %s differ:\n%.400s\n%.400s", args, links[c.id]+c.keys, a.stdout, b.stdout)
		}
	}
}

func TestAnUnknownPresetIsRefusedWithTheChoices(t *testing.T) {
	// Truth: README.md, "Bad flags and out-of-range values print a message
	// naming the flag and its range, and exit with status 2"; the range of
	// -preset is the ids of the command's list in compute/experiment.
	for _, c := range presetCommands() {
		o := run(t, c.name, "-preset", "nope")
		if o.code != 2 {
			t.Errorf("%s -preset nope: exit status %d, want 2", c.name, o.code)
		}
		if want := c.presets[len(c.presets)-1].ID; !strings.Contains(o.stderr, want) || !strings.Contains(o.stderr, `"nope"`) {
			t.Errorf("%s -preset nope: stderr %q should quote nope and list the ids (such as %s)", c.name, o.stderr, want)
		}
	}
}
