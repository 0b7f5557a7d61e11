package site

import (
	"net/http"
	"strings"
	"testing"
)

// TestServeSendsSecurityHeaders: every response of `overparam serve` (pages,
// go-app's scripts and service worker, the site's files, not-found pages)
// carries the Content-Security-Policy with frame-ancestors 'none' and
// X-Content-Type-Options: nosniff. Truth: ContentSecurityPolicy (page.go)
// and the CSP Level 3 spec, §6.4.2 (frame-ancestors).
func TestServeSendsSecurityHeaders(t *testing.T) {
	srv := serve(t, Options{Web: testWeb(t)})
	for _, path := range []string{"/", "/spectrum", "/app.js", "/app-worker.js", "/wasm_exec.js", "/manifest.webmanifest", "/web/icon.svg", "/web/app.wasm", "/web/", "/no-such-page"} {
		res, _ := get(t, srv, path)
		csp := res.Header.Get("Content-Security-Policy")
		if csp != ContentSecurityPolicy {
			t.Errorf("%s: Content-Security-Policy %q, want %q", path, csp, ContentSecurityPolicy)
		}
		for _, d := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, d) {
				t.Errorf("%s: the policy lacks %s", path, d)
			}
		}
		if strings.Contains(csp, "unsafe-eval'") && !strings.Contains(csp, "wasm-unsafe-eval") || strings.Contains(strings.Split(csp, "style-src")[0], "unsafe-inline") {
			t.Errorf("%s: the policy allows eval or inline scripts: %q", path, csp)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
	}
}

// TestServeListsNoDirectoriesAndServesNoSource: /web/ and its
// subdirectories are not listed, and the web directory's Go source and Go
// packages (web/kernels) are not served. Truth: isSiteFile's rule
// (files.go).
func TestServeListsNoDirectoriesAndServesNoSource(t *testing.T) {
	srv := serve(t, Options{Web: testWeb(t)})
	for _, path := range []string{"/web/", "/web/thumbs/", "/web/thumbs", "/web/data/", "/web/embed.go", "/web/kernels/kernels.go", "/web/kernels/kernels.wasm", "/web/../go.mod", "/web/.hidden"} {
		res, body := get(t, srv, path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
		if strings.Contains(body, "<a href") || strings.Contains(body, "package ") {
			t.Errorf("%s: the body lists files or shows source: %.200q", path, body)
		}
	}
	for path, ctype := range map[string]string{"/web/icon.svg": "image/svg+xml", "/web/style.css": "text/css; charset=utf-8", "/web/app.wasm": "application/wasm", "/web/compute-worker.js": "text/javascript; charset=utf-8"} {
		res, _ := get(t, srv, path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != ctype {
			t.Errorf("%s: status %d, Content-Type %q; want 200 and %q (nosniff needs the right type)", path, res.StatusCode, res.Header.Get("Content-Type"), ctype)
		}
	}
}

// TestServeAnswersUnknownPathsWithTheAppsNotFoundPage: a path that is no
// page gets status 404 and the app's own not-found page (the site's header
// and a link home), not Go's bare "404 page not found". Truth: the
// not-found page of package app (app/not-found-page.go, #not-found-home).
func TestServeAnswersUnknownPathsWithTheAppsNotFoundPage(t *testing.T) {
	srv := serve(t, Options{Web: testWeb(t)})
	for _, path := range []string{"/no-such-page", "/spectrum/extra", "/favicon.ico"} {
		res, body := get(t, srv, path)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", path, res.StatusCode)
		}
		for _, want := range []string{`id="not-found-home"`, `href="/"`, `src="/app.js"`, "<noscript>"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s: the page lacks %s", path, want)
			}
		}
	}
	for _, path := range []string{"/", "/spectrum", "/paths", "/doubledescent"} {
		res, body := get(t, srv, path)
		if res.StatusCode != http.StatusOK || strings.Contains(body, "not-found-home") {
			t.Errorf("%s: status %d, or the not-found page; want the page", path, res.StatusCode)
		}
	}
}
