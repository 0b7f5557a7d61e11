// Package doubledescent is the double-descent experiment's spec: a test
// risk swept over model size for four models — min-norm and ridge least
// squares, random ReLU features, a one-hidden-layer network, LSTD with
// random features (Spec, Default, Validate, Cost) — its presets, its axes
// (one x-axis mapping for the page and the CLI) and its result types
// (Result, Point). It computes nothing, so the page's app.wasm links it;
// package compute/experiment/doubledescent/run runs it.
//
// # References
//
//   - T. Hastie, A. Montanari, S. Rosset & R. J. Tibshirani, "Surprises in
//     high-dimensional ridgeless least squares interpolation", 2019.
//   - S. Mei & A. Montanari, "The generalization error of random features
//     regression", 2019.
//   - Y. Gu, X. Zheng & T. Aste, "Unraveling the enigma of double descent",
//     2023.
//   - D. Brellmann, E. Berthier, D. Filliat & G. Frehse, "On double descent
//     in reinforcement learning with LSTD and random features", 2024.
package doubledescent
