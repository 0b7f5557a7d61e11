package site

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
)

// The site's Content-Security-Policy: everything from its own origin, and
// nothing else.
//   - script-src 'wasm-unsafe-eval' lets the page and the compute workers
//     compile WebAssembly (WebAssembly.instantiateStreaming); no script is
//     inline and nothing calls eval.
//   - worker-src: go-app's service worker (app-worker.js) and the compute
//     workers (web/compute-worker.js), both same-origin files.
//   - img-src blob: is the PNG export, which draws the chart's SVG from a
//     blob: URL onto a canvas (web/overparam.js).
//   - style-src 'unsafe-inline': every chart is an SVG with its own <style>
//     element (so an exported SVG stands alone), and go-app writes style=""
//     attributes; styles cannot run code.
//
// policyDirectives is what a <meta> tag may carry; frame-ancestors (no
// framing, against clickjacking) only works as an HTTP header, and
// Chromium reports it as an error in a meta tag.
const policyDirectives = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; " +
	"connect-src 'self'; img-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'"

// ContentSecurityPolicy is the header `overparam serve` sends with every
// response.
const ContentSecurityPolicy = policyDirectives + "; frame-ancestors 'none'"

// MetaContentSecurityPolicy is the policy the static pages carry as a
// <meta http-equiv> tag, for hosts (GitHub Pages) that cannot send headers.
const MetaContentSecurityPolicy = policyDirectives

// noscriptMessage is shown, instead of go-app's loading screen (hidden by
// web/style.css under @media (scripting: none)), when JavaScript is off.
const noscriptMessage = `<noscript><p class="noscript">Overparam trains its networks in your browser, with JavaScript and WebAssembly; turn JavaScript on to run the experiments. The same numbers come from the command line: <code>overparam run -link URL</code>.</p></noscript>`

var (
	charsetTag = []byte(`<meta charset="UTF-8">`)
	bodyEnd    = []byte(`</body>`)
	// ogTags matches go-app's og:url and og:image tags, which it writes as
	// "https://…" with an empty domain when the site has none. go-app
	// writes attributes in map order, so either may come first.
	ogTags = regexp.MustCompile(`\s*<meta (?:property="og:(?:url|image)" content="[^"]*"|content="[^"]*" property="og:(?:url|image)")>`)
)

// finishPage edits a page go-app rendered: it adds the <noscript> message
// at the end of the body (go-app mounts the app on the body's first
// element, which must stay the page), puts the CSP meta tag first in the
// head when meta is true (a meta policy covers only what follows it), and
// drops og:url and og:image when the site has no domain.
func finishPage(page []byte, domain string, meta bool) ([]byte, error) {
	if !bytes.Contains(page, charsetTag) || !bytes.Contains(page, bodyEnd) {
		return nil, fmt.Errorf("go-app's page has no %s or no %s; update internal/site/page.go", charsetTag, bodyEnd)
	}
	out := page
	if domain == "" {
		out = ogTags.ReplaceAll(out, nil)
	}
	if meta {
		tag := `<meta http-equiv="Content-Security-Policy" content="` + html.EscapeString(MetaContentSecurityPolicy) + `">`
		out = bytes.Replace(out, charsetTag, append(append([]byte(nil), charsetTag...), tag...), 1)
	}
	i := bytes.LastIndex(out, bodyEnd)
	return append(append(append([]byte(nil), out[:i]...), noscriptMessage...), out[i:]...), nil
}
