//go:build js && wasm

// Command ui is the browser UI's WebAssembly main: it routes the pages of
// package app and gives them a pool of compute workers (web/compute-worker.js
// running the web/worker-<family>.wasm of each page), sized from navigator.hardwareConcurrency. It
// runs on the page's main thread and never computes.
package main

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	opapp "github.com/overparam/overparam/app"
	"github.com/overparam/overparam/app/pool"
)

func main() {
	opapp.Register()
	opapp.UseJobs(func(module string) opapp.Jobs {
		script := app.Getenv("GOAPP_STATIC_RESOURCES_URL") + "/compute-worker.js"
		return opapp.PoolJobs(pool.New(pool.NewWebTransport(script, module), pool.DefaultSize()))
	})
	app.RunWhenOnBrowser()
}
