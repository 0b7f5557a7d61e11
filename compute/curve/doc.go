// Package curve holds a training curve's point (Point) and its JSON form, in
// which NaN and infinite values are null. Package train produces the points;
// the pages and the CLI read them. It computes nothing, so the browser's page
// (app.wasm) reads curves without linking training code.
package curve
