package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// Truth: the repository's folders. The committed import lists are what
// genall writes for the experiment folders there today; when this fails,
// run `make generate`.
func TestTheImportListsAreCurrent(t *testing.T) {
	root := filepath.Join("..", "..")
	names, err := experimentFolders(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range generated(names) {
		got, err := os.ReadFile(filepath.Join(root, f.path))
		if err != nil {
			t.Fatalf("%v: run make generate", err)
		}
		if !bytes.Equal(got, f.src) {
			t.Errorf("%s is stale: run make generate", f.path)
		}
	}
}

// Truth: a temporary tree. A folder counts as an experiment only when it
// has a run subfolder, and the lists name each such folder once, sorted.
func TestOnlyFoldersWithARunAreExperiments(t *testing.T) {
	root := t.TempDir()
	for _, d := range []string{"b/run", "a/run", "core", "runner"} {
		if err := os.MkdirAll(filepath.Join(root, "compute", "experiment", d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	names, err := experimentFolders(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 2 || names[0] != "a" || names[1] != "b" {
		t.Fatalf("experiment folders = %v, want [a b]", names)
	}
	if err := write(root); err != nil {
		t.Fatal(err)
	}
	runs, _ := os.ReadFile(filepath.Join(root, "compute", "experiment", "all", "runs", "runs.go"))
	for _, want := range []string{`_ "github.com/overparam/overparam/compute/experiment/a/run"`, `_ "github.com/overparam/overparam/compute/experiment/b/run"`} {
		if !bytes.Contains(runs, []byte(want)) {
			t.Errorf("runs.go lacks %s:\n%s", want, runs)
		}
	}
}
