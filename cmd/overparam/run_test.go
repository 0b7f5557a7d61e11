package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// smallLink is the query of the small flags, as a page writes it.
const smallLink = "v=1&samples=60&test=30&hidden=8&epochs=20&steps=20&probes=2&topk=5"

// Truth: "overparam spectrum -json" with the same parameters as flags. A
// link runs the same spec whatever host or sub-path it carries.
func TestRunLinkEqualsTheSpectrumCommand(t *testing.T) {
	want := mustRun(t, spectrumArgs("-json")...).stdout
	for _, link := range []string{
		"http://localhost:8000/spectrum?" + smallLink,
		"https://someone.github.io/overparam/spectrum?" + smallLink,
		"/spectrum?" + smallLink,
		"spectrum.html?" + smallLink,
	} {
		got := mustRun(t, "run", "-quiet", "-link", link).stdout
		if got != want {
			t.Errorf("%s: result differs from spectrum -json:\n%.200s\n%.200s", link, got, want)
		}
	}
}

// Truth: experiment.ParseQuery's corrections; run prints them, then runs
// the corrected spec, as the page does.
func TestRunLinkReportsCorrections(t *testing.T) {
	o := mustRun(t, "run", "-link", "/spectrum?"+smallLink+"&classes=1000&evil=%3Cscript%3E")
	if !strings.Contains(o.stderr, "classes = \"1000\" is out of range") || !strings.Contains(o.stderr, `"evil"`) {
		t.Errorf("stderr lacks the corrections:\n%s", o.stderr)
	}
	if !strings.Contains(o.stdout, `"classes":100`) {
		t.Errorf("the run did not use the clamped classes = 100")
	}
}

// Truth: the usage contract — bad usage exits 2 with a message.
func TestRunLinkBadUsage(t *testing.T) {
	cases := []struct{ name, want string }{
		{"", "-link is required"},
		{"/nowhere?v=1", `page "nowhere" has no experiment`},
		{"/spectrum?v=1&samples=10000&hidden=1024,1024,1024,1024&steps=1000", "limit"},
		{"http://[::1", "not a URL"},
		// Data the generators would refuse mid-run: (10000 + 10000)·1024
		// inputs exceed data.MaxElements = 2²⁴; refused up front, as usage.
		{"/spectrum?v=1&dim=1024&samples=10000&test=10000&hidden=8&probes=100&epochs=1", "at most samples = 6384"},
		{"/doubledescent?v=1&model=mlp&data=digits&test=2500", "test = 2500"},
		// Hours of Lanczos products on 265,000 parameters (spectrum.Spec.Cost).
		{"/spectrum?v=1&epochs=0&hidden=256&dim=1024&samples=5000&steps=300&probes=100&topk=100", "the limit is 10 min"},
	}
	for _, c := range cases {
		args := []string{"run"}
		if c.name != "" {
			args = append(args, "-link", c.name)
		}
		o := run(t, args...)
		if o.code != 2 || !strings.Contains(o.stderr, c.want) {
			t.Errorf("run -link %q: status %d, stderr %q; want 2 and %q", c.name, o.code, o.stderr, c.want)
		}
	}
}

// Truth: train.DivergenceFactor's rule; a run that fails exits 1 with the
// training error, unlike a refused link (2).
func TestRunLinkDivergenceFails(t *testing.T) {
	o := run(t, "run", "-quiet", "-link", "/spectrum?v=1&activation=relu&lr=100&epochs=50")
	if o.code != 1 || !strings.Contains(o.stderr, "training diverged at step") || o.stdout != "" {
		t.Errorf("status %d, stderr %q, stdout %.80q; want 1, the divergence named, no result", o.code, o.stderr, o.stdout)
	}
}

var fetchesElsewhere = regexp.MustCompile(`<(script|link|img|iframe|source)[^>]*(src|href)="(https?:)?//[^"]*"|url\((https?:)?//|importScripts\(["']https?:`)

// Truth: the static-site layout go-app documents (one HTML file per page
// plus its scripts), and the rule that nothing is fetched from another host.
func TestStaticSiteUnderASubPath(t *testing.T) {
	web, err := filepath.Abs("../../web")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(web, "app.wasm")); err != nil {
		t.Skip("web/app.wasm is not built; make test builds it before the end-to-end tests")
	}
	out := t.TempDir()
	mustRun(t, "static", "-out", out, "-base", "/overparam", "-web", web)
	for _, f := range []string{"index.html", "spectrum.html", "paths.html", "doubledescent.html", "404.html", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "web/app.wasm", "web/worker-spectrum.wasm", "web/worker-paths.wasm", "web/worker-doubledescent.wasm", "web/compute-worker.js", "web/data/digits.bin.gz"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("the static site lacks %s", f)
		}
	}
	for _, f := range []string{"index.html", "spectrum.html", "paths.html", "doubledescent.html", "app.js", "app-worker.js", "manifest.webmanifest"} {
		b, _ := os.ReadFile(filepath.Join(out, f))
		page := string(b)
		if !strings.Contains(page, "/overparam/") {
			t.Errorf("%s does not use the sub-path /overparam/", f)
		}
		// Links to papers (<a href>) are the reader's choice; anything the
		// browser would fetch by itself must stay on the site.
		if m := fetchesElsewhere.FindString(page); m != "" {
			t.Errorf("%s makes the browser fetch from another host: %s", f, m)
		}
	}
}
