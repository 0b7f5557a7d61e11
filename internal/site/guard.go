package site

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// CheckOutput refuses an output directory for `overparam static` that it
// must not replace: the filesystem root, the web directory, the working
// directory, the home directory, the repository (the directory holding
// go.mod or .git above the web directory or the working directory), any
// directory that contains one of these, a directory inside the web
// directory (the site copies the web directory), and an existing
// directory that is neither empty nor a static site written before (it has
// no index.html and app-worker.js). Symbolic links are followed, so a link
// to one of these is refused too.
func CheckOutput(out, webDir string) error {
	if out == "" {
		return errors.New("-out is empty: give the directory to write the site to, such as dist")
	}
	target, err := realPath(out)
	if err != nil {
		return fmt.Errorf("cannot tell where -out %s is: %v", out, err)
	}
	if target == filepath.Dir(target) {
		return fmt.Errorf("-out %s is the filesystem root; the site replaces its output directory, so give a new one, such as dist", out)
	}
	protected := []struct{ what, path string }{{"the web directory", webDir}}
	if wd, err := os.Getwd(); err == nil {
		protected = append(protected, struct{ what, path string }{"the working directory", wd})
		if r := repoRoot(wd); r != "" {
			protected = append(protected, struct{ what, path string }{"the repository", r})
		}
	}
	if home, err := os.UserHomeDir(); err == nil && home != "" {
		protected = append(protected, struct{ what, path string }{"your home directory", home})
	}
	if abs, err := filepath.Abs(webDir); err == nil {
		if r := repoRoot(abs); r != "" {
			protected = append(protected, struct{ what, path string }{"the repository", r})
		}
	}
	for _, p := range protected {
		real, err := realPath(p.path)
		if err != nil {
			continue
		}
		switch {
		case real == target:
			return fmt.Errorf("-out %s is %s (%s); the site replaces its output directory, so give a new one, such as dist", out, p.what, p.path)
		case within(real, target):
			return fmt.Errorf("-out %s contains %s (%s); the site replaces its output directory, so give a new one, such as dist", out, p.what, p.path)
		}
	}
	if web, err := realPath(webDir); err == nil && within(target, web) {
		return fmt.Errorf("-out %s is inside the web directory %s, which the site copies; give a directory outside it, such as dist", out, webDir)
	}
	entries, err := os.ReadDir(target)
	if err == nil && len(entries) > 0 && !(exists(filepath.Join(target, "index.html")) && exists(filepath.Join(target, "app-worker.js"))) {
		return fmt.Errorf("-out %s already holds files and is not a static site written before (it has no index.html and app-worker.js); the site replaces its output directory, so remove it yourself or give a new one", out)
	}
	return nil
}

// within reports whether path p lies strictly inside dir; both are clean
// absolute paths.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !filepath.IsAbs(rel) && !startsWithDotDot(rel)
}

func startsWithDotDot(rel string) bool {
	return len(rel) >= 3 && rel[:2] == ".." && os.IsPathSeparator(rel[2])
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// realPath is p made absolute with its symbolic links resolved; the part
// of p that does not exist yet (or cannot, below a file) is kept as
// written.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for dir := abs; ; dir = filepath.Dir(dir) {
		real, err := filepath.EvalSymlinks(dir)
		if err == nil {
			return filepath.Join(real, rest), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(dir), rest)
	}
}

// repoRoot is the nearest directory at or above dir that holds go.mod or
// .git, or "".
func repoRoot(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		if exists(filepath.Join(d, "go.mod")) || exists(filepath.Join(d, ".git")) {
			return d
		}
		if d == filepath.Dir(d) {
			return ""
		}
	}
}
