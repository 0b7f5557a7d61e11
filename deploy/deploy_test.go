// Package deploy holds the fan-out scripts (GNU parallel, Slurm,
// Kubernetes) and their integration tests: each runs a small
// double-descent sweep through a script and checks that the assembled
// result is the bytes `overparam run -link` prints. The tests run when
// OVERPARAM_E2E=1 (make test sets it) and need Debian's parallel, munge
// and slurm-wlm (.ci/run installs them); the Slurm test starts a
// one-node cluster on localhost and stops it.
package deploy

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// link is the run the tests fan out: a sweep of four sizes, three repeats
// each (four jobs, a fraction of a second each).
const link = "/doubledescent?v=1&model=features&n=60&dim=10&sizes=20,40,60,120&repeats=3"

// requireE2E skips the test unless OVERPARAM_E2E=1.
func requireE2E(t *testing.T) {
	t.Helper()
	if os.Getenv("OVERPARAM_E2E") != "1" {
		t.Skip("set OVERPARAM_E2E=1 to run the fan-out integration tests (make test does; they need parallel, munge and slurm-wlm)")
	}
}

// build builds cmd/overparam into dir and returns its path.
func build(t *testing.T, dir string) string {
	t.Helper()
	bin := filepath.Join(dir, "overparam")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/overparam")
	cmd.Dir = ".."
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/overparam: %v\n%s", err, out)
	}
	return bin
}

// runLink returns what `overparam run -link link` prints: the truth of
// every fan-out.
func runLink(t *testing.T, bin string) []byte {
	t.Helper()
	out, err := exec.Command(bin, "run", "-quiet", "-link", link).Output()
	if err != nil {
		t.Fatalf("overparam run -link %s: %v", link, stderrOf(err))
	}
	return out
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return fmt.Sprintf("%v: %s", err, ee.Stderr)
	}
	return err.Error()
}

// need fails the test, saying what to install, if a command is missing.
func need(t *testing.T, commands ...string) {
	t.Helper()
	for _, c := range commands {
		if _, err := exec.LookPath(c); err != nil {
			t.Fatalf("%s is not installed (%v): install Debian's parallel, munge and slurm-wlm (.ci/run does)", c, err)
		}
	}
}

// script runs a deploy script with the environment env and returns its
// stdout.
func script(t *testing.T, env []string, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command("sh", append([]string{name}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return out
}

// same fails the test unless got is want, byte for byte.
func same(t *testing.T, how string, got, want []byte) {
	t.Helper()
	if !bytes.Equal(got, want) {
		i := 0
		for i < min(len(got), len(want)) && got[i] == want[i] {
			i++
		}
		t.Errorf("%s printed %d bytes that differ from run -link's %d at byte %d:\n%.200s\nwant\n%.200s", how, len(got), len(want), i, got, want)
	}
}

// Truth: `overparam run -link`. GNU parallel runs every job of the sweep
// on this machine's cores (deploy/parallel.sh) and the assembled result
// is the same bytes.
func TestParallelFanOutGivesRunLinksBytes(t *testing.T) {
	requireE2E(t)
	need(t, "parallel")
	dir := t.TempDir()
	bin := build(t, dir)
	got := script(t, []string{"OVERPARAM=" + bin, "JOBS=2"}, "parallel.sh", link, filepath.Join(dir, "work"))
	same(t, "deploy/parallel.sh", got, runLink(t, bin))
	files, _ := filepath.Glob(filepath.Join(dir, "work", "results", "*.json"))
	if len(files) != 4 {
		t.Errorf("%d result files, want one per point (4): %v", len(files), files)
	}
}

// Truth: `overparam run -link`. The pods of deploy/k8s/job.yaml, run here
// one by one with JOB_COMPLETION_INDEX set as Kubernetes sets it, and
// their results assembled: the same bytes. (The manifest's command, not
// a cluster.)
func TestKubernetesPodCommandGivesRunLinksBytes(t *testing.T) {
	requireE2E(t)
	dir := t.TempDir()
	bin := build(t, dir)
	manifest, err := os.ReadFile("k8s/job.yaml")
	if err != nil {
		t.Fatal(err)
	}
	text := string(manifest)
	i := strings.Index(text, "- >-\n")
	j := strings.Index(text, "volumeMounts:")
	if i < 0 || j < i {
		t.Fatal("k8s/job.yaml: no folded command (- >-) before volumeMounts")
	}
	command := strings.Join(strings.Fields(text[i+len("- >-\n"):j]), " ") // a folded scalar joins its lines with spaces
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(filepath.Join(work, "results"), 0o755); err != nil {
		t.Fatal(err)
	}
	command = strings.ReplaceAll(command, "/work/", work+"/")
	command = strings.ReplaceAll(command, "overparam ", bin+" ")
	command = strings.ReplaceAll(command, "STAGE", "0")
	for index := range 4 {
		cmd := exec.Command("sh", "-c", command)
		cmd.Env = append(os.Environ(), "LINK="+link, fmt.Sprintf("JOB_COMPLETION_INDEX=%d", index))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("pod %d: %v\n%s", index, err, out)
		}
	}
	if out, _ := exec.Command(bin, "jobs", "-all", "-quiet", "-link", link, "-results", filepath.Join(work, "results")).Output(); len(out) != 0 {
		t.Errorf("after the 4 pods, jobs -all still writes jobs:\n%.200s", out)
	}
	got, err := exec.Command(bin, "assemble", "-link", link, filepath.Join(work, "results")).Output()
	if err != nil {
		t.Fatalf("assemble: %v", stderrOf(err))
	}
	same(t, "the pods of k8s/job.yaml", got, runLink(t, bin))
}
