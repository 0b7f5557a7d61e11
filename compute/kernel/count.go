package kernel

import "sync/atomic"

// mulAdds counts the multiply-adds MulTo and MulAddTo were asked for:
// m·k·n per call, whatever the implementation (gonum may skip zero terms;
// the count does not).
var mulAdds atomic.Int64

// MulAdds returns the number of multiply-adds (m·k·n per call) that MulTo
// and MulAddTo have been asked for since the program started, summed over
// every goroutine. Tests use it to check cost estimates against the
// arithmetic a run actually performs; one atomic add per product costs
// nothing next to the product.
func MulAdds() int64 { return mulAdds.Load() }
