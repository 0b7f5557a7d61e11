package site

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot lists the files below dir with their contents, to show that a
// refused run touched nothing.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = string(b)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestStaticRefusesOutputsItMustNotReplace: `overparam static -out web -web
// web` deleted the web/ tree (Generate began with os.RemoveAll(out)). Each
// case gives an output directory that equals or contains a directory the
// user keeps, and checks that Generate refuses it, says why, and leaves
// every file in place. Truth: CheckOutput's doc comment lists the
// directories; all of them live in temporary directories here.
func TestStaticRefusesOutputsItMustNotReplace(t *testing.T) {
	root := t.TempDir()
	repo := filepath.Join(root, "repo")
	web := filepath.Join(repo, "web")
	writeFile(t, filepath.Join(repo, "go.mod"), "module example\n")
	writeFile(t, filepath.Join(repo, "README.md"), "keep me\n")
	real := testWeb(t)
	if err := os.Rename(real, web); err != nil {
		t.Fatal(err)
	}
	home := filepath.Join(root, "home")
	writeFile(t, filepath.Join(home, "notes.txt"), "keep me\n")
	work := filepath.Join(root, "work", "today")
	writeFile(t, filepath.Join(work, "data.csv"), "keep,me\n")
	other := filepath.Join(root, "other")
	writeFile(t, filepath.Join(other, "thesis.tex"), "keep me\n")
	link := filepath.Join(root, "link-to-web")
	if err := os.Symlink(web, link); err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", home)
	t.Chdir(work)
	before := snapshot(t, root)

	cases := []struct {
		name, out, want string
	}{
		{"the web directory itself", web, "is the web directory"},
		{"a directory containing the web directory", repo, "contains the web directory"},
		{"a symbolic link to the web directory", link, "is the web directory"},
		{"a directory inside the web directory", filepath.Join(web, "dist"), "inside the web directory"},
		{"the working directory", ".", "is the working directory"},
		{"the working directory's parent", "..", "contains the working directory"},
		{"the home directory", home, "is your home directory"},
		{"the filesystem root", "/", "filesystem root"},
		{"the repository (go.mod) above the web directory", repo, "contains"},
		{"a directory that is not a site written before", other, "not a static site written before"},
		{"an empty name", "", "-out is empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Generate(c.out, Options{Web: web})
			if err == nil {
				t.Fatalf("Generate(%q) succeeded; want a refusal", c.out)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("Generate(%q): %v; want it to say %q", c.out, err, c.want)
			}
		})
	}
	after := snapshot(t, root)
	if len(after) != len(before) {
		t.Errorf("%d files before the refused runs, %d after", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s changed or went missing", p)
		}
	}
	// The repository as seen from the working directory counts too.
	t.Chdir(filepath.Join(web, "thumbs"))
	if err := Generate(repo, Options{Web: web}); err == nil || !strings.Contains(err.Error(), "contains") {
		t.Errorf("from inside the repository, -out <repository> gave %v; want a refusal", err)
	}
}

// TestStaticReplacesItsOwnOutput: a second run over a site written before
// replaces it and leaves no temporary directories beside it.
func TestStaticReplacesItsOwnOutput(t *testing.T) {
	web := testWeb(t)
	out := generate(t, web, "", "")
	writeFile(t, filepath.Join(out, "stale.txt"), "from an older build\n")
	if err := Generate(out, Options{Web: web}); err != nil {
		t.Fatalf("regenerating over the previous site: %v", err)
	}
	if _, err := os.Stat(filepath.Join(out, "stale.txt")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a file of the previous site survived the new build (stat: %v)", err)
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err != nil {
		t.Errorf("the new site has no index.html: %v", err)
	}
	assertNoLeftovers(t, filepath.Dir(out), "dist")
}

func assertNoLeftovers(t *testing.T, parent, want string) {
	t.Helper()
	entries, err := os.ReadDir(parent)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != want {
			t.Errorf("%s is left beside the output", filepath.Join(parent, e.Name()))
		}
	}
}

// TestFailedBuildLeavesThePreviousSite: a build that fails half-way (here
// after writing part of the site) leaves the previous site as it was and
// no half-written directory; with no previous site, no output at all.
func TestFailedBuildLeavesThePreviousSite(t *testing.T) {
	web := testWeb(t)
	out := generate(t, web, "", "")
	before := snapshot(t, out)
	defer func(b func(string, Options, string) error) { buildSite = b }(buildSite)
	buildSite = func(dir string, o Options, domain string) error {
		if err := build(dir, o, domain); err != nil {
			return err
		}
		writeFile(t, filepath.Join(dir, "index.html"), "half-written")
		return &os.PathError{Op: "write", Path: filepath.Join(dir, "web", "app.wasm"), Err: errors.New("no space left on device")}
	}
	err := Generate(out, Options{Web: web})
	if err == nil {
		t.Fatal("the failing build reported success")
	}
	want := "cannot write " + filepath.Join(out, "web", "app.wasm") + ": no space left on device"
	if err.Error() != want {
		t.Errorf("the error reads %q; want the plain %q (the final path, not the temporary one)", err, want)
	}
	after := snapshot(t, out)
	if len(after) != len(before) {
		t.Errorf("the previous site had %d files, now %d", len(before), len(after))
	}
	for p, b := range before {
		if after[p] != b {
			t.Errorf("%s of the previous site changed", p)
		}
	}
	assertNoLeftovers(t, filepath.Dir(out), "dist")

	fresh := filepath.Join(t.TempDir(), "dist")
	if err := Generate(fresh, Options{Web: web}); err == nil {
		t.Fatal("the failing build reported success")
	}
	assertNoLeftovers(t, filepath.Dir(fresh), "")
}

// TestStaticReportsFileErrorsInPlainWords: an output whose parent is a file
// fails with the path and the reason, not go-app's JSON errors.
func TestStaticReportsFileErrorsInPlainWords(t *testing.T) {
	web := testWeb(t)
	file := filepath.Join(t.TempDir(), "a-file")
	writeFile(t, file, "x")
	err := Generate(filepath.Join(file, "dist"), Options{Web: web})
	if err == nil {
		t.Fatal("writing below a file succeeded")
	}
	if msg := err.Error(); !strings.HasPrefix(msg, "cannot create the directory "+file) || !strings.HasSuffix(msg, "not a directory") || strings.Contains(msg, "{") {
		t.Errorf("the error reads %q; want \"cannot create the directory %s: not a directory\"", msg, file)
	}
}
