// Package fmaguard finds fused multiply-add instructions in the arm64 build of
// Go packages, so that a test can hold compute/ to its same-bits rule.
//
// On arm64 (and other targets with an FMA instruction, but not amd64 at its
// default GOAMD64=v1 or js/wasm) the Go compiler may compute x*y + z with one
// rounding instead of two, which changes the last bits of results. The Go
// specification allows this fusion unless an explicit conversion rounds the
// product: float64(x*y) + z is never fused
// (https://go.dev/ref/spec#Arithmetic_operators, "An implementation may
// combine multiple floating-point operations into a single fused operation").
//
// Scan cross-compiles packages for linux/arm64, disassembles their compiled
// archives with `go tool objdump`, and reports every function whose code holds
// FMADDD, FMSUBD, FNMADDD or FNMSUBD (or the single-precision S forms):
//   - every function of the root packages (all of their code, exported or
//     not, including what the compiler inlined into it);
//   - every function of every gonum package they depend on, reachable or not:
//     gonum calls across its packages through interfaces (blas64, lapack64),
//     which a call graph cannot follow, so any gonum package in the build must
//     be free of fused instructions as a whole;
//   - every function of the standard library's math packages that the code
//     above calls directly or through other such functions (math.Sin, for
//     example, is pure Go on arm64 and fused there).
//
// The runtime and the rest of the standard library are not followed: they do
// no arithmetic on compute/'s numbers.
//
// ScanArch(dir, "amd64", …) checks hand-written amd64 assembly instead: the
// .s files of the root packages and of every gonum package in their linux/amd64
// build (compute/kernel's AVX2 kernel, gonum's SSE2 loops), read as source,
// for VFMADD…, VFMSUB…, VFNMADD…, VFNMSUB…, VFMADDSUB… and VFMSUBADD…
// (FMA3, FMA4 and AVX-512 forms), in instructions and in macros. Go's
// disassembler cannot be used there: it decodes no VEX instruction, and a
// package's export archive does not hold its assembly. In the root packages'
// assembly an instruction written as raw bytes (BYTE, WORD, LONG, QUAD in a
// TEXT body) is reported too, since it could hide one. The compiler's own
// amd64 code is not scanned: at the default GOAMD64=v1 it has no fused
// instruction to emit, and the arm64 scan holds the Go source to the rule.
// Neither is the standard library's assembly (math's Exp and Log pick FMA at
// run time), which compute/ does not call: it uses compute/fmath.
package fmaguard

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"sort"
	"strings"
)

// Site is a function with fused multiply-add instructions in its arm64 code.
type Site struct {
	// Func is the function's symbol, such as "math.sin" or
	// "github.com/overparam/overparam/compute/fmath.Exp".
	Func string
	// Lines are the source positions (file base name and line) of the fused
	// instructions, in address order, with the instruction mnemonic.
	Lines []string
}

func (s Site) String() string { return s.Func + ": " + strings.Join(s.Lines, ", ") }

// fusedOn matches, for each architecture ScanArch knows, the mnemonics of
// its fused multiply-add family.
var fusedOn = map[string]*regexp.Regexp{
	"arm64": regexp.MustCompile(`\bF(N?)M(ADD|SUB)[DS]\b`),
	"amd64": regexp.MustCompile(`\bVF(N?)M(ADD|SUB|ADDSUB|SUBADD)(132|213|231)?[PS][DS]\b`),
}

// buildEnv is the environment of the cross-build for each architecture.
var buildEnv = map[string][]string{
	"arm64": {"GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0"},
	"amd64": {"GOOS=linux", "GOARCH=amd64", "CGO_ENABLED=0"},
}

// reloc matches a relocation's target symbol in objdump's listing of an
// archive, such as "R_CALLARM64:math.sin" or "R_ADDRARM64:pkg.f.func1+8".
var reloc = regexp.MustCompile(`R_[A-Z0-9_]+:([^\s+]+)`)

// function is one TEXT symbol of a disassembled archive.
type function struct {
	pkg   string   // the package whose archive holds it
	fused []string // "file.go:12 FMADDD"
	refs  []string // symbols it calls or takes the address of
}

// Scan cross-compiles the packages matched by patterns (run in directory dir,
// inside the module) for linux/arm64 with cgo off and returns the functions
// with fused instructions, sorted by name: those of the packages whose import
// path starts with one of roots, of every gonum package in their build, and of
// the math packages they reach (see the package doc).
func Scan(dir string, roots []string, patterns ...string) ([]Site, error) {
	return ScanArch(dir, "arm64", roots, patterns...)
}

// ScanArch is Scan for the architecture goarch, "arm64" or "amd64" (see the
// package doc).
func ScanArch(dir, goarch string, roots []string, patterns ...string) ([]Site, error) {
	fused, ok := fusedOn[goarch]
	if !ok {
		return nil, fmt.Errorf("fmaguard: no fused multiply-add mnemonics known for %q", goarch)
	}
	if goarch == "amd64" {
		return scanAssembly(dir, goarch, fused, roots, patterns)
	}
	exports, err := exportFiles(dir, goarch, patterns)
	if err != nil {
		return nil, err
	}
	funcs := map[string]function{} // symbol → code
	loaded := map[string]bool{}
	load := func(pkg string) error {
		if loaded[pkg] {
			return nil
		}
		loaded[pkg] = true
		file, ok := exports[pkg]
		if !ok || file == "" {
			return nil
		}
		return disassemble(pkg, file, fused, funcs)
	}
	isRoot := func(pkg string) bool {
		for _, r := range roots {
			if pkg == r || strings.HasPrefix(pkg, r+"/") {
				return true
			}
		}
		return false
	}
	whole := func(pkg string) bool { return isRoot(pkg) || strings.HasPrefix(pkg, "gonum.org/") }
	var pkgs []string
	for pkg := range exports {
		if whole(pkg) {
			pkgs = append(pkgs, pkg)
		}
	}
	sort.Strings(pkgs)
	checked := map[string]bool{}
	var queue []string
	for _, pkg := range pkgs {
		if exports[pkg] == "" {
			return nil, fmt.Errorf("fmaguard: no compiled archive for %s", pkg)
		}
		if err := load(pkg); err != nil {
			return nil, err
		}
	}
	// Every function compiled into a root or gonum archive, including generic
	// instantiations named after another package (slices.SortFunc[…]).
	for sym, f := range funcs {
		if whole(f.pkg) {
			checked[sym] = true
			queue = append(queue, sym)
		}
	}
	// Follow calls and address references into the math packages.
	for len(queue) > 0 {
		sym := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		for _, ref := range funcs[sym].refs {
			if checked[ref] || !followed(symbolPackage(ref)) {
				continue
			}
			if err := load(symbolPackage(ref)); err != nil {
				return nil, err
			}
			checked[ref] = true
			queue = append(queue, ref)
		}
	}
	var sites []Site
	for sym := range checked {
		if f := funcs[sym]; len(f.fused) > 0 {
			sites = append(sites, Site{Func: sym, Lines: f.fused})
		}
	}
	sort.Slice(sites, func(i, j int) bool { return sites[i].Func < sites[j].Func })
	return sites, nil
}

// followed reports whether Scan follows calls into pkg: the standard
// library's math packages.
func followed(pkg string) bool { return pkg == "math" || strings.HasPrefix(pkg, "math/") }

// symbolPackage returns the import path of a Go symbol: everything before the
// first dot after the last slash ("math.sin" → "math",
// "gonum.org/v1/gonum/blas/gonum.Implementation.Dgemm" →
// "gonum.org/v1/gonum/blas/gonum").
func symbolPackage(sym string) string {
	slash := strings.LastIndex(sym, "/")
	if dot := strings.Index(sym[slash+1:], "."); dot >= 0 {
		return sym[:slash+1+dot]
	}
	return sym
}

// exportFiles returns the compiled archive of every package in the goarch
// build of patterns, by import path.
func exportFiles(dir, goarch string, patterns []string) (map[string]string, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}"}, patterns...)
	cmd := exec.Command(goTool(), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), buildEnv[goarch]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("fmaguard: go %s: %v\n%s", strings.Join(args, " "), err, stderr.Bytes())
	}
	exports := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, file, _ := strings.Cut(line, "\t")
		exports[path] = file
	}
	return exports, nil
}

// disassemble adds the functions of package pkg's compiled archive file to
// funcs, noting the instructions that fused matches.
func disassemble(pkg, file string, fused *regexp.Regexp, funcs map[string]function) error {
	cmd := exec.Command(goTool(), "tool", "objdump", file)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("fmaguard: go tool objdump %s: %v\n%s", file, err, stderr.Bytes())
	}
	var sym string
	var f function
	flush := func() {
		if sym != "" {
			funcs[sym] = f
		}
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if rest, ok := strings.CutPrefix(line, "TEXT "); ok {
			flush()
			sym, _, _ = strings.Cut(rest, " ")
			sym = strings.TrimSuffix(sym, "(SB)")
			f = function{pkg: pkg}
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			continue
		}
		if m := fused.FindString(line); m != "" {
			f.fused = append(f.fused, fields[0]+" "+m)
		}
		for _, m := range reloc.FindAllStringSubmatch(line, -1) {
			f.refs = append(f.refs, strings.TrimSuffix(m[1], "(SB)"))
		}
	}
	flush()
	return sc.Err()
}

// goTool returns the go command: `go test` puts its toolchain's first on PATH.
func goTool() string { return "go" }
