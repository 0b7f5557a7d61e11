// Package runkit holds what the experiments' run packages share: the
// export model of a trained network (NewModel), the type-7 sample quantile
// (SampleQuantile; Hyndman & Fan 1996), the default progress callback
// (OrTrue), and the data, network and objectives of a spectrum spec
// (SetupSpectrum), which the paths run builds for its pair too. It has no
// init and registers nothing, so a worker importing it links only the code
// it calls: importing another experiment's run package would link that
// experiment's job handlers through its init. It is numerics, so the page's app.wasm never links it (make
// deps-check).
package runkit
