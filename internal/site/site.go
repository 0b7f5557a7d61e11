// Package site builds Overparam's web site from go-app's handler: the pages
// of package app, pre-rendered on the server, plus the static assets in
// web/ (styles, scripts, icons, the digits asset and the built .wasm
// files). The CLI serves it (overparam serve) and writes it out as a static
// site (overparam static). It is native-only code, kept out of the wasm
// builds, which never import it.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	opapp "github.com/overparam/overparam/app"
)

// Required lists the built files a site needs in the web directory.
var Required = []string{"app.wasm", "worker-spectrum.wasm", "worker-paths.wasm", "worker-doubledescent.wasm", "compute-worker.js", "style.css", "overparam.js", "icon.svg", "icon-192.png", "icon-512.png", "data/digits.bin.gz"}

// Check reports a missing file of the web directory, naming the command
// that builds it.
func Check(webDir string) error {
	for _, f := range Required {
		if _, err := os.Stat(filepath.Join(webDir, f)); err != nil {
			return fmt.Errorf("%s is missing: run 'make build' (it builds web/app.wasm and the web/worker-*.wasm modules)", filepath.Join(webDir, f))
		}
	}
	return nil
}

// resolver serves /web/… from a directory and resolves static paths under
// the site's prefix ("" or "/repo-name").
type resolver struct {
	prefix string
	files  http.Handler
}

func (r resolver) Resolve(location string) string {
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if location == "" || location == "/" {
		return r.prefix + "/"
	}
	return r.prefix + "/" + strings.TrimLeft(location, "/")
}

func (r resolver) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.files.ServeHTTP(w, req)
}

// Handler returns the site's handler, serving web/ from webDir. prefix is
// the path the site lives under ("" at a domain's root, "/repo" on GitHub
// Pages); version names the build for go-app's service worker ("" picks a
// new one at each start, for development).
func Handler(webDir, prefix, version string) *app.Handler {
	opapp.Register()
	prefix = strings.TrimRight(prefix, "/")
	if prefix != "" && !strings.HasPrefix(prefix, "/") {
		prefix = "/" + prefix
	}
	return &app.Handler{
		Name:                  "Overparam",
		ShortName:             "Overparam",
		Title:                 "Overparam: over-parameterized learning, live in your browser",
		Description:           "Train small networks in your browser and watch their Hessian spectrum: the bulk near zero and the outliers that follow the classes. Shareable, reproducible links.",
		Lang:                  "en",
		Author:                "Overparam",
		Keywords:              []string{"Hessian spectrum", "Lanczos", "over-parameterization", "deep learning", "WebAssembly"},
		BackgroundColor:       "#f7f7f5",
		ThemeColor:            "#1d4ed8",
		LoadingLabel:          "Loading Overparam… {progress}%",
		Icon:                  app.Icon{Default: "/web/icon-192.png", Large: "/web/icon-512.png", SVG: "/web/icon.svg"},
		Styles:                []string{"/web/style.css"},
		Scripts:               []string{"/web/overparam.js"},
		CacheableResources:    cacheable(webDir),
		Resources:             resolver{prefix: prefix, files: http.StripPrefix("/web", http.FileServer(http.Dir(webDir)))},
		Version:               version,
		ServiceWorkerTemplate: serviceWorkerJS,
	}
}

// cacheable lists what go-app's service worker caches besides its own
// files, so the site works offline after the first visit: every page, the
// compute worker and its wasm, the digits asset and the thumbnails.
func cacheable(webDir string) []string {
	var list []string
	for _, p := range opapp.Pages() {
		if p != "/" {
			list = append(list, p)
		}
	}
	list = append(list, "/web/compute-worker.js", "/web/data/digits.bin.gz")
	workers, _ := filepath.Glob(filepath.Join(webDir, "worker-*.wasm"))
	for _, w := range workers {
		list = append(list, "/web/"+filepath.Base(w))
	}
	thumbs, _ := filepath.Glob(filepath.Join(webDir, "thumbs", "*.svg"))
	for _, t := range thumbs {
		list = append(list, "/web/thumbs/"+filepath.Base(t))
	}
	return list
}

// cacheLookup is the line of go-app's service worker that looks a request up
// in its cache.
const cacheLookup = "const cachedResponse = await caches.match(request);"

// serviceWorkerJS is go-app's service worker with one change: a page opened
// offline by a link with a query (/spectrum?v=1&…) is served from the cached
// page without its query, so shared links work offline after the first
// visit. The app reads the query from the address bar, not from the HTML.
var serviceWorkerJS = func() string {
	if !strings.Contains(app.DefaultAppWorkerJS, cacheLookup) {
		panic("site: go-app's service worker changed; update serviceWorkerJS")
	}
	return strings.Replace(app.DefaultAppWorkerJS, cacheLookup,
		cacheLookup+"\n  if (!cachedResponse && request.mode === \"navigate\") {\n    const page = await caches.match(request, {ignoreSearch: true});\n    if (page) {\n      return page;\n    }\n  }", 1)
}()

// Version hashes the files of webDir, so a static site's service worker
// updates exactly when its content changes.
func Version(webDir string) (string, error) {
	h := sha256.New()
	var paths []string
	err := filepath.WalkDir(webDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			paths = append(paths, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	slices.Sort(paths)
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return "", err
		}
		io.WriteString(h, filepath.ToSlash(p)+"\x00")
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// Generate writes the static site to out: every page as HTML, go-app's
// scripts and service worker, and a copy of webDir as out/web. prefix is
// the path the site will live under ("" or "/repo").
func Generate(out, webDir, prefix string) error {
	if err := Check(webDir); err != nil {
		return err
	}
	version, err := Version(webDir)
	if err != nil {
		return err
	}
	if err := os.RemoveAll(out); err != nil {
		return err
	}
	h := Handler(webDir, prefix, version)
	if err := app.GenerateStaticWebsite(out, h, opapp.Pages()...); err != nil {
		return err
	}
	if err := copyDir(filepath.Join(out, "web"), webDir); err != nil {
		return err
	}
	// GitHub Pages serves 404.html for unknown paths; the app shows its
	// own not-found page from there.
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "404.html"), index, 0o644)
}

func copyDir(dst, src string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if strings.HasSuffix(p, ".go") {
			return nil // web/embed.go embeds the digits asset for the CLI
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}
