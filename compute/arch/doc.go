// Package arch describes a fully connected network's shape without computing
// with it: the layer widths, activation and loss (Arch), its parameter count
// and layout in θ, and the memory its curvature products need. Package nn
// computes with these networks and re-exports the names here; the specs of
// package experiment/spec use them to validate and cost a run without
// linking any numerics, so the browser's page (app.wasm) stays small.
package arch
