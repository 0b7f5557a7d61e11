package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"

	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/job"
)

// The fan-out files: `overparam jobs` writes one jobLine per independent job
// of a run's next stage, `overparam job` runs one and writes its resultLine,
// `overparam assemble` reads the results of every stage (any order) and
// prints what `overparam run -link` prints for the link, bit for bit.
// Both are JSON, one object per line; "job" comes first so that even a
// truncated line names its job.

// jobLine is one job of a run: the request the browser's pool would send a
// worker, with its payload (a spectrum's trained θ).
type jobLine struct {
	Job     string      `json:"job"`
	Link    string      `json:"link"`
	Run     string      `json:"run"`
	Stage   int         `json:"stage"`
	Request job.Request `json:"request"`
	Data    []float64   `json:"data,omitempty"`
}

// resultLine is the result of one job: the worker's result message body
// and payload.
type resultLine struct {
	Job    string          `json:"job"`
	Link   string          `json:"link"`
	Run    string          `json:"run"`
	Stage  int             `json:"stage"`
	Result json.RawMessage `json:"result"`
	Data   []float64       `json:"data,omitempty"`
}

// fanRun is one run to fan out: its experiment, canonical link, digest and
// plan.
type fanRun struct {
	name, link, digest string
	plan               job.Plan
}

// newFanRun returns the run of experiment e with spec (a validated spec
// pointer). Its link is the page link that gives the same spec
// (experiment.Query), and its digest names the spec exactly: results carry
// both, and assemble refuses results of another run.
func newFanRun(e experiment.Experiment, spec any) (*fanRun, error) {
	raw, err := json.Marshal(spec)
	if err != nil {
		return nil, fmt.Errorf("encoding the spec: %w", err)
	}
	job.RegisterAll()
	plan, err := job.NewPlan(e.Name, raw)
	if err != nil {
		return nil, err
	}
	link := e.Page() + "?" + experiment.Query(spec)
	sum := sha256.Sum256([]byte(e.Name + "\n" + string(raw)))
	r := &fanRun{name: e.Name, link: link, digest: hex.EncodeToString(sum[:8]), plan: plan}
	// The link must give this spec back: assemble rebuilds the run from it.
	back, _, err := linkSpec(e, link[strings.IndexByte(link, '?')+1:])
	if err != nil {
		return nil, fmt.Errorf("the run's link %s does not validate: %w", link, err)
	}
	if b, _ := json.Marshal(back); string(b) != string(raw) {
		return nil, fmt.Errorf("the run's link %s does not give its spec back, so its results could not be assembled", link)
	}
	return r, nil
}

// fanRunOfLink returns the run of a page link.
func fanRunOfLink(link string, notice func(string)) (*fanRun, error) {
	page, query, err := splitLink(link)
	if err != nil {
		return nil, err
	}
	e, ok := experiment.Find(page)
	if !ok {
		var names []string
		for _, e := range experiment.Experiments() {
			names = append(names, e.Name)
		}
		return nil, fmt.Errorf("the link's page %q has no experiment; pages with experiments: %s", page, strings.Join(names, ", "))
	}
	spec, notices, err := linkSpec(e, query)
	for _, n := range notices {
		notice(n)
	}
	if err != nil {
		return nil, err
	}
	return newFanRun(e, spec)
}

// fanRunOfFlags returns the run of experiment name with the command-line
// flags args: -preset ID (one of the page's presets) and one flag per spec
// key, applied in order on top of the preset, or without one on the
// defaults of the link the flags make (double descent: of -model).
func fanRunOfFlags(name string, args []string, stderr io.Writer) (*fanRun, int, error) {
	e, ok := experiment.Find(name)
	if !ok {
		return nil, 2, fmt.Errorf("no experiment is called %q; give -link or one of: %s", name, strings.Join(experimentNames(), ", "))
	}
	var sets []keyValue
	fs := newFlagSet("jobs "+name, jobsSynopsis, stderr)
	preset := fs.String("preset", "", "start from this `preset` of the page: "+strings.Join(presetIDs(e), ", "))
	for _, p := range experiment.Params(e.Defaults("")) {
		fs.Var(keyFlag{p.Key, &sets}, p.Key, fmt.Sprintf("%s (range %s)", p.Help, p.RangeText()))
	}
	if status := parseFlags(fs, args, jobsSynopsis, stderr); status >= 0 {
		return nil, status, nil
	}
	var spec any
	if *preset != "" {
		i := slices.IndexFunc(e.Presets(), func(p experiment.Preset) bool { return strings.EqualFold(p.ID, strings.TrimSpace(*preset)) })
		if i < 0 {
			return nil, 2, fmt.Errorf("-preset %q is not a preset of %s; choose one of %s", *preset, name, strings.Join(presetIDs(e), ", "))
		}
		q := e.Presets()[i].Query
		spec = e.Defaults(q)
		experiment.ParseQuery(q, spec)
	} else {
		q := fmt.Sprintf("v=%d", experiment.SchemaVersion)
		for _, kv := range sets {
			q += "&" + kv.key + "=" + kv.value
		}
		spec = e.Defaults(q)
	}
	params := map[string]experiment.Param{}
	for _, p := range experiment.Params(spec) {
		params[p.Key] = p
	}
	for _, kv := range sets {
		if err := params[kv.key].Set(spec, kv.value); err != nil {
			return nil, 2, fmt.Errorf("-%s %s: %w", kv.key, kv.value, err)
		}
	}
	if err := spec.(interface{ Validate() error }).Validate(); err != nil {
		return nil, 2, err
	}
	r, err := newFanRun(e, spec)
	if err != nil {
		return nil, 1, err
	}
	return r, 0, nil
}

// keyValue is one spec flag as given.
type keyValue struct{ key, value string }

// keyFlag records a spec flag's value in order, to apply once the base spec
// is known.
type keyFlag struct {
	key  string
	sets *[]keyValue
}

func (f keyFlag) String() string { return "" }
func (f keyFlag) Set(s string) error {
	*f.sets = append(*f.sets, keyValue{f.key, s})
	return nil
}

func presetIDs(e experiment.Experiment) []string {
	var ids []string
	for _, p := range e.Presets() {
		ids = append(ids, p.ID)
	}
	return ids
}

func experimentNames() []string {
	var names []string
	for _, e := range experiment.Experiments() {
		names = append(names, e.Name)
	}
	return names
}

// outcomes checks results against run r — every one for r's link and spec,
// none twice — and returns them by job ID.
func (r *fanRun) outcomes(results []sourced[resultLine]) (map[string]job.Outcome, error) {
	done := map[string]job.Outcome{}
	from := map[string]string{}
	for _, res := range results {
		l := res.value
		if l.Link != r.link || l.Run != r.digest {
			return nil, fmt.Errorf("%s: the result of job %q is for the run %s (spec %s), not for %s (spec %s)", res.where, l.Job, l.Link, l.Run, r.link, r.digest)
		}
		if prev, dup := from[l.Job]; dup {
			return nil, fmt.Errorf("two results for job %q: %s and %s; remove one", l.Job, prev, res.where)
		}
		if len(l.Result) == 0 {
			return nil, fmt.Errorf("%s: the result of job %q has no \"result\"", res.where, l.Job)
		}
		from[l.Job] = res.where
		done[l.Job] = job.Outcome{Body: l.Result, Data: l.Data}
	}
	return done, nil
}

// complete checks that done holds a result for every job of every stage of
// r and for no other job, and names the missing or unknown ones.
func (r *fanRun) complete(done map[string]job.Outcome) error {
	known := map[string]bool{}
	for k := range r.plan.Stages() {
		tasks, err := r.plan.Stage(k, done)
		if err != nil {
			return fmt.Errorf("stage %d of %d: %w; nothing was assembled", k+1, r.plan.Stages(), err)
		}
		var missing []string
		for _, t := range tasks {
			known[t.ID] = true
			if _, ok := done[t.ID]; !ok {
				missing = append(missing, fmt.Sprintf("%q", t.ID))
			}
		}
		if len(missing) > 0 {
			return fmt.Errorf("stage %d of %d: the results of %d of its %d jobs are missing: %s; nothing was assembled", k+1, r.plan.Stages(), len(missing), len(tasks), clip(missing, 10))
		}
	}
	for _, id := range slices.Sorted(maps.Keys(done)) {
		if !known[id] {
			return fmt.Errorf("a result for job %q, which the run %s has not; nothing was assembled", id, r.link)
		}
	}
	return nil
}

// clip joins the first n of items, saying how many more there are.
func clip(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}
