package experiment

import "sync"

// Experiment declares one experiment family, once. Everything that lists
// the experiments reads Experiments: the Makefile's worker builds and size
// checks (through tools/experiments), the site's required files, the
// pages' navigation and home gallery, the CLI's commands and `run -link`.
// Each spec file registers its experiment in an init function; the code
// that runs or draws an experiment registers itself by the same Name in its
// own package (compute/job, app, cmd/overparam).
type Experiment struct {
	// Name is the experiment's one name: its CLI command, its page's path
	// ("/" + Name), its worker module (web/worker-<Name>.wasm, built from
	// wasm/worker/<Name>) and the prefix of its job kinds.
	Name string
	// Order places the experiment in lists: the navigation, the gallery and
	// the CLI's usage show experiments by ascending Order.
	Order int
	// Title names the experiment in the navigation ("Hessian spectrum").
	Title string
	// Synopsis is the CLI's one-line summary of the command.
	Synopsis string
	// Gallery and Lede head the experiment's row of preset cards on the
	// home page: a title citing its papers, and one sentence.
	Gallery, Lede string
	// Defaults returns a pointer to the spec a page link with query starts
	// from: the spec's defaults, or (double descent) the defaults of the
	// model the query names.
	Defaults func(query string) any
	// Presets are the experiment's presets, the one list that the page's
	// buttons, the gallery, the thumbnails and the CLI's -preset read.
	Presets func() []Preset
}

// Page is the path of the experiment's page, "/" + Name.
func (e Experiment) Page() string { return "/" + e.Name }

// Worker is the file name of the experiment's compute-worker module.
func (e Experiment) Worker() string { return "worker-" + e.Name + ".wasm" }

var (
	registryMu  sync.Mutex
	experiments []Experiment
)

// Register adds an experiment to the registry. It panics if the name is
// empty or taken, or Defaults or Presets is missing: a declaration error,
// found when the program starts.
func Register(e Experiment) {
	registryMu.Lock()
	defer registryMu.Unlock()
	if e.Name == "" || e.Defaults == nil || e.Presets == nil {
		panic("experiment: Register(" + e.Name + ") needs a Name, Defaults and Presets")
	}
	for k := range experiments {
		if experiments[k].Name == e.Name {
			panic("experiment: registered twice: " + e.Name)
		}
	}
	// Insert after every experiment of lower or equal Order (a stable
	// insertion; a sort here would link a sort routine into app.wasm).
	i := len(experiments)
	for i > 0 && experiments[i-1].Order > e.Order {
		i--
	}
	experiments = append(experiments, Experiment{})
	copy(experiments[i+1:], experiments[i:])
	experiments[i] = e
}

// Experiments returns every registered experiment, by ascending Order.
func Experiments() []Experiment {
	registryMu.Lock()
	defer registryMu.Unlock()
	return append([]Experiment(nil), experiments...)
}

// Find returns the experiment named name.
func Find(name string) (Experiment, bool) {
	es := Experiments()
	for k := range es {
		if es[k].Name == name {
			return es[k], true
		}
	}
	return Experiment{}, false
}
