package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHelpStartsWithTheSynopsis: `overparam <command> -h` prints the usage
// line first, then the synopsis and the flags, and exits 0; a bad flag
// names it and points at -h, with status 2. Truth: the convention of Go's
// own tools (`go help build` starts "usage: go build …").
func TestHelpStartsWithTheSynopsis(t *testing.T) {
	for _, c := range commands() {
		o := run(t, c.name, "-h")
		if o.code != 0 || !strings.HasPrefix(o.stderr, "Usage: overparam "+c.name+" [flags]\n") {
			t.Errorf("overparam %s -h: status %d, output starts %.80q; want 0 and the usage line first", c.name, o.code, o.stderr)
		}
		o = run(t, c.name, "-no-such-flag")
		if o.code != 2 || !strings.Contains(o.stderr, "-no-such-flag") || !strings.Contains(o.stderr, "overparam "+c.name+" -h") {
			t.Errorf("overparam %s -no-such-flag: status %d, %q; want 2, the flag named and a pointer to -h", c.name, o.code, o.stderr)
		}
	}
}

// TestExportPathIsCheckedBeforeTraining: an -export path that cannot be
// written is refused up front with status 2 (nothing is trained: the
// refusal prints no result), and an existing file there is left as it was
// when the run is refused. Truth: the file system's state before and after.
func TestExportPathIsCheckedBeforeTraining(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, path, want string }{
		{"a missing folder", filepath.Join(dir, "missing", "model.json"), "does not exist"},
		{"a directory", dir, "is a directory"},
	} {
		o := run(t, spectrumArgs("-export", c.path)...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) || o.stdout != "" {
			t.Errorf("%s: status %d, stdout %q, stderr %q; want 2, %q and no result", c.name, o.code, o.stdout, o.stderr, c.want)
		}
	}
	keep := filepath.Join(dir, "model.json")
	if err := os.WriteFile(keep, []byte("precious"), 0o644); err != nil {
		t.Fatal(err)
	}
	if o := run(t, spectrumArgs("-export", keep, "-epochs", "0", "-lr", "-1")...); o.code != 2 {
		t.Fatalf("a refused spec: status %d, want 2", o.code)
	}
	if b, _ := os.ReadFile(keep); string(b) != "precious" {
		t.Errorf("a refused run changed the existing export file to %q", b)
	}
}
