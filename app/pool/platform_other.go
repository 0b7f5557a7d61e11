//go:build !(js && wasm)

package pool

// platformConcurrency is the native twin of the browser's
// navigator.hardwareConcurrency (see transport_js.go). Outside a browser
// there are no Web Workers to size, so it reports a 2-core machine, the
// smallest common laptop, and DefaultSize is 2 in native tests and tools.
func platformConcurrency() int { return 2 }
