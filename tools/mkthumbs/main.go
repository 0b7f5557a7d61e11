// Command mkthumbs renders the home page's gallery thumbnails: it runs each
// spectrum preset natively (the same numbers as the browser) and writes its
// density chart to web/thumbs/<preset>.svg. Run it with `make thumbs` after
// changing a preset or the chart style.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/overparam/overparam/app"
	"github.com/overparam/overparam/compute/experiment"
	"github.com/overparam/overparam/web"
)

func main() {
	out := flag.String("out", "web/thumbs", "output directory")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "mkthumbs:", err)
		os.Exit(1)
	}
	for _, t := range app.Thumbnails() {
		res, err := experiment.RunSpectrum(t.Spec, experiment.Assets{Digits: web.DigitsGz}, nil)
		if err != nil {
			fmt.Fprintf(os.Stderr, "mkthumbs: %s: %v\n", t.ID, err)
			os.Exit(1)
		}
		path := filepath.Join(*out, t.ID+".svg")
		if err := os.WriteFile(path, []byte(app.ThumbnailSVG(res)), 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "mkthumbs:", err)
			os.Exit(1)
		}
		fmt.Printf("%s: %d outliers\n", path, res.Outliers)
	}
}
