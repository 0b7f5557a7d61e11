package site

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ogContent matches an og:url or og:image tag and captures its content
// (go-app writes the attributes in either order).
var ogContent = regexp.MustCompile(`<meta (?:property="og:(url|image)" content="([^"]*)"|content="([^"]*)" property="og:(url|image)")>`)

// og returns the og:url and og:image of a page ("" when absent) and how
// many such tags it has.
func og(page string) (url, image string, n int) {
	for _, m := range ogContent.FindAllStringSubmatch(page, -1) {
		prop, content := m[1]+m[4], m[2]+m[3]
		if prop == "url" {
			url = content
		} else {
			image = content
		}
		n++
	}
	return url, image, n
}

// TestOpenGraphTagsNeedADomain: without -domain the pages carried
// og:url "https:///spectrum" and og:image "https://"; now they leave both
// out, and with -domain they name the page and the large icon at that
// address, under the base path. Truth: the Open Graph protocol
// (ogp.me, "og:url … the canonical URL"; "og:image … an image URL").
func TestOpenGraphTagsNeedADomain(t *testing.T) {
	web := testWeb(t)
	cases := []struct {
		base, domain       string
		wantURL, wantImage string
	}{
		{"", "", "", ""},
		{"/overparam", "", "", ""},
		{"", "example.org", "https://example.org/spectrum", "https://example.org/web/icon-512.png"},
		{"/overparam", "https://user.github.io/", "https://user.github.io/overparam/spectrum", "https://user.github.io/overparam/web/icon-512.png"},
	}
	for _, c := range cases {
		out := generate(t, web, c.base, c.domain)
		page := readFile(t, filepath.Join(out, "spectrum.html"))
		url, image, n := og(page)
		if url != c.wantURL || image != c.wantImage {
			t.Errorf("static, base %q, domain %q: og:url %q, og:image %q; want %q and %q", c.base, c.domain, url, image, c.wantURL, c.wantImage)
		}
		if c.domain == "" && (n != 0 || strings.Contains(page, `"https://"`)) {
			t.Errorf("static, base %q, no domain: %d og:url/og:image tags, want none", c.base, n)
		}
		if c.base != "" {
			continue
		}
		_, body := get(t, serve(t, Options{Web: web, Domain: c.domain}), "/spectrum")
		if url, image, _ := og(body); url != c.wantURL || image != c.wantImage {
			t.Errorf("serve, domain %q: og:url %q, og:image %q; want %q and %q", c.domain, url, image, c.wantURL, c.wantImage)
		}
	}
}

// TestParseDomain: -domain takes a host or an https address without a
// path, and refuses the rest with a message saying what to give.
func TestParseDomain(t *testing.T) {
	for in, want := range map[string]string{"": "", "example.org": "example.org", "https://example.org": "example.org", "https://example.org/": "example.org", "example.org:8443": "example.org:8443"} {
		if got, err := ParseDomain(in); got != want || err != nil {
			t.Errorf("ParseDomain(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, says := range map[string]string{"http://example.org": "https", "https://example.org/repo": "-base /repo", "https://": "not an address", "ftp://x": "https", "https://x/?a=1": "no user, query", "https://u@x": "no user"} {
		if _, err := ParseDomain(in); err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("ParseDomain(%q): %v; want a refusal that says %q", in, err, says)
		}
	}
}

// scriptTag matches a script element with its attributes and content.
var scriptTag = regexp.MustCompile(`(?s)<script([^>]*)>(.*?)</script>`)

// TestStaticPagesCarryTheCSPAndNoInlineScript: every static page starts its
// head with the site's policy as a meta tag (a meta policy covers only the
// elements after it; CSP Level 3 §3.3), has no inline script or event
// handler attribute the policy would block, and carries the <noscript>
// message after go-app's mount point (the body's first element).
func TestStaticPagesCarryTheCSPAndNoInlineScript(t *testing.T) {
	out := generate(t, testWeb(t), "/overparam", "")
	meta := `<meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="` + strings.ReplaceAll(MetaContentSecurityPolicy, "'", "&#39;") + `">`
	for _, f := range htmlFiles(t, out) {
		page := readFile(t, f)
		name := filepath.Base(f)
		if !strings.Contains(page, meta) {
			t.Errorf("%s: the head does not start with the CSP meta tag", name)
		}
		if strings.Contains(MetaContentSecurityPolicy, "frame-ancestors") {
			t.Errorf("the meta policy has frame-ancestors, which browsers ignore (and report) in a meta tag")
		}
		scripts := scriptTag.FindAllStringSubmatch(page, -1)
		if len(scripts) < 3 {
			t.Errorf("%s: %d script tags, want go-app's two and overparam.js", name, len(scripts))
		}
		for _, s := range scripts {
			if !strings.Contains(s[1], "src=") || strings.TrimSpace(s[2]) != "" {
				t.Errorf("%s: an inline script: <script%s>%.80s", name, s[1], s[2])
			}
		}
		if m := regexp.MustCompile(`\son[a-z]+="`).FindString(page); m != "" {
			t.Errorf("%s: an inline event handler attribute%s", name, m)
		}
		body := page[strings.Index(page, "<body>"):]
		if n, i := strings.Count(page, "<noscript>"), strings.Index(body, "<noscript>"); n != 1 || i < strings.Index(body, "</div>") {
			t.Errorf("%s: %d <noscript> messages, or one before the app's mount point", name, n)
		}
	}
}
