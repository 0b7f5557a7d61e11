package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

const runSynopsis = `Runs the experiment of a page link natively and prints its result as JSON,
the same numbers the browser computes. The link may be a full URL or just the
path and query, e.g. '/spectrum?v=1&classes=3'. Whatever the page would
correct in the link is corrected the same way, with a notice on stderr.`

func runLink(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run", runSynopsis, stderr)
	link := fs.String("link", "", "page `URL` to run, with or without the host")
	quiet := fs.Bool("quiet", false, "do not print notices and progress to stderr")
	if status := parseFlags(fs, args, runSynopsis, stderr); status >= 0 {
		return status
	}
	if *link == "" {
		fmt.Fprintln(stderr, "overparam run: -link is required, e.g. -link 'http://localhost:8000/spectrum?v=1&classes=3'")
		return 2
	}
	page, query, err := splitLink(*link)
	if err != nil {
		fmt.Fprintf(stderr, "overparam run: %v\n", err)
		return 2
	}
	switch page {
	case "spectrum":
		spec := experiment.DefaultSpectrum()
		for _, n := range experiment.ParseQuery(query, &spec) {
			if !*quiet {
				fmt.Fprintf(stderr, "overparam run: link corrected: %s\n", n)
			}
		}
		if err := spec.Validate(); err != nil {
			fmt.Fprintf(stderr, "overparam run: %v\n", err)
			return 2
		}
		res, err := experiment.RunSpectrum(spec, experiment.Assets{Digits: web.DigitsGz}, nil)
		if err != nil {
			fmt.Fprintf(stderr, "overparam run: %v\n", err)
			return 1
		}
		if err := json.NewEncoder(stdout).Encode(res); err != nil {
			fmt.Fprintf(stderr, "overparam run: %v\n", err)
			return 1
		}
		return 0
	}
	fmt.Fprintf(stderr, "overparam run: the link's page %q has no experiment; pages with experiments: spectrum\n", page)
	return 2
}

// splitLink returns the page name (the last path segment, so links of a
// site under a sub-path work) and the query of a page link.
func splitLink(link string) (page, query string, err error) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return "", "", fmt.Errorf("-link %q is not a URL: %v", link, err)
	}
	path := strings.TrimRight(u.Path, "/")
	page = path[strings.LastIndex(path, "/")+1:]
	page = strings.TrimSuffix(page, ".html")
	return page, u.RawQuery, nil
}
