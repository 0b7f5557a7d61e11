package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runIn is run with stdin.
func runIn(t *testing.T, stdin string, cmd func([]string, *strings.Reader, *bytes.Buffer, *bytes.Buffer) int, args ...string) outcome {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := cmd(args, strings.NewReader(stdin), &stdout, &stderr)
	return outcome{code, stdout.String(), stderr.String()}
}

func jobIn(args []string, in *strings.Reader, out, errw *bytes.Buffer) int {
	return runJobCmdIn(args, in, out, errw)
}

func assembleIn(args []string, in *strings.Reader, out, errw *bytes.Buffer) int {
	return runAssembleCmdIn(args, in, out, errw)
}

// fanOut runs link the way a scheduler would: the jobs of each stage (from
// `jobs -results` of the results so far), each job by `overparam job` in a
// shuffled order, until `jobs` writes none; it returns the result lines in
// a shuffled order.
func fanOut(t *testing.T, link string) []string {
	t.Helper()
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	var results []string
	for stage := 0; ; stage++ {
		if stage > 3 {
			t.Fatalf("%s: jobs still writes jobs after %d stages", link, stage)
		}
		o := mustRun(t, "jobs", "-quiet", "-link", link, "-results", dir)
		if o.stdout == "" {
			break
		}
		lines := strings.SplitAfter(strings.TrimSuffix(o.stdout, "\n"), "\n")
		rng.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
		for i, line := range lines {
			r := runIn(t, line, jobIn, "-quiet")
			if r.code != 0 {
				t.Fatalf("job %s: status %d: %s", line[:min(60, len(line))], r.code, r.stderr)
			}
			results = append(results, r.stdout)
			if err := os.WriteFile(filepath.Join(dir, strings.Repeat("s", stage+1)+string(rune('a'+i%26))+string(rune('a'+i/26))+".json"), []byte(r.stdout), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	rng.Shuffle(len(results), func(i, j int) { results[i], results[j] = results[j], results[i] })
	return results
}

// Truth: `overparam run -link` (itself checked against the one-call run
// above). A sweep (one stage) and a spectrum with its run at
// initialisation and a second seed (two stages: train, then probes at the
// trained θ, which travels in the job lines) fanned out job by job and
// assembled from their results in a shuffled order print the same bytes.
func TestAssembledJobsPrintRunLinksBytes(t *testing.T) {
	for _, link := range []string{
		"/doubledescent?v=1&model=linear&n=40&dim=20&sizes=10,20,30,60&repeats=3",
		"/spectrum?v=1&samples=60&test=30&hidden=8&epochs=20&steps=20&probes=3&topk=5&before=true&repeats=2",
	} {
		results := fanOut(t, link)
		got := runIn(t, strings.Join(results, ""), assembleIn)
		if got.code != 0 {
			t.Fatalf("assemble %s: status %d: %s", link, got.code, got.stderr)
		}
		want := mustRun(t, "run", "-quiet", "-link", link).stdout
		if got.stdout != want {
			t.Errorf("%s: assemble printed %d bytes that differ from run -link's %d at byte %d", link, len(got.stdout), len(want), firstDiff(got.stdout, want))
		}
	}
}

// An experiment's flags name the same run as its link: the same jobs.
func TestJobsOfFlagsEqualJobsOfTheLink(t *testing.T) {
	byLink := mustRun(t, "jobs", "-quiet", "-link", "/doubledescent?v=1&model=linear&n=40&sizes=10,20&repeats=2").stdout
	byFlags := mustRun(t, "jobs", "-quiet", "doubledescent", "-model", "linear", "-n", "40", "-sizes", "10,20", "-repeats", "2").stdout
	if byLink == "" || byLink != byFlags {
		t.Errorf("jobs by flags differ from jobs by link:\n%.300s\n%.300s", byFlags, byLink)
	}
	preset := mustRun(t, "jobs", "-quiet", "doubledescent", "-preset", "dd-linear").stdout
	if !strings.Contains(preset, `"job":"point 0"`) {
		t.Errorf("jobs doubledescent -preset dd-linear wrote no point 0: %.200s", preset)
	}
}

// Bad input is refused with a message naming the job, and nothing is
// assembled from a partial or foreign set of results.
func TestBadJobsAndResultsAreRefusedNamingTheJob(t *testing.T) {
	link := "/doubledescent?v=1&model=linear&n=40&dim=20&sizes=10,20,30&repeats=2"
	results := fanOut(t, link)
	other := fanOut(t, "/doubledescent?v=1&model=linear&n=40&dim=20&sizes=10,20,30&repeats=3")
	jobs := mustRun(t, "jobs", "-quiet", "-link", link).stdout
	first := strings.SplitAfter(jobs, "\n")[0]
	pointOf := func(line string) string { // "point N" of a line
		i := strings.Index(line, `"job":"`) + len(`"job":"`)
		return line[i : i+strings.Index(line[i:], `"`)]
	}
	for _, c := range []struct {
		name, stdin string
		cmd         func([]string, *strings.Reader, *bytes.Buffer, *bytes.Buffer) int
		args        []string
		want        []string
	}{
		{"a truncated job line", first[:len(first)/2], jobIn, nil, []string{pointOf(first), "truncated"}},
		{"a job line with an unknown key", strings.Replace(first, `"stage"`, `"stages"`, 1), jobIn, nil, []string{pointOf(first), "malformed", "stages"}},
		{"two job lines without -line", jobs, jobIn, nil, []string{"3 jobs given"}},
		{"a job of an unknown kind", strings.Replace(first, "doubledescent.point", "doubledescent.pint", 1), jobIn, nil, []string{pointOf(first), "unknown kind"}},
		{"a missing result", strings.Join(results[1:], ""), assembleIn, nil, []string{"missing", pointOf(results[0])}},
		{"a duplicated result", strings.Join(append(results, results[1]), ""), assembleIn, nil, []string{"two results", pointOf(results[1])}},
		{"a result of another link", strings.Join(append(results[1:], other[0]), ""), assembleIn, nil, []string{pointOf(other[0]), "repeats=3", "not for"}},
		{"results of another link than -link", strings.Join(other, ""), assembleIn, []string{"-link", link}, []string{"not for", "repeats=2"}},
		{"a truncated result", strings.Join(results[1:], "") + results[0][:len(results[0])-40], assembleIn, nil, []string{pointOf(results[0]), "truncated"}},
		{"no results", "", assembleIn, nil, []string{"no results"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			o := runIn(t, c.stdin, c.cmd, c.args...)
			if o.code == 0 || o.stdout != "" {
				t.Fatalf("status %d, stdout %.100q; want a failure and no output", o.code, o.stdout)
			}
			for _, w := range c.want {
				if !strings.Contains(o.stderr, w) {
					t.Errorf("the error %q does not name %q", o.stderr, w)
				}
			}
		})
	}
}

// `job -line N FILE` runs line N of a file of jobs, as an array task does,
// and -out writes the same result line.
func TestJobLineOfAFile(t *testing.T) {
	dir := t.TempDir()
	jobs := mustRun(t, "jobs", "-quiet", "-link", "/doubledescent?v=1&model=linear&n=40&sizes=10,20&repeats=2").stdout
	file := filepath.Join(dir, "jobs.jsonl")
	if err := os.WriteFile(file, []byte(jobs), 0o644); err != nil {
		t.Fatal(err)
	}
	second := strings.SplitAfter(jobs, "\n")[1]
	want := runIn(t, second, jobIn, "-quiet").stdout
	out := filepath.Join(dir, "r.json")
	mustRun(t, "job", "-quiet", "-line", "2", "-out", out, file)
	got, err := os.ReadFile(out)
	if err != nil || string(got) != want || !strings.Contains(want, `"job":"point 1"`) {
		t.Errorf("job -line 2 -out: %q (%v), want %.80q", got, err, want)
	}
	if o := run(t, "job", "-line", "3", file); o.code != 2 || !strings.Contains(o.stderr, "has 2 jobs") {
		t.Errorf("job -line 3 of 2: status %d, %q", o.code, o.stderr)
	}
}
