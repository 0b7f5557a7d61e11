package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// sourced is a value read from a line, with where it was read
// ("results.jsonl:3").
type sourced[T any] struct {
	value T
	where string
}

// maxLine is the longest job or result line read: a spectrum's θ of the
// largest network the limits allow, as JSON numbers.
const maxLine = 1 << 30

// leadingJob finds the job ID at the start of a line, so that a line that
// cannot be decoded (truncated, say) is still named by its job.
var leadingJob = regexp.MustCompile(`^\s*\{\s*"job"\s*:\s*"((?:[^"\\]|\\.)*)"`)

// lineJob names the job of a raw line, or says that it names none.
func lineJob(line []byte) string {
	if m := leadingJob.FindSubmatch(line); m != nil {
		var id string
		if json.Unmarshal(append(append([]byte{'"'}, m[1]...), '"'), &id) == nil {
			return fmt.Sprintf("job %q", id)
		}
	}
	return "a line that names no job"
}

// decodeLine decodes one line strictly into v (unknown keys, trailing data
// and missing "job" are errors), naming its job in the error.
func decodeLine(line []byte, where string, v any, job func() string) error {
	d := json.NewDecoder(bytes.NewReader(line))
	d.DisallowUnknownFields()
	err := d.Decode(v)
	if err == nil && d.More() {
		err = fmt.Errorf("more than one JSON object on the line")
	}
	if err == nil && job() == "" {
		err = fmt.Errorf(`no "job" key`)
	}
	if err != nil {
		what := "malformed"
		if !bytes.HasSuffix(bytes.TrimSpace(line), []byte("}")) {
			what = "truncated or malformed"
		}
		return fmt.Errorf("%s: %s is %s: %v", where, lineJob(line), what, err)
	}
	return nil
}

// readLines reads the non-empty lines of r, named name, decoding each
// strictly into a T whose job ID id returns.
func readLines[T any](r io.Reader, name string, id func(*T) string) ([]sourced[T], error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	var out []sourced[T]
	for n := 1; sc.Scan(); n++ {
		line := sc.Bytes()
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		where := fmt.Sprintf("%s:%d", name, n)
		var v T
		if err := decodeLine(line, where, &v, func() string { return id(&v) }); err != nil {
			return nil, err
		}
		out = append(out, sourced[T]{v, where})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}

// readPaths reads the lines of each path — a file, or a folder whose
// *.json and *.jsonl files are read in name order — or of stdin if paths
// is empty.
func readPaths[T any](paths []string, stdin io.Reader, id func(*T) string) ([]sourced[T], error) {
	if len(paths) == 0 {
		return readLines(stdin, "stdin", id)
	}
	var files []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !st.IsDir() {
			files = append(files, p)
			continue
		}
		entries, err := os.ReadDir(p)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			if n := e.Name(); !e.IsDir() && (strings.HasSuffix(n, ".json") || strings.HasSuffix(n, ".jsonl")) {
				files = append(files, filepath.Join(p, n))
			}
		}
	}
	slices.Sort(files)
	var out []sourced[T]
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		lines, err := readLines(f, name, id)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, lines...)
	}
	return out, nil
}

// writeAtomic writes b to path through a temporary file beside it, so that
// a job killed while writing leaves no partial result.
func writeAtomic(path string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".overparam-result-*")
	if err != nil {
		return err
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(f.Name())
		return err
	}
	if err := f.Close(); err != nil {
		os.Remove(f.Name())
		return err
	}
	return os.Rename(f.Name(), path)
}
