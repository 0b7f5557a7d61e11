package site

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	opapp "github.com/overparam/overparam/app"
)

// goAppFiles are the paths go-app's handler serves itself (its scripts,
// manifest, styles and service worker), besides the pages and /web/.
var goAppFiles = map[string]bool{
	"/app.js": true, "/goapp.js": true, "/app-worker.js": true, "/wasm_exec.js": true,
	"/manifest.webmanifest": true, "/manifest.json": true, "/app.css": true,
	"/app.wasm": true, "/goapp.wasm": true,
}

// Server returns the handler `overparam serve` runs: go-app's pages and
// files and the site's files of o.Web under /web/, with no directory
// listings; a path that is no page gets the app's not-found page with
// status 404. Every response carries the site's Content-Security-Policy
// and X-Content-Type-Options: nosniff.
func Server(o Options) (http.Handler, error) {
	h, err := appHandler(o)
	if err != nil {
		return nil, err
	}
	pages := map[string]bool{}
	for _, p := range opapp.Pages() {
		pages[p] = true
	}
	domain, _ := ParseDomain(o.Domain)
	return &server{app: h, pages: pages, domain: domain}, nil
}

type server struct {
	app    *app.Handler
	pages  map[string]bool
	domain string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	SetSecurityHeaders(w.Header())
	switch p := r.URL.Path; {
	case s.pages[p]:
		s.servePage(w, r, http.StatusOK)
	case strings.HasPrefix(p, "/web/") || goAppFiles[p]:
		s.app.ServeHTTP(w, r)
	default:
		s.servePage(w, r, http.StatusNotFound)
	}
}

// SetSecurityHeaders sets the headers every response of the site carries:
// the Content-Security-Policy, no MIME sniffing, and no framing (also for
// browsers that predate frame-ancestors).
func SetSecurityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", ContentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
}

// servePage renders the page at r's path through go-app, finishes it (see
// finishPage) and writes it with status.
func (s *server) servePage(w http.ResponseWriter, r *http.Request, status int) {
	rec := httptest.NewRecorder()
	s.app.ServeHTTP(rec, r)
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	if rec.Code != http.StatusOK {
		w.WriteHeader(rec.Code) // 304 Not Modified, or go-app's own error
		w.Write(rec.Body.Bytes())
		return
	}
	page, err := finishPage(rec.Body.Bytes(), s.domain, false)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		bytes.NewReader(page).WriteTo(w)
	}
}
