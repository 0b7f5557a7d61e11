package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/overparam/overparam/compute/experiment"
)

// sharedFiles are the files that list or serve every experiment: the
// Makefile's worker builds, the site's required files, the app's routes,
// navigation, gallery and thumbnails, the CLI's commands and run -link,
// the thumbnail tool and the registry itself. They read the registry
// (experiment.Experiments) and must name no experiment, so that adding one
// edits none of them. (compute/job.RegisterAll registers the run packages
// that called job.Provide; a test there checks it serves every registered
// experiment.)
var sharedFiles = []string{
	"internal/site/site.go",
	"app/routes.go", "app/shell.go", "app/home-page.go", "app/thumbnails.go", "app/experiments.go",
	"cmd/overparam/main.go", "cmd/overparam/run.go",
	"tools/mkthumbs/main.go", "tools/experiments/main.go",
	"compute/experiment/registry.go",
}

// Truth: the repository's files. No string literal of a shared Go file is a
// registered experiment's name, page path or worker module (prose and
// examples may mention them),
// and the Makefile's WORKERS is the registry's list, not a literal one.
func TestTheSharedListsNameNoExperiment(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, f := range sharedFiles {
		src, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		file, err := parser.ParseFile(token.NewFileSet(), f, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			s, _ := strconv.Unquote(lit.Value)
			for _, e := range experiment.Experiments() {
				for _, name := range []string{e.Name, e.Page(), e.Worker()} {
					if s == name {
						t.Errorf("%s names experiment %s in %s: read the registry instead", f, e.Name, lit.Value)
					}
				}
			}
			return true
		})
	}
	mk, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^WORKERS\s*:?=\s*(.*)$`).FindSubmatch(mk)
	if m == nil || !strings.Contains(string(m[1]), "./tools/experiments") {
		t.Errorf("the Makefile's WORKERS is %q; want the registry's list, $(shell $(GO) run ./tools/experiments)", m)
	}
}

// Truth: the repository's files. An experiment lives in its own folders,
// compute/experiment/<name> (spec, presets, result types),
// compute/experiment/<name>/run (its run and job kinds) and
// wasm/worker/<name> (its worker's main), and in files named after it in
// app (its page) and cmd/overparam (its CLI command). The test counts, for every registered
// experiment, the folders that hold files named after it, and fails if one
// needs a folder outside this set.
func TestAnExperimentLivesInItsOwnFiles(t *testing.T) {
	root := filepath.Join("..", "..")
	for _, e := range experiment.Experiments() {
		own := []string{"compute/experiment/" + e.Name, "compute/experiment/" + e.Name + "/run", "wasm/worker/" + e.Name}
		allowed := map[string]bool{own[0]: true, own[1]: true, own[2]: true, "app": true, "cmd/overparam": true}
		folders := map[string]int{}
		err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			dir, base := filepath.ToSlash(filepath.Dir(rel)), filepath.Base(rel)
			if numerics := strings.HasPrefix(dir, "compute/") && !strings.HasPrefix(dir, "compute/experiment") && dir != "compute/job"; numerics {
				return nil // the numerics libraries (compute/spectrum, compute/paths, …) serve every experiment
			}
			if dir == "web/kernels" {
				return nil // the WebAssembly SIMD matrix kernels, not the kernels experiment
			}
			if strings.HasPrefix(base, e.Name) || dir == own[0] || dir == own[1] || dir == own[2] {
				folders[dir]++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for dir, n := range folders {
			if !allowed[dir] {
				t.Errorf("experiment %s has %d files in %s, outside its six places", e.Name, n, dir)
			}
		}
		t.Logf("experiment %s: files by folder %v", e.Name, folders)
	}
}
