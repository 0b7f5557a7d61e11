// Command mkthumbs renders the home page's gallery thumbnails: it runs each
// preset natively (the same numbers as the browser) and writes its chart to
// web/thumbs/<preset id>.svg (experiment.Preset.Thumbnail). Run it with `make thumbs` after changing a
// preset or a chart's style; -only renders the presets whose id has that
// prefix.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/overparam/overparam/app"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/compute/experiment/runner"
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
	for _, t := range app.Thumbnails() {
		if !strings.HasPrefix(t.ID, *only) {
			continue
		}
		res, err := run(t.Spec, experiment.Assets{Digits: web.DigitsGz})
		if err != nil {
			fmt.Fprintf(os.Stderr, "mkthumbs: %s: %v\n", t.ID, err)
			os.Exit(1)
		}
		path := filepath.Join(*out, t.File)
		if err := os.WriteFile(path, []byte(t.Draw(res)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkthumbs:", err)
			os.Exit(1)
		}
		fmt.Println(path)
	}
}

// run runs a thumbnail's spec natively.
func run(spec any, a experiment.Assets) (any, error) {
	switch s := spec.(type) {
	case experiment.Spectrum:
		return runner.RunSpectrum(s, a, nil)
	case experiment.Paths:
		return runner.RunPaths(s, a, nil)
	case experiment.DoubleDescent:
		return runner.RunDoubleDescent(s, a, nil)
	}
	return nil, fmt.Errorf("no run for a spec of type %T", spec)
}
