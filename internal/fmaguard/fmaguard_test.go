package fmaguard

import (
	"runtime"
	"strings"
	"testing"
)

const module = "github.com/overparam/overparam"

func scan(t *testing.T, root, pattern string) []Site {
	t.Helper()
	if runtime.GOOS == "js" {
		t.Skip("fmaguard runs the go command, which js/wasm test binaries cannot")
	}
	sites, err := Scan("../..", []string{module + "/" + root}, pattern)
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
