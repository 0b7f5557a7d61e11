package fmaguard

import (
	"runtime"
	"strings"
	"testing"
)

const module = "github.com/overparam/overparam"

func scan(t *testing.T, root, pattern string) []Site {
	return scanArch(t, "arm64", root, pattern)
}

func scanArch(t *testing.T, goarch, root, pattern string) []Site {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("fmaguard runs the go command, which js/wasm test binaries cannot")
	}
	sites, err := ScanArch("../..", goarch, []string{module + "/" + root}, pattern)
	if err != nil {
		t.Fatal(err)
	}
	return sites
}

// Truth: the Go specification lets arm64 fuse x*y + z unless float64(...)
// rounds the product (https://go.dev/ref/spec#Arithmetic_operators), and the
// arm64 compiler does; testdata/fused holds one function of each kind.
func TestScanFindsTheFusedFixtureFunctionsAndOnlyThem(t *testing.T) {
	sites := scan(t, "internal/fmaguard/testdata/fused", "./internal/fmaguard/testdata/fused")
	got := map[string]bool{}
	for _, s := range sites {
		got[s.Func] = true
	}
	pkg := module + "/internal/fmaguard/testdata/fused."
	for _, want := range []string{pkg + "MulAdd", pkg + "MulSub", "math.sin"} {
		if !got[want] {
			t.Errorf("Scan missed %s, which holds a fused multiply-add; it found %v", want, sites)
		}
	}
	if got[pkg+"Rounded"] {
		t.Errorf("Scan reports %sRounded, whose product float64(...) rounds", pkg)
	}
}

// Truth: the disassembly of compute/'s arm64 build. A fused instruction in
// compute/, in a gonum package it links, or in a math function it calls gives
// arm64 other bits than amd64 and js/wasm; round the product with float64(...)
// (or use compute/fmath instead of package math).
func TestComputeHasNoFusedMultiplyAddOnArm64(t *testing.T) {
	sites := scan(t, "compute", "./compute/...")
	if len(sites) > 0 {
		var b strings.Builder
		for _, s := range sites {
			b.WriteString("\n\t" + s.String())
		}
		t.Errorf("%d functions in the arm64 build of compute/ fuse multiply-adds:%s", len(sites), b.String())
	}
}

// Truth: Intel's SDM (vol. 2, VFMADD231SD: "fused multiply-add of scalar
// double-precision", one rounding) and the fixture's source:
// testdata/fusedasm holds one amd64 assembly file with a VFMADD231SD, one
// instruction written as bytes, and a fused mnemonic in a comment only, and
// another file with MULSD and ADDSD.
func TestScanArchFindsFusedAmd64AssemblyAndOnlyIt(t *testing.T) {
	sites := scanArch(t, "amd64", "internal/fmaguard/testdata/fusedasm", "./internal/fmaguard/testdata/fusedasm")
	pkg := module + "/internal/fmaguard/testdata/fusedasm/"
	want := []string{
		pkg + "fused_amd64.s: fused_amd64.s:9 VFMADD231SD, fused_amd64.s:16 BYTE (raw encoding)",
	}
	var got []string
	for _, s := range sites {
		got = append(got, s.String())
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("ScanArch(amd64) found\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// Truth: the assembly sources in compute/'s amd64 build (compute/kernel's
// AVX2 kernel, gonum's SSE2 loops). A fused instruction there gives amd64
// other bits than pure Go, arm64 and js/wasm: multiply and add with separate
// instructions (VMULPD, VADDPD).
func TestComputeHasNoFusedMultiplyAddOnAmd64(t *testing.T) {
	sites := scanArch(t, "amd64", "compute", "./compute/...")
	if len(sites) > 0 {
		var b strings.Builder
		for _, s := range sites {
			b.WriteString("\n\t" + s.String())
		}
		t.Errorf("%d assembly files in the amd64 build of compute/ fuse multiply-adds:%s", len(sites), b.String())
	}
}
