package main

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment/spectrum"

	"github.com/overparam/overparam/compute/experiment"
)

// badCase is one invalid use of overparam spectrum.
type badCase struct {
	name string   // a sentence
	args []string // after the small flags
	key  string   // the parameter the message must name, or ""
	want []string // substrings stderr must contain
}

// badValues derives invalid values of one spec parameter from its tags, so a
// new flag is covered without editing this test. The truth is the tag
// itself: a value outside [min, max], outside enum, longer than maxlen or not
// of the field's type is bad usage.
func badValues(t *testing.T, p experiment.Param) []badCase {
	t.Helper()
	flag := "-" + p.Key
	bad := func(name, value string, want ...string) badCase {
		return badCase{name: name, args: []string{flag, value}, key: p.Key, want: want}
	}
	var cases []badCase
	switch p.Kind {
	case reflect.Int, reflect.Uint64, reflect.Float64:
		format := func(x float64) string {
			if p.Kind == reflect.Float64 {
				return strconv.FormatFloat(x, 'g', -1, 64)
			}
			return strconv.FormatFloat(x, 'f', 0, 64) // whole numbers, no exponent
		}
		if !math.IsInf(p.Min, -1) {
			v := format(p.Min - 1)
			cases = append(cases, bad(fmt.Sprintf("%s %s is below the minimum", flag, v), v, p.RangeText()))
		}
		if !math.IsInf(p.Max, 1) {
			v := format(p.Max + 1)
			cases = append(cases, bad(fmt.Sprintf("%s %s is above the maximum", flag, v), v, p.RangeText()))
		}
		for _, v := range []string{"abc", "NaN", "Inf", "-Inf", "1e999", ""} {
			cases = append(cases, bad(fmt.Sprintf("%s %q is not a valid number", flag, v), v))
		}
		if p.Kind != reflect.Float64 {
			cases = append(cases, bad(flag+" 2.5 is not a whole number", "2.5"))
		}
		for _, v := range numbersOutside(p.Enum) {
			cases = append(cases, bad(fmt.Sprintf("%s %s is not one of the choices", flag, v), v, p.Enum...))
		}
	case reflect.Slice:
		lo := strconv.FormatFloat(p.Min-1, 'f', 0, 64)
		hi := strconv.FormatFloat(p.Max+1, 'f', 0, 64)
		ok := strconv.FormatFloat(p.Min, 'f', 0, 64)
		cases = append(cases,
			bad(fmt.Sprintf("%s %s has an entry below the minimum", flag, lo), lo, p.RangeText()),
			bad(fmt.Sprintf("%s %s has an entry above the maximum", flag, hi), hi, p.RangeText()),
			bad(fmt.Sprintf("%s %s,%s has a later entry below the minimum", flag, ok, lo), ok+","+lo, p.RangeText()),
			bad(flag+" -3 has a negative entry", "-3", p.RangeText()),
			bad(flag+" 3,,4 has an empty entry", "3,,4"),
			bad(flag+" abc is not a list of numbers", "abc"),
			bad(flag+" 2.5 is not a whole number", "2.5"),
		)
		if p.MaxLen > 0 {
			long := strings.TrimSuffix(strings.Repeat(ok+",", p.MaxLen+1), ",")
			cases = append(cases, bad(fmt.Sprintf("%s with %d entries is too long", flag, p.MaxLen+1), long, strconv.Itoa(p.MaxLen)))
		}
	case reflect.String:
		if p.Enum == nil {
			t.Errorf("parameter %s is a string without an enum: add bad-input cases for it", p.Key)
			break
		}
		cases = append(cases, bad(flag+" no-such-choice is not one of the choices", "no-such-choice", p.Enum...))
	case reflect.Bool:
		cases = append(cases, bad(flag+"=maybe is not a boolean", "maybe"))
		cases[len(cases)-1].args = []string{flag + "=maybe"}
	default:
		t.Errorf("parameter %s has kind %v, which this test does not know: add bad-input cases for it", p.Key, p.Kind)
	}
	return cases
}

// numbersOutside returns the neighbours e ± 1 of the numbers in enum that
// are not in enum themselves.
func numbersOutside(enum []string) []string {
	var out []string
	for _, e := range enum {
		x, err := strconv.ParseFloat(e, 64)
		if err != nil {
			continue
		}
		for _, y := range []float64{x - 1, x + 1} {
			v := strconv.FormatFloat(y, 'f', -1, 64)
			if !slices.Contains(enum, v) && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	return out
}

// crossFieldCases are invalid combinations, each from a rule of the issue
// (and of Spectrum.Validate's documentation), and invalid command lines.
var crossFieldCases = []badCase{
	{name: "teacher data with cross-entropy loss is rejected",
		args: []string{"-data", "teacher", "-loss", "ce"}, want: []string{"loss = ce", "teacher", "mse"}},
	{name: "teacher data with label noise is rejected",
		args: []string{"-data", "teacher", "-loss", "mse", "-labelnoise", "0.1"}, want: []string{"labelnoise", "teacher"}},
	{name: "more extreme eigenvalues than Lanczos steps are rejected",
		args: []string{"-steps", "20", "-topk", "30"}, want: []string{"topk = 30", "steps = 20"}},
	// 20-300-10 has 20·300 + 300 + 300·10 + 10 = 9310 parameters; the issue
	// allows a dense eigendecomposition up to 5000.
	{name: "a dense spectrum of a network above 5000 parameters is rejected",
		args: []string{"-dense", "-hidden", "300"}, want: []string{"5000", "9310"}},
	{name: "digit images of 20 pixels are rejected (the issue: 14 or 28)",
		args: []string{"-pixels", "20"}, want: []string{"pixels = 20", "14", "28"}},
	{name: "more test digits than the bundled 2000 are rejected",
		args: []string{"-data", "digits", "-test", "3000"}, want: []string{"2000"}},
	{name: "a mixture without separation is rejected",
		args: []string{"-data", "mixture", "-sep", "0"}, want: []string{"sep = 0"}},
	// With the default 300 epochs this network trips the work limit first,
	// so one epoch isolates the memory limit of 1 GiB = 1024 MiB.
	{name: "a job above the memory limit is rejected with the limit in MiB",
		args: []string{"-samples", "10000", "-epochs", "1", "-hidden", "1024,1024,1024"},
		want: []string{"MiB", fmt.Sprintf("the limit is %d MiB", experiment.MemoryLimit>>20)}},
	// 40000 epochs of full-batch GD on 10000 samples: 4·10⁸ sample
	// gradients of 3F − F₁ = 3·1920 − 1280 = 4480 multiply-adds
	// (spectrum.Spec.Cost), 1.8e12, above the 6e11 of
	// experiment.OpsLimit. Holds README.md, "overparam spectrum": "more than
	// 10 minutes of estimated compute".
	{name: "a job above the work limit is rejected with the estimate and the limit",
		args: []string{"-samples", "10000", "-epochs", "40000", "-hidden", "64"},
		want: []string{"of computing", "the limit is 10 min"}},
	{name: "an unknown flag is rejected",
		args: []string{"-no-such-flag", "1"}, want: []string{"flag provided but not defined: -no-such-flag"}},
	{name: "a stray positional argument is rejected",
		args: []string{"extra"}, want: []string{`unexpected argument "extra"`}},
	{name: "a stray argument after the flags is rejected",
		args: []string{"-seed", "3", "extra"}, want: []string{`unexpected argument "extra"`}},
}

func TestSpectrumRejectsBadUsage(t *testing.T) {
	spec := spectrum.Default()
	params := experiment.Params(&spec)
	if len(params) == 0 {
		t.Fatal("experiment.Params(&spec) returned no parameters")
	}
	var cases []badCase
	for _, p := range params {
		cases = append(cases, badValues(t, p)...)
	}
	cases = append(cases, crossFieldCases...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			args := spectrumArgs(c.args...)
			o := run(t, args...)
			if o.code != 2 {
				t.Fatalf("%s: exit status %d, want 2 (bad usage); stderr:\n%s", c.name, o.code, o.stderr)
			}
			if o.stdout != "" {
				t.Errorf("%s: printed %q on stdout, want nothing on an error", c.name, o.stdout)
			}
			// The message is what precedes a usage text, if one follows.
			msg, _, _ := strings.Cut(o.stderr, "Usage:")
			if strings.TrimSpace(msg) == "" {
				t.Errorf("%s: no error message before the usage text; stderr:\n%s", c.name, o.stderr)
			}
			if c.key != "" && !strings.Contains(msg, c.key) {
				t.Errorf("%s: message %q does not name the parameter %s", c.name, msg, c.key)
			}
			for _, w := range c.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("%s: stderr does not mention %q:\n%s", c.name, w, o.stderr)
				}
			}
		})
	}
}

// usageEntries splits the flag package's usage text into one entry per
// flag, keyed by name: "  -name type\n    \thelp (default …)".
func usageEntries(usage string) map[string]string {
	entries := map[string]string{}
	var name string
	for _, line := range strings.Split(usage, "\n") {
		if rest, ok := strings.CutPrefix(line, "  -"); ok {
			name, _, _ = strings.Cut(rest, " ")
			entries[name] = rest
			continue
		}
		if name != "" {
			entries[name] += "\n" + line
		}
	}
	return entries
}

func TestSpectrumHelpDocumentsEveryFlagWithItsRange(t *testing.T) {
	for _, arg := range []string{"-h", "-help", "--help"} {
		t.Run(arg+" exits 0 and lists every flag", func(t *testing.T) {
			o := run(t, "spectrum", arg)
			if o.code != 0 {
				t.Fatalf("spectrum %s: exit status %d, want 0; stderr:\n%s", arg, o.code, o.stderr)
			}
			if o.stdout != "" {
				t.Errorf("spectrum %s: printed %q on stdout, want the usage on stderr only", arg, o.stdout)
			}
			entries := usageEntries(o.stderr)
			spec := spectrum.Default()
			for _, p := range experiment.Params(&spec) {
				e, ok := entries[p.Key]
				if !ok {
					t.Errorf("spectrum %s: flag -%s is not documented; usage:\n%s", arg, p.Key, o.stderr)
					continue
				}
				if !strings.Contains(e, p.RangeText()) {
					t.Errorf("spectrum %s: flag -%s does not show its range %q:\n%s", arg, p.Key, p.RangeText(), e)
				}
				if !strings.Contains(e, p.Help) {
					t.Errorf("spectrum %s: flag -%s does not show its help %q:\n%s", arg, p.Key, p.Help, e)
				}
				if d := p.Get(&spec); d != "" && !strings.Contains(e, "(default "+d+")") {
					t.Errorf("spectrum %s: flag -%s does not show its default %q:\n%s", arg, p.Key, d, e)
				}
			}
			for _, name := range []string{"json", "export", "quiet"} {
				if _, ok := entries[name]; !ok {
					t.Errorf("spectrum %s: flag -%s is not documented; usage:\n%s", arg, name, o.stderr)
				}
			}
		})
	}
}

func TestDispatchUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"no arguments print the usage and fail", nil, 2, []string{"Usage: overparam <command>", "spectrum"}},
		{"an unknown command is named and fails", []string{"bogus"}, 2, []string{`unknown command "bogus"`, "Usage: overparam <command>"}},
		{"-h prints the usage and succeeds", []string{"-h"}, 0, []string{"Usage: overparam <command>", "spectrum"}},
		{"help prints the usage and succeeds", []string{"help"}, 0, []string{"Usage: overparam <command>", "spectrum"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := run(t, c.args...)
			if o.code != c.code {
				t.Errorf("overparam %q: exit status %d, want %d", c.args, o.code, c.code)
			}
			if o.stdout != "" {
				t.Errorf("overparam %q: printed %q on stdout, want the usage on stderr", c.args, o.stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("overparam %q: stderr does not mention %q:\n%s", c.args, w, o.stderr)
				}
			}
		})
	}
}
