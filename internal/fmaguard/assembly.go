package fmaguard

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

// rawEncoding matches a data directive, which in a TEXT body emits
// instruction bytes the scan cannot read.
var rawEncoding = regexp.MustCompile(`^\s*(BYTE|WORD|LONG|QUAD)\b`)

// scanAssembly reports, for every root or gonum package in the goarch build
// of patterns, its assembly files' lines that fused matches (and, in root
// packages, raw encodings), as one Site per file named "importpath/file.s".
func scanAssembly(dir, goarch string, fused *regexp.Regexp, roots, patterns []string) ([]Site, error) {
	args := append([]string{"list", "-deps", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .SFiles \"\\t\"}}"}, patterns...)
	cmd := exec.Command(goTool(), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), buildEnv[goarch]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("fmaguard: go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	var sites []Site
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Split(line, "\t")
		if len(fields) < 3 || fields[2] == "" {
			continue
		}
		pkg, pkgDir, files := fields[0], fields[1], fields[2:]
		root := isUnder(pkg, roots)
		if !root && !strings.HasPrefix(pkg, "gonum.org/") {
			continue
		}
		for _, file := range files {
			src, err := os.ReadFile(filepath.Join(pkgDir, file))
			if err != nil {
				return nil, fmt.Errorf("fmaguard: %v", err)
			}
			if lines := assemblyFindings(file, string(src), fused, root); len(lines) > 0 {
				sites = append(sites, Site{Func: pkg + "/" + file, Lines: lines})
			}
		}
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Func < sites[j].Func })
	return sites, nil
}

// assemblyFindings returns "file.s:12 VFMADD231PD" for each fused mnemonic
// in src outside comments, and, if raw, "file.s:12 BYTE (raw encoding)" for
// each data directive inside a TEXT body.
func assemblyFindings(file, src string, fused *regexp.Regexp, raw bool) []string {
	var found []string
	inComment, inText := false, false
	for i, line := range strings.Split(src, "\n") {
		var code strings.Builder
		for len(line) > 0 {
			if inComment {
				end := strings.Index(line, "*/")
				if end < 0 {
					line = ""
					break
				}
				line, inComment = line[end+2:], false
				continue
			}
			start, slashes := strings.Index(line, "/*"), strings.Index(line, "//")
			if slashes >= 0 && (start < 0 || slashes < start) {
				code.WriteString(line[:slashes])
				break
			}
			if start < 0 {
				code.WriteString(line)
				break
			}
			code.WriteString(line[:start])
			line, inComment = line[start+2:], true
		}
		text := code.String()
		pos := fmt.Sprintf("%s:%d ", file, i+1)
		for _, m := range fused.FindAllString(text, -1) {
			found = append(found, pos+m)
		}
		trimmed := strings.TrimSpace(text)
		switch {
		case strings.HasPrefix(trimmed, "TEXT"):
			inText = true
		case strings.HasPrefix(trimmed, "DATA"), strings.HasPrefix(trimmed, "GLOBL"):
			inText = false
		}
		if m := rawEncoding.FindStringSubmatch(text); raw && inText && m != nil {
			found = append(found, pos+m[1]+" (raw encoding)")
		}
	}
	return found
}

// isUnder reports whether pkg is one of roots or inside one.
func isUnder(pkg string, roots []string) bool {
	for _, r := range roots {
		if pkg == r || strings.HasPrefix(pkg, r+"/") {
			return true
		}
	}
	return false
}
