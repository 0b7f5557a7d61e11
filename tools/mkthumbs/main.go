// Command mkthumbs renders the home page's gallery thumbnails: it runs each
// preset of every registered experiment natively (the same numbers as the
// browser: the request kind <experiment>.run of compute/job, which the
// workers serve) and writes its chart to web/thumbs/<preset id>.svg
// (experiment.Preset.Thumbnail). Run it with `make thumbs` after changing a
// preset or a chart's style; -only renders the presets whose id has that
// prefix.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/overparam/overparam/app"
	_ "github.com/overparam/overparam/compute/experiment/all/runs" // every experiment's job kinds
	"github.com/overparam/overparam/compute/job"
	"github.com/overparam/overparam/web"
)

func main() {
	out := flag.String("out", "web/thumbs", "output directory")
	only := flag.String("only", "", "render only the presets whose id starts with this")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mkthumbs:", err)
		os.Exit(1)
	}
	job.RegisterAll()
	for _, t := range app.Thumbnails() {
		if !strings.HasPrefix(t.ID, *only) {
			continue
		}
		res, err := run(t.Experiment, t.Spec)
		var svg string
		if err == nil {
			svg, err = t.Draw(res)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "mkthumbs: %s: %v\n", t.ID, err)
			os.Exit(1)
		}
		path := filepath.Join(*out, t.File)
		if err := os.WriteFile(path, []byte(svg), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkthumbs:", err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}

// run runs spec as the request kind name + ".run" and returns the result's
// JSON, as a worker posts it.
func run(name string, spec any) ([]byte, error) {
	raw, err := json.Marshal(spec)
	if err != nil {
		return nil, err
	}
	req := job.Request{Kind: name + job.SuffixRun, Spec: raw}
	env := job.Env{Digits: func() ([]byte, error) { return web.DigitsGz, nil }}
	var result []byte
	err = errors.New("the run posted no result")
	job.Handle(req.Encode(), env, func(typ string, body []byte, _ []float64) {
		switch typ {
		case job.TypeResult:
			result, err = body, nil
		case job.TypeError:
			var f job.Failure
			_ = json.Unmarshal(body, &f)
			err = errors.New(f.Error)
		}
	})
	return result, err
}
