package main

import (
	"os"
	"strings"
	"testing"
)

// readmeBlock returns the lines of the first fenced code block of
// README.md that follows the line start, up to its closing fence.
func readmeBlock(t *testing.T, start string) []string {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, after, ok := strings.Cut(string(b), "\n"+start+"\n")
	if !ok {
		t.Fatalf("README.md has no line %q", start)
	}
	block, _, ok := strings.Cut(after, "\n```")
	if !ok {
		t.Fatalf("the block after %q in README.md does not close", start)
	}
	return strings.Split(block, "\n")
}

func TestREADMEExampleIsWhatTheDefaultSpectrumPrints(t *testing.T) {
	// Holds README.md, "overparam spectrum", the example of the default
	// preset: every line it shows (parameters, losses and accuracies,
	// Lanczos steps × probes, the outlier count, bulk edge and gap ratio,
	// the trace) is a line the command prints, character for character.
	// Truth: the command's own output; the README's "..." marks lines left
	// out.
	checkREADMEExample(t, "spectrum")
}

// checkREADMEExample checks README.md's example of `overparam <command>`
// (the block after "$ bin/overparam <command>"): every line it shows is a
// line the command prints with -quiet, character for character ("..."
// marks lines left out), and it shows at least four, the summary lines.
func checkREADMEExample(t *testing.T, command string) {
	t.Helper()
	want := readmeBlock(t, "$ bin/overparam "+command)
	o := mustRun(t, command, "-quiet")
	got := map[string]bool{}
	for _, line := range strings.Split(o.stdout, "\n") {
		got[line] = true
	}
	shown := 0
	for _, line := range want {
		if line == "..." || line == "" {
			continue
		}
		shown++
		if !got[line] {
			t.Errorf("README.md shows %q, which `overparam %s` does not print; it prints:\n%s", line, command, o.stdout)
		}
	}
	if shown < 4 {
		t.Errorf("README.md's example shows %d lines of output; want the summary lines", shown)
	}
}
