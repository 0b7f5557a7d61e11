// Package site builds Overparam's web site from go-app's handler: the pages
// of package app, pre-rendered on the server, plus the static assets in
// web/ (styles, scripts, icons, the digits asset and the built .wasm
// files). The CLI serves it (overparam serve, see Server) and writes it out
// as a static site (overparam static, see Generate). It is native-only code,
// kept out of the wasm builds, which never import it.
package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	opapp "github.com/overparam/overparam/app"
	"github.com/overparam/overparam/compute/experiment"
)

// Options says where the site's files are and where it will live.
type Options struct {
	// Web is the directory of the static assets and built .wasm files.
	Web string
	// Base is the path the site lives under: "" at a domain's root,
	// "/repo" on GitHub Pages.
	Base string
	// Domain is the site's public address, such as https://example.org
	// (see ParseDomain). It fills the og:url and og:image tags that link
	// previews read; without it they are left out.
	Domain string
	// Version names the build for go-app's service worker; "" picks a new
	// one at each start (for development).
	Version string
}

// Required lists the built files a site needs in the web directory: the
// page's module, every registered experiment's worker module
// (experiment.Experiment.Worker) and the static assets.
var Required = requiredFiles()

func requiredFiles() []string {
	files := []string{"app.wasm"}
	for _, e := range experiment.Experiments() {
		files = append(files, e.Worker())
	}
	return append(files, "compute-worker.js", "style.css", "overparam.js", "icon.svg", "icon-192.png", "icon-512.png", "data/digits.bin.gz")
}

// Check reports a missing file of the web directory, naming the command
// that builds it.
func Check(webDir string) error {
	if st, err := os.Stat(webDir); err != nil || !st.IsDir() {
		return fmt.Errorf("the web directory %s does not exist: pass -web with the repository's web/ directory", webDir)
	}
	for _, f := range Required {
		if _, err := os.Stat(filepath.Join(webDir, f)); err != nil {
			return fmt.Errorf("%s is missing: run 'make build' (it builds web/app.wasm and the web/worker-*.wasm modules)", filepath.Join(webDir, f))
		}
	}
	return nil
}

// ParseDomain reads the site's public address as -domain gives it: a host
// ("example.org", "example.org:8443") or an https URL with no path
// ("https://example.org/"). It returns the host. The path the site lives
// under is Options.Base, never part of the domain.
func ParseDomain(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	raw := s
	if !strings.Contains(s, "://") {
		raw = "https://" + s
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || u.Host == "" || u.Opaque != "":
		return "", fmt.Errorf("-domain %q is not an address: give the host, such as example.org or https://example.org", s)
	case u.Scheme != "https":
		return "", fmt.Errorf("-domain %q: link previews need an https address, such as https://example.org", s)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "", fmt.Errorf("-domain %q: give only the host, such as https://example.org, with no user, query or fragment", s)
	case strings.Trim(u.Path, "/") != "":
		return "", fmt.Errorf("-domain %q has a path: give only the host; the path the site lives under is static's -base (e.g. -domain https://example.org -base %s)", s, "/"+strings.Trim(u.Path, "/"))
	}
	return u.Host, nil
}

// cleanBase turns "", "/", "repo", "/repo/" into "" or "/repo".
func cleanBase(base string) string {
	base = strings.Trim(base, "/")
	if base == "" {
		return ""
	}
	return "/" + base
}

// resolver serves /web/… from the web directory and resolves static paths
// under the site's prefix ("" or "/repo-name").
type resolver struct {
	prefix string
	files  http.Handler
}

// Resolve puts a site path under the prefix. It is idempotent: go-app
// resolves the href and src of every element it pre-renders, and the pages
// already build their links from GOAPP_ROOT_PREFIX and
// GOAPP_STATIC_RESOURCES_URL, which are resolved; resolving those again
// gave /repo/repo/spectrum.
func (r resolver) Resolve(location string) string {
	if strings.HasPrefix(location, "http://") || strings.HasPrefix(location, "https://") {
		return location
	}
	if r.prefix != "" && (location == r.prefix || strings.HasPrefix(location, r.prefix+"/")) {
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

// appHandler returns go-app's handler for the site: its pages, scripts,
// manifest and service worker, and the web directory under /web/.
func appHandler(o Options) (*app.Handler, error) {
	domain, err := ParseDomain(o.Domain)
	if err != nil {
		return nil, err
	}
	opapp.Register() // routes unknown paths to the app's not-found page, which go-app pre-renders
	h := &app.Handler{
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
		Resources:             resolver{prefix: cleanBase(o.Base), files: http.StripPrefix("/web", fileServer(o.Web))},
		Version:               o.Version,
		ServiceWorkerTemplate: serviceWorkerJS,
	}
	if h.CacheableResources, err = cacheable(o.Web); err != nil {
		return nil, err
	}
	if domain != "" {
		h.Domain = domain
		h.Image = "/web/icon-512.png"
	}
	return h, nil
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
		rel, _ := filepath.Rel(webDir, p)
		io.WriteString(h, filepath.ToSlash(rel)+"\x00")
		_, err = io.Copy(h, f)
		f.Close()
		if err != nil {
			return "", err
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
