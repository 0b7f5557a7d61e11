// Package runkit holds what the experiments' run packages share: the
// export model of a trained network (NewModel), the type-7 sample quantile
// (SampleQuantile; Hyndman & Fan 1996) and the default progress callback
// (OrTrue). It is numerics, so the page's app.wasm never links it (make
// deps-check).
package runkit
