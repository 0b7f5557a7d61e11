// Command spin is the control of bench/workers.sh: the same floating-point
// loop (2·10⁹ additions) on 1 or on N goroutines, each doing its share. On
// an idle 2-core machine N = 2 halves the time; when other work holds the
// cores it does not, and then no -workers speed-up can show either.
//
//	go run ./bench/spin 2
package main

import (
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"
)

// loop adds n small numbers and returns the sum (so it is not optimised
// away).
func loop(n int) float64 {
	x := 0.0
	for i := range n {
		x += float64(i) * 1e-9
	}
	return x
}

func main() {
	g := 1
	if len(os.Args) > 1 {
		var err error
		if g, err = strconv.Atoi(os.Args[1]); err != nil || g < 1 {
			fmt.Fprintln(os.Stderr, "usage: spin [goroutines ≥ 1]")
			os.Exit(2)
		}
	}
	const total = 2_000_000_000
	start := time.Now()
	sums := make([]float64, g)
	var wg sync.WaitGroup
	for k := range g {
		wg.Add(1)
		go func() { defer wg.Done(); sums[k] = loop(total / g) }()
	}
	wg.Wait()
	fmt.Printf("%.2f\n", time.Since(start).Seconds())
}
