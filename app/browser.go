package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Browser helpers. app.Window() is a no-op outside the browser, so these
// are safe in native tests; the JavaScript side is web/overparam.js.

// replaceURL changes the address bar without adding a history entry.
func replaceURL(url string) {
	app.Window().Get("history").Call("replaceState", nil, "", url)
}

// origin is the page's scheme, host and port, e.g. http://localhost:8000.
func origin() string {
	return app.Window().Get("location").Get("origin").String()
}

// download saves text as a file.
func download(name, mime, text string) {
	app.Window().Call("overparamDownload", name, mime, text)
}

// downloadPNG rasterises an SVG at twice its size and saves it as PNG.
func downloadPNG(name, svg string) {
	app.Window().Call("overparamDownloadPNG", name, svg, 2)
}

// copyText puts text on the clipboard when the browser allows it.
func copyText(text string) {
	app.Window().Call("overparamCopy", text, app.FuncOf(func(app.Value, []app.Value) any { return nil }))
}
