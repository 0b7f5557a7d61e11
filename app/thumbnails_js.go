//go:build js

package app

// registerThumbnails does nothing in the browser: thumbnails are drawn by
// tools/mkthumbs, natively (thumbnails.go), so app.wasm links none of
// their code.
func registerThumbnails[S, R any](string, *experimentPage[S], func(preset, S, *R) string) {}
