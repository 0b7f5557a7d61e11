package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"

	"github.com/overparam/overparam/internal/site"
)

const serveSynopsis = `Serves the browser app at http://localhost:8000 (or -addr): the pages, the
compute workers and the assets in -web, which must hold the built web/app.wasm
and web/worker-*.wasm ('make serve' builds them first).`

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", serveSynopsis, stderr)
	addr := fs.String("addr", "localhost:8000", "`host:port` to listen on")
	webDir := fs.String("web", "web", "`directory` of the static assets and built .wasm files")
	domain := fs.String("domain", "", "the site's public `address`, such as https://example.org: fills the og:url and og:image link-preview tags (left out without it)")
	if status := parseFlags(fs, args, serveSynopsis, stderr); status >= 0 {
		return status
	}
	if _, err := site.ParseDomain(*domain); err != nil {
		fmt.Fprintf(stderr, "overparam serve: %v\n", err)
		return 2
	}
	if err := site.Check(*webDir); err != nil {
		fmt.Fprintf(stderr, "overparam serve: %v\n", err)
		return 1
	}
	handler, err := site.Server(site.Options{Web: *webDir, Domain: *domain})
	if err != nil {
		fmt.Fprintf(stderr, "overparam serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "overparam serve: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "Overparam is at http://%s (Ctrl-C stops it)\n", displayAddr(ln.Addr()))
	srv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "overparam serve: %v\n", err)
		return 1
	}
	return 0
}

// displayAddr shows a loopback listener as localhost.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsLoopback() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

const staticSynopsis = `Writes the browser app as a static site to -out, deployable as-is (GitHub
Pages: pass -base /<repository>). Needs the built .wasm files in -web. The
site is written beside -out first and then renamed into place, so a failed
build leaves -out as it was.`

func runStatic(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("static", staticSynopsis, stderr)
	out := fs.String("out", "dist", "output `directory`, replaced as a whole once the new site is written; never the web directory, the working, home or repository directory, or one that contains them")
	base := fs.String("base", "", "`path` the site lives under, e.g. /overparam for GitHub Pages; empty for a domain's root")
	webDir := fs.String("web", "web", "`directory` of the static assets and built .wasm files")
	domain := fs.String("domain", "", "the site's public `address`, such as https://example.org (the path goes in -base): fills the og:url and og:image link-preview tags (left out without it)")
	if status := parseFlags(fs, args, staticSynopsis, stderr); status >= 0 {
		return status
	}
	if _, err := site.ParseDomain(*domain); err != nil {
		fmt.Fprintf(stderr, "overparam static: %v\n", err)
		return 2
	}
	if err := site.CheckOutput(*out, *webDir); err != nil {
		fmt.Fprintf(stderr, "overparam static: refusing to write the site: %v\n", err)
		return 2
	}
	if err := site.Generate(*out, site.Options{Web: *webDir, Base: *base, Domain: *domain}); err != nil {
		fmt.Fprintf(stderr, "overparam static: %v\n", err)
		return 1
	}
	fmt.Fprintf(stdout, "wrote the static site to %s\n", *out)
	return 0
}
