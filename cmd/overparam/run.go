package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

const runSynopsis = `Runs the experiment of a page link natively and prints its result as JSON,
the same numbers the browser computes. The link may be a full URL or just the
path and query, e.g. '/spectrum?v=1&classes=3'. Whatever the page would
correct in the link is corrected the same way, with a notice on stderr.`

func runLink(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("run", runSynopsis, stderr)
	link := fs.String("link", "", "page `URL` to run, with or without the host")
	quiet := fs.Bool("quiet", false, "do not print notices and progress to stderr")
	workers := workersFlag(fs)
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
	c, ok := experimentCLIs[page]
	run := c.link
	if !ok {
		fmt.Fprintf(stderr, "overparam run: the link's page %q has no experiment; pages with experiments: %s\n", page, strings.Join(slices.Sorted(maps.Keys(experimentCLIs)), ", "))
		return 2
	}
	notice := func(n string) {
		if !*quiet {
			fmt.Fprintf(stderr, "overparam run: link corrected: %s\n", n)
		}
	}
	if job.RegisterAll(); job.HasPlan(page) {
		run = planRun(page, *workers)
	}
	res, status, err := run(query, notice)
	if err != nil {
		fmt.Fprintf(stderr, "overparam run: %v\n", err)
		return status
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintf(stderr, "overparam run: %v\n", err)
		return 1
	}
	return 0
}

// linkRun runs a page's link query natively: it returns the result, or an
// error with the exit status (2 for a spec that cannot run, 1 for a run
// that failed). notice receives each correction of the link.
type linkRun func(query string, notice func(string)) (result any, status int, err error)

// specRun reads a link query into a spec of type S (from its defaults),
// validates it and runs it.
func specRun[S any](defaults func() S, run func(S) (any, error)) linkRun {
	return specRunFrom(func(string) S { return defaults() }, run)
}

// specRunFrom is specRun with defaults that depend on the query, as the
// page's (e.g. the preset of the model a link names).
func specRunFrom[S any](defaults func(query string) S, run func(S) (any, error)) linkRun {
	return func(query string, notice func(string)) (any, int, error) {
		spec := defaults(query)
		for _, n := range experiment.ParseQuery(query, &spec) {
			notice(n)
		}
		if err := any(&spec).(interface{ Validate() error }).Validate(); err != nil {
			return nil, 2, err
		}
		res, err := run(spec)
		if err != nil {
			return nil, 1, err
		}
		return res, 0, nil
	}
}

// planRun runs a page's link query through the experiment's plan of jobs
// (compute/job), on up to workers goroutines: the registry's defaults for
// the query (experiment.Experiment.Defaults), the query read into them,
// Validate, then the jobs the browser's pool would run.
func planRun(name string, workers int) linkRun {
	return func(query string, notice func(string)) (any, int, error) {
		e, ok := experiment.Find(name)
		if !ok {
			return nil, 2, fmt.Errorf("no experiment is registered as %q", name)
		}
		spec, notices, err := linkSpec(e, query)
		for _, n := range notices {
			notice(n)
		}
		if err != nil {
			return nil, 2, err
		}
		res, err := runPlan(name, spec, workers, nil)
		if err != nil {
			return nil, 1, err
		}
		return res, 0, nil
	}
}

// linkSpec returns the spec of experiment e that a link query gives, with
// the link's corrections, and the spec's Validate error.
func linkSpec(e experiment.Experiment, query string) (spec any, notices []string, err error) {
	spec = e.Defaults(query)
	notices = experiment.ParseQuery(query, spec)
	v, ok := spec.(interface{ Validate() error })
	if !ok {
		return nil, notices, fmt.Errorf("the spec of %s has no Validate method", e.Name)
	}
	return spec, notices, v.Validate()
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
