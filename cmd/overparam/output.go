package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/overparam/overparam/compute/experiment"
)

// progressPrinter returns a progress callback that shows the run's phase on
// stderr at most twice a second (nothing when quiet), and a func to call
// when the run ends, which prints the elapsed time.
func progressPrinter(stderr io.Writer, quiet bool) (progress func(experiment.Progress) bool, done func()) {
	start, last := time.Now(), time.Time{}
	progress = func(p experiment.Progress) bool {
		if !quiet && time.Since(last) > 500*time.Millisecond {
			last = time.Now()
			fmt.Fprintf(stderr, "\r%-28s %d/%d   ", p.Phase, p.Done, p.Total)
		}
		return true
	}
	done = func() {
		if !quiet {
			fmt.Fprintf(stderr, "\rdone in %.2f s%30s\n", time.Since(start).Seconds(), "")
		}
	}
	return progress, done
}

// output writes a command's result as one JSON object or, by default, with
// print, and returns the exit status.
func output[R any](command string, res R, asJSON bool, stdout, stderr io.Writer, print func(io.Writer, R)) int {
	if !asJSON {
		print(stdout, res)
		return 0
	}
	if err := json.NewEncoder(stdout).Encode(res); err != nil {
		fmt.Fprintf(stderr, "overparam %s: %v\n", command, err)
		return 1
	}
	return 0
}

// wrapWords breaks text into lines of at most width bytes at spaces (a word
// longer than width gets a line of its own), so long sentences read in an
// 80-column terminal.
func wrapWords(text string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
