// Command experiments prints the name of every registered experiment
// (compute/experiment.Experiments), one a line, in their order. The
// Makefile reads it to build and size-check one worker module per
// experiment, so adding an experiment edits no list there.
package main

import (
	"fmt"

	"github.com/overparam/overparam/compute/experiment"
	_ "github.com/overparam/overparam/compute/experiment/all"
)

func main() {
	for _, e := range experiment.Experiments() {
		fmt.Println(e.Name)
	}
}
