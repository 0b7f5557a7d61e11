// Package web holds Overparam's static web assets. The native CLI embeds
// the ones it needs from here; the static site serves the same files, which
// the browser fetches.
package web

import _ "embed"

// DigitsGz is the MNIST digits asset, data/digits.bin.gz: the first 10,000
// training and 2,000 test digits of MNIST, gzip-compressed in the format
// that compute/data.DecodeDigits reads. Rebuild it with
// go run ./tools/mkdigits -out web/data/digits.bin.gz.
//
//go:embed data/digits.bin.gz
var DigitsGz []byte
