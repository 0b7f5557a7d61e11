package site

import (
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"

	opapp "github.com/overparam/overparam/app"
)

// The site's files are the files of the web directory, except Go source and
// the directories below it that are Go packages (web/kernels: its binary is
// embedded into the worker, never fetched), and hidden files. One rule
// decides what `serve` serves, what `static` copies and what the service
// worker caches, so the three cannot disagree.

// isSiteFile reports whether rel, a slash-separated path below webDir, is
// one of the site's files.
func isSiteFile(webDir, rel string) bool {
	if rel == "" || strings.HasSuffix(rel, ".go") {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if part == "" || strings.HasPrefix(part, ".") {
			return false
		}
	}
	for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
		if isGoPackage(filepath.Join(webDir, filepath.FromSlash(dir))) {
			return false
		}
	}
	st, err := os.Stat(filepath.Join(webDir, filepath.FromSlash(rel)))
	return err == nil && st.Mode().IsRegular()
}

// isGoPackage reports whether dir holds Go source.
func isGoPackage(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	return len(m) > 0
}

// siteFiles lists the site's files of webDir as sorted slash-separated
// paths relative to it.
func siteFiles(webDir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(webDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(webDir, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(d.Name(), ".") || isGoPackage(p)) {
				return filepath.SkipDir
			}
			return nil
		}
		if isSiteFile(webDir, rel) {
			files = append(files, rel)
		}
		return nil
	})
	slices.Sort(files)
	return files, err
}

// fileServer serves the site's files of webDir, with no directory
// listings: a directory, a Go source file or a missing file is a plain 404.
func fileServer(webDir string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rel := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if !isSiteFile(webDir, rel) {
			http.NotFound(w, r)
			return
		}
		f, err := os.Open(filepath.Join(webDir, filepath.FromSlash(rel)))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		defer f.Close()
		st, err := f.Stat()
		if err != nil {
			http.Error(w, "cannot read the file", http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, path.Base(rel), st.ModTime(), f)
	})
}

// cacheable lists what go-app's service worker caches besides the files it
// adds itself: every page and every site file under /web/. It is complete
// by construction (a page can only reference what the site holds), so the
// site works offline after the first visit; TestServiceWorkerCachesWhatPagesReference
// checks it against what the pre-rendered pages reference.
func cacheable(webDir string) ([]string, error) {
	var list []string
	for _, p := range opapp.Pages() {
		if p != "/" {
			list = append(list, p)
		}
	}
	files, err := siteFiles(webDir)
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		list = append(list, "/web/"+f)
	}
	return list, nil
}
