package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/overparam/overparam/compute/job"
)

const jobsSynopsis = `Writes the independent jobs of a run's next stage as JSON lines, the requests
the browser's pool of workers runs, for a scheduler (GNU parallel, a Slurm job
array, a Kubernetes Indexed Job; see deploy/). Name the run by a page link
(-link URL) or by an experiment and its flags:

  overparam jobs -link '/doubledescent?v=1&model=linear' > jobs.jsonl
  overparam jobs doubledescent -preset dd-linear -repeats 20 > jobs.jsonl

Run each line with 'overparam job', keep every result, then print the run's
result with 'overparam assemble'. A sweep has one stage. A staged run (the
spectrum: train, then the Lanczos probes at the trained network) needs the
results so far: 'overparam jobs -link URL -results DIR' writes the jobs of
the first stage that is not complete (only its jobs without a result), and
nothing once every stage is, with a note on stderr. So a scheduler loops:

  while overparam jobs -link URL -results results > jobs.jsonl && [ -s jobs.jsonl ]; do
    <run every line of jobs.jsonl with overparam job, results into results/>
  done
  overparam assemble results`

const jobSynopsis = `Runs one job written by 'overparam jobs' — the one line of stdin or of a file,
or line -line N of a file — and writes its result as one JSON line to stdout
or, written whole or not at all, to -out FILE. A failed job writes no result
and exits with status 1; a malformed or truncated line is named by its job.`

const assembleSynopsis = `Reads the results of every job of a run (files, folders of *.json and *.jsonl
files, or stdin; any order) and prints the run's result as JSON, exactly what
'overparam run -link' prints for its link. It assembles nothing from a
partial set: a missing or duplicated result, a result of another run (give
-link to check the run) or a malformed line is an error naming the job.`

// fanoutCommands are the fan-out commands, listed after run.
func fanoutCommands() []command {
	return []command{
		{"jobs", "write a run's independent jobs as JSON lines, for a scheduler", runJobsCmd},
		{"job", "run one job line (stdin or a file) and write its result line", runJobCmd},
		{"assemble", "assemble a run's job results (any order) into what run -link prints", runAssembleCmd},
	}
}

// stringList is a repeatable flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(s string) error { *l = append(*l, s); return nil }

func runJobsCmd(args []string, stdout, stderr io.Writer) int {
	fail := func(status int, err error) int {
		fmt.Fprintf(stderr, "overparam jobs: %v\n", err)
		return status
	}
	// Either `jobs [-results P]... -link URL` or `jobs [-results P]... <experiment> [flags]`.
	fs := newFlagSet("jobs", jobsSynopsis, stderr)
	link := fs.String("link", "", "page `URL` of the run, with or without the host")
	var results stringList
	fs.Var(&results, "results", "a `file or folder` of results of earlier jobs (repeatable): write the first incomplete stage's jobs that have none")
	all := fs.Bool("all", false, "write every job of the first incomplete stage, with or without a result, so that line numbers stay fixed while the stage runs (a Kubernetes Indexed Job's pods each pick their line)")
	quiet := fs.Bool("quiet", false, "do not print notices to stderr")
	if status := parseFlagsWithArgs(fs, args, jobsSynopsis, stderr); status >= 0 {
		return status
	}
	var r *fanRun
	var err error
	switch {
	case *link != "" && fs.NArg() > 0:
		return fail(2, fmt.Errorf("give -link or an experiment with its flags, not both"))
	case *link != "":
		r, err = fanRunOfLink(*link, func(n string) {
			if !*quiet {
				fmt.Fprintf(stderr, "overparam jobs: link corrected: %s\n", n)
			}
		})
		if err != nil {
			return fail(2, err)
		}
	case fs.NArg() > 0:
		var status int
		r, status, err = fanRunOfFlags(fs.Arg(0), fs.Args()[1:], stderr)
		if err != nil {
			return fail(status, err)
		}
		if r == nil {
			return status
		}
	default:
		return fail(2, fmt.Errorf("name the run: -link URL, or an experiment and its flags (%s)", strings.Join(experimentNames(), ", ")))
	}
	var lines []sourced[resultLine]
	if len(results) > 0 {
		var err error
		if lines, err = readPaths(results, nil, func(l *resultLine) string { return l.Job }); err != nil {
			return fail(2, err)
		}
	}
	done, err := r.outcomes(lines)
	if err != nil {
		return fail(2, err)
	}
	stage, tasks, err := job.Next(r.plan, done)
	if err != nil {
		return fail(2, err)
	}
	if stage == r.plan.Stages() {
		if !*quiet {
			fmt.Fprintf(stderr, "overparam jobs: every stage of %s is done; run overparam assemble\n", r.link)
		}
		return 0
	}
	n := 0
	for _, t := range tasks {
		if _, ok := done[t.ID]; ok && !*all {
			continue
		}
		b, err := marshalLine(jobLine{Job: t.ID, Link: r.link, Run: r.digest, Stage: stage, Request: t.Request, Data: t.Data})
		if err != nil {
			return fail(1, fmt.Errorf("job %q: %w", t.ID, err))
		}
		if _, err := stdout.Write(b); err != nil {
			return fail(1, err)
		}
		n++
	}
	if !*quiet {
		fmt.Fprintf(stderr, "overparam jobs: stage %d of %d of %s: %d jobs\n", stage+1, r.plan.Stages(), r.link, n)
	}
	return 0
}

func runJobCmd(args []string, stdout, stderr io.Writer) int {
	return runJobCmdIn(args, os.Stdin, stdout, stderr)
}

func runJobCmdIn(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(status int, err error) int {
		fmt.Fprintf(stderr, "overparam job: %v\n", err)
		return status
	}
	fs := newFlagSet("job", jobSynopsis, stderr)
	line := fs.Int("line", 0, "run line `N` (from 1) of the file, e.g. a Slurm array's $SLURM_ARRAY_TASK_ID; 0: the file must hold one job")
	out := fs.String("out", "", "write the result to this `file` (whole or not at all) instead of stdout")
	stage := fs.Int("stage", -1, "refuse a job of any stage but `K` (from 0), e.g. in a pod retried after its stage ended")
	quiet := fs.Bool("quiet", false, "do not print progress to stderr")
	if status := parseFlagsWithArgs(fs, args, jobSynopsis, stderr); status >= 0 {
		return status
	}
	if fs.NArg() > 1 {
		return fail(2, fmt.Errorf("give one file of jobs, not %d", fs.NArg()))
	}
	paths := fs.Args()
	jobs, err := readPaths(paths, stdin, func(l *jobLine) string { return l.Job })
	if err != nil {
		return fail(2, err)
	}
	var j sourced[jobLine]
	switch {
	case *line > 0 && *line <= len(jobs):
		j = jobs[*line-1]
	case *line > 0:
		return fail(2, fmt.Errorf("-line %d: the file has %d jobs", *line, len(jobs)))
	case len(jobs) == 1:
		j = jobs[0]
	default:
		return fail(2, fmt.Errorf("%d jobs given; give one (or choose one with -line N)", len(jobs)))
	}
	if *line < 0 {
		return fail(2, fmt.Errorf("-line %d: lines count from 1", *line))
	}
	if *stage >= 0 && j.value.Stage != *stage {
		return fail(2, fmt.Errorf("%s: job %q is of stage %d, not of stage %d (-stage); its stage has ended", j.where, j.value.Job, j.value.Stage, *stage))
	}
	job.RegisterAll()
	progress, finished := progressPrinter(stderr, *quiet)
	env := cliEnv
	env.Data = j.value.Data
	res, data, err := job.Do(j.value.Request, env, progress)
	finished()
	if err != nil {
		return fail(1, fmt.Errorf("%s: job %q: %w", j.where, j.value.Job, err))
	}
	body, err := job.Encode(res)
	if err != nil {
		return fail(1, fmt.Errorf("job %q: %w", j.value.Job, err))
	}
	l := j.value
	b, err := marshalLine(resultLine{Job: l.Job, Link: l.Link, Run: l.Run, Stage: l.Stage, Result: body, Data: data})
	if err != nil {
		return fail(1, fmt.Errorf("job %q: %w", l.Job, err))
	}
	if *out != "" {
		if err := writeAtomic(*out, b); err != nil {
			return fail(1, fmt.Errorf("job %q: %w", l.Job, err))
		}
		return 0
	}
	if _, err := stdout.Write(b); err != nil {
		return fail(1, err)
	}
	return 0
}

func runAssembleCmd(args []string, stdout, stderr io.Writer) int {
	return runAssembleCmdIn(args, os.Stdin, stdout, stderr)
}

func runAssembleCmdIn(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fail := func(status int, err error) int {
		fmt.Fprintf(stderr, "overparam assemble: %v\n", err)
		return status
	}
	fs := newFlagSet("assemble", assembleSynopsis, stderr)
	link := fs.String("link", "", "the run's page `URL`: refuse results of any other run")
	if status := parseFlagsWithArgs(fs, args, assembleSynopsis, stderr); status >= 0 {
		return status
	}
	results, err := readPaths(fs.Args(), stdin, func(l *resultLine) string { return l.Job })
	if err != nil {
		return fail(2, err)
	}
	if len(results) == 0 {
		return fail(2, fmt.Errorf("no results were given; nothing was assembled"))
	}
	var r *fanRun
	if *link != "" {
		r, err = fanRunOfLink(*link, func(string) {})
	} else {
		r, err = fanRunOfLink(results[0].value.Link, func(string) {})
	}
	if err != nil {
		return fail(2, fmt.Errorf("the run's link: %w", err))
	}
	done, err := r.outcomes(results)
	if err != nil {
		return fail(2, err)
	}
	if err := r.complete(done); err != nil {
		return fail(2, err)
	}
	res, err := r.plan.Assemble(done, cliEnv)
	if err != nil {
		return fail(1, err)
	}
	var buf bytes.Buffer
	if err := json.NewEncoder(&buf).Encode(res); err != nil {
		return fail(1, err)
	}
	if _, err := stdout.Write(buf.Bytes()); err != nil {
		return fail(1, err)
	}
	return 0
}

// marshalLine returns v as one JSON line, with the links' & and < as they
// are.
func marshalLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
