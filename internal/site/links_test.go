package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// fileOf maps a local URL of a site generated under base to the file a
// static host (GitHub Pages) serves for it: the query is dropped, base/ is
// index.html, base/spectrum is spectrum.html. ok is false for a URL
// outside base.
func fileOf(out, base, u string) (string, bool) {
	u, _, _ = strings.Cut(u, "?")
	if !strings.HasPrefix(u, base+"/") {
		return "", false
	}
	rel := strings.TrimPrefix(u, base+"/")
	switch {
	case rel == "":
		rel = "index.html"
	case filepath.Ext(rel) == "":
		rel += ".html"
	}
	return filepath.Join(out, filepath.FromSlash(rel)), true
}

// TestPrerenderedLinksResolveUnderBase: `make static BASE=/overparam` wrote
// /overparam/overparam/… for the navigation, the logo and the 19 gallery
// thumbnails (go-app resolved links the pages had resolved already), so a
// first load made 20 requests that 404ed and the links broke without
// JavaScript. Every href and src of every pre-rendered page, of the
// manifest and of the service worker's cache list must name a file of the
// output under the base path. Truth: the files Generate wrote.
func TestPrerenderedLinksResolveUnderBase(t *testing.T) {
	web := testWeb(t)
	for _, base := range []string{"", "/overparam", "/a/b"} {
		out := generate(t, web, base, "")
		checked := 0
		check := func(from, u string) {
			t.Helper()
			f, ok := fileOf(out, base, u)
			if !ok {
				t.Errorf("base %q: %s links to %s, outside %s/", base, from, u, base)
				return
			}
			if _, err := os.Stat(f); err != nil {
				t.Errorf("base %q: %s links to %s, which is no file of the site (%v)", base, from, u, err)
			}
			checked++
		}
		for _, page := range htmlFiles(t, out) {
			for _, u := range localURLs(readFile(t, page)) {
				check(filepath.Base(page), u)
			}
		}
		var manifest struct {
			StartURL string `json:"start_url"`
			Icons    []struct{ Src string }
		}
		if err := json.Unmarshal([]byte(readFile(t, filepath.Join(out, "manifest.webmanifest"))), &manifest); err != nil {
			t.Fatal(err)
		}
		check("the manifest", manifest.StartURL)
		for _, ic := range manifest.Icons {
			check("the manifest", ic.Src)
		}
		for _, u := range cacheList(t, out) {
			check("the service worker's cache list", u)
		}
		// 4 pages and 404.html with ~10 links each, 19 thumbnails, the cache list.
		if checked < 100 {
			t.Errorf("base %q: only %d links checked; the page parsing is broken", base, checked)
		}
	}
}

// resourcesToCache matches the cache list in go-app's service worker.
var resourcesToCache = regexp.MustCompile(`const resourcesToCache = (\[[^\]]*\]);`)

// cacheList returns the service worker's cache list of a generated site.
func cacheList(t *testing.T, out string) []string {
	t.Helper()
	m := resourcesToCache.FindStringSubmatch(readFile(t, filepath.Join(out, "app-worker.js")))
	if m == nil {
		t.Fatal("app-worker.js has no resourcesToCache list")
	}
	var list []string
	if err := json.Unmarshal([]byte(m[1]), &list); err != nil {
		t.Fatal(err)
	}
	return list
}

// TestServiceWorkerCachesWhatPagesReference: offline, the logo was broken
// because web/icon.svg was missing from the service worker's cache list.
// Every file of the site's web/ directory (what the pages, the manifest and
// the compute workers fetch), every page and every local href and src of
// every pre-rendered page must be in the list. Truth: the files Generate
// wrote and the pages' own links.
func TestServiceWorkerCachesWhatPagesReference(t *testing.T) {
	web := testWeb(t)
	for _, base := range []string{"", "/overparam"} {
		out := generate(t, web, base, "")
		list := cacheList(t, out)
		cached := func(u string) bool {
			u, _, _ = strings.Cut(u, "?")
			return slices.Contains(list, u)
		}
		for _, page := range htmlFiles(t, out) {
			for _, u := range localURLs(readFile(t, page)) {
				if !cached(u) {
					t.Errorf("base %q: %s references %s, which the service worker does not cache", base, filepath.Base(page), u)
				}
			}
		}
		err := filepath.WalkDir(filepath.Join(out, "web"), func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if u := base + "/" + filepath.ToSlash(rel); !cached(u) {
				t.Errorf("base %q: the site's file %s is not cached", base, u)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"/", "/spectrum", "/paths", "/doubledescent", "/web/icon.svg", "/wasm_exec.js", "/web/compute-worker.js", "/web/data/digits.bin.gz"} {
			if !cached(base + u) {
				t.Errorf("base %q: %s is not cached", base, base+u)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "web", "kernels")); err == nil {
			t.Errorf("base %q: the site copies web/kernels, a Go package whose binary is embedded in the worker", base)
		}
	}
}
