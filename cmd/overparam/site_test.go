package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/overparam/overparam/internal/site"
)

// stubWeb writes a web directory holding every file site.Required names
// (stub contents: the site is written, never opened in a browser here).
func stubWeb(t *testing.T, dir string) string {
	t.Helper()
	web := filepath.Join(dir, "web")
	for _, f := range site.Required {
		p := filepath.Join(web, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("stub "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return web
}

// TestStaticRefusesToReplaceTheWebDirectory: `overparam static -out web -web
// web` removed the web/ tree. It must exit 2 with the reason and leave
// every file of web/ in place. Truth: site.CheckOutput's rule.
func TestStaticRefusesToReplaceTheWebDirectory(t *testing.T) {
	dir := t.TempDir()
	web := stubWeb(t, dir)
	t.Chdir(dir)
	for _, args := range [][]string{
		{"static", "-out", "web", "-web", "web"},
		{"static", "-out", "web/", "-web", "./web"},
		{"static", "-out", ".", "-web", "web"},
	} {
		o := run(t, args...)
		if o.code != 2 || !strings.Contains(o.stderr, "refusing to write the site") {
			t.Errorf("overparam %s: exit %d, stderr %q; want exit 2 and a refusal", strings.Join(args, " "), o.code, o.stderr)
		}
		for _, f := range site.Required {
			if _, err := os.Stat(filepath.Join(web, f)); err != nil {
				t.Fatalf("after overparam %s, web/%s is gone", strings.Join(args, " "), f)
			}
		}
	}
}

// TestStaticWritesTheSiteAndExplainsFailures: a good -out gets the site; a
// bad -domain exits 2 before anything is written; a file in the way is
// reported in plain words with exit status 1.
func TestStaticWritesTheSiteAndExplainsFailures(t *testing.T) {
	dir := t.TempDir()
	web := stubWeb(t, dir)
	out := filepath.Join(dir, "dist")
	o := mustRun(t, "static", "-out", out, "-web", web, "-base", "/overparam", "-domain", "example.org")
	if !strings.Contains(o.stdout, "wrote the static site to "+out) {
		t.Errorf("stdout %q", o.stdout)
	}
	page, err := os.ReadFile(filepath.Join(out, "spectrum.html"))
	if err != nil || !strings.Contains(string(page), "https://example.org/overparam/spectrum") {
		t.Errorf("spectrum.html lacks its og:url (err %v)", err)
	}

	o = run(t, "static", "-out", filepath.Join(dir, "other"), "-web", web, "-domain", "http://example.org")
	if o.code != 2 || !strings.Contains(o.stderr, "https") {
		t.Errorf("-domain http://…: exit %d, stderr %q; want 2 and a request for an https address", o.code, o.stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "other")); err == nil {
		t.Error("a refused run wrote its output")
	}

	file := filepath.Join(dir, "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	o = run(t, "static", "-out", filepath.Join(file, "dist"), "-web", web)
	if o.code != 1 || o.stderr != "overparam static: cannot create the directory "+file+": not a directory\n" {
		t.Errorf("-out below a file: exit %d, stderr %q; want 1 and a plain message", o.code, o.stderr)
	}

	o = run(t, "serve", "-web", web, "-domain", "https://example.org/repo")
	if o.code != 2 || !strings.Contains(o.stderr, "-base /repo") {
		t.Errorf("serve -domain with a path: exit %d, stderr %q; want 2 and a pointer to -base", o.code, o.stderr)
	}
}
