package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	opapp "github.com/overparam/overparam/app"
)

// Generate writes the static site to out: every page as HTML, the
// not-found page as 404.html (GitHub Pages serves it for unknown paths),
// go-app's scripts and service worker, and the site's files of o.Web as
// out/web. It builds the site in a new directory beside out and renames it
// into place, so a failed build leaves out as it was. It refuses an out
// that CheckOutput refuses.
func Generate(out string, o Options) error {
	if err := Check(o.Web); err != nil {
		return err
	}
	if err := CheckOutput(out, o.Web); err != nil {
		return err
	}
	domain, err := ParseDomain(o.Domain)
	if err != nil {
		return err
	}
	if o.Version == "" {
		if o.Version, err = Version(o.Web); err != nil {
			return plain(err, "", "")
		}
	}
	parent := filepath.Dir(filepath.Clean(out))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return plain(err, "", "")
	}
	tmp, err := os.MkdirTemp(parent, "."+filepath.Base(out)+".new-")
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create a directory in %s: %v", parent, err)
	}
	defer os.RemoveAll(tmp) // a no-op once renamed into place
	if err := buildSite(tmp, o, domain); err != nil {
		return plain(err, tmp, out)
	}
	return plain(replaceDir(out, tmp), tmp, out)
}

// buildSite is build; tests replace it to make a build fail half-way.
var buildSite = build

// build writes the site into dir, which exists and is empty.
func build(dir string, o Options, domain string) error {
	h, err := appHandler(o)
	if err != nil {
		return err
	}
	if err := app.GenerateStaticWebsite(dir, h, opapp.Pages()...); err != nil {
		return err
	}
	if err := copySite(filepath.Join(dir, "web"), o.Web); err != nil {
		return err
	}
	if err := writeNotFound(dir, h); err != nil {
		return err
	}
	pages, err := filepath.Glob(filepath.Join(dir, "*.html"))
	if err != nil {
		return err
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if b, err = finishPage(b, domain, true); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeNotFound writes 404.html: the app's not-found page as go-app
// pre-renders it for a path that is no page.
func writeNotFound(dir string, h *app.Handler) error {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/404", nil))
	if rec.Code != http.StatusOK {
		return fmt.Errorf("rendering the not-found page: go-app answered %d", rec.Code)
	}
	return os.WriteFile(filepath.Join(dir, "404.html"), rec.Body.Bytes(), 0o644)
}

// replaceDir puts the directory tmp at out: out, if it exists, is moved
// aside first and removed only once tmp is in its place.
func replaceDir(out, tmp string) error {
	st, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return os.Rename(tmp, out)
	}
	if err != nil {
		return err
	}
	if st.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%s is a symbolic link: give the directory it points to as -out", out)
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is a file, not a directory: choose another -out", out)
	}
	old := tmp + ".old"
	if err := os.Rename(out, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		os.Rename(old, out) // put the previous site back
		return err
	}
	return os.RemoveAll(old)
}

// copySite copies the site's files of src (see isSiteFile) into dst.
func copySite(dst, src string) error {
	files, err := siteFiles(src)
	if err != nil {
		return err
	}
	for _, f := range files {
		target := filepath.Join(dst, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		b, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(f)))
		if err != nil {
			return err
		}
		if err := os.WriteFile(target, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// plain rewrites a file error in plain words ("cannot write dist/web/app.wasm:
// no space left on device"), naming the final path rather than the
// temporary directory tmp the site is built in.
func plain(err error, tmp, out string) error {
	if err == nil {
		return nil
	}
	name := func(p string) string {
		if tmp != "" && strings.HasPrefix(p, tmp) {
			return out + strings.TrimPrefix(p, tmp)
		}
		return p
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot %s %s: %v", verb(pe.Op), name(pe.Path), pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("cannot move %s to %s: %v", name(le.Old), name(le.New), le.Err)
	}
	inner := err
	for errors.Unwrap(inner) != nil {
		inner = errors.Unwrap(inner)
	}
	msg := inner.Error()
	if tmp != "" {
		msg = strings.ReplaceAll(msg, tmp, out)
	}
	return errors.New(msg)
}

// verb names a file operation of package os in words.
func verb(op string) string {
	switch op {
	case "open":
		return "open"
	case "mkdir":
		return "create the directory"
	case "write":
		return "write"
	case "read", "readdirent", "readdir":
		return "read"
	case "remove", "unlinkat":
		return "remove"
	case "stat", "lstat":
		return "look at"
	}
	return op
}
