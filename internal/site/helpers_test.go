package site

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// testWeb builds a web directory in a temporary directory: the site files
// of the repository's web/ (styles, scripts, icons, thumbnails, the digits
// asset), stub .wasm modules for the ones 'make build' writes, and a Go
// package with an embedded binary (as web/kernels is), which is no part of
// the site.
func testWeb(t *testing.T) string {
	t.Helper()
	web := filepath.Join(t.TempDir(), "web")
	files, err := siteFiles(filepath.Join("..", "..", "web"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, ".wasm") {
			continue
		}
		b, err := os.ReadFile(filepath.Join("..", "..", "web", f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(web, f), string(b))
	}
	for _, f := range Required {
		if strings.HasSuffix(f, ".wasm") {
			writeFile(t, filepath.Join(web, f), "\x00asm\x01\x00\x00\x00")
		}
	}
	writeFile(t, filepath.Join(web, "embed.go"), "package web\n")
	writeFile(t, filepath.Join(web, "kernels", "kernels.go"), "package kernels\n")
	writeFile(t, filepath.Join(web, "kernels", "kernels.wasm"), "\x00asm\x01\x00\x00\x00")
	return web
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// generate writes the static site of web under base into a new temporary
// directory and returns it.
func generate(t *testing.T, web, base, domain string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "dist")
	if err := Generate(out, Options{Web: web, Base: base, Domain: domain}); err != nil {
		t.Fatalf("Generate(base %q, domain %q): %v", base, domain, err)
	}
	return out
}

// serve starts `overparam serve`'s handler on a test server.
func serve(t *testing.T, o Options) *httptest.Server {
	t.Helper()
	h, err := Server(o)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// get fetches a path of srv and returns the response and its body.
func get(t *testing.T, srv *httptest.Server, path string) (*http.Response, string) {
	t.Helper()
	res, err := srv.Client().Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// urlAttr matches the href and src attributes of an HTML page.
var urlAttr = regexp.MustCompile(`\s(?:href|src)="([^"]*)"`)

// localURLs lists the href and src values of page that point into the
// site (not http:, https: or fragment links), with & unescaped.
func localURLs(page string) []string {
	var urls []string
	for _, m := range urlAttr.FindAllStringSubmatch(page, -1) {
		u := strings.ReplaceAll(m[1], "&amp;", "&")
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "#") {
			continue
		}
		urls = append(urls, u)
	}
	return urls
}

// pages lists the HTML files of a generated site.
func htmlFiles(t *testing.T, out string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(out, "*.html"))
	if err != nil || len(files) < 5 {
		t.Fatalf("the site has %d HTML files (%v), want index, three pages and 404", len(files), err)
	}
	return files
}
