// Overparam's compute worker bootstrap: the script of every dedicated Web
// Worker that app/pool's web transport starts. It loads Go's wasm runtime
// shim and the Go module its name asks for (web/worker-<family>.wasm, built
// from wasm/worker/<family>), runs it, and connects it to the page.
//
// Messages (the contract of app/pool and compute/job):
//   page → worker: {body: "<request JSON text>", data?: ArrayBuffer}, with
//                  MessagePorts transferred for a sharded probe
//                  (event.ports): the lead's channels to its helpers, or a
//                  helper's to its lead; data is a spectrum's trained θ
//                  (float64s), as the train stage's worker sent it
//   worker → page: {type, body: "<JSON text>", data?: ArrayBuffer}, type
//                  one of "ready", "progress", "partial", "result", "error"
//                  (sent by Go) and "crash" (sent here, body {"error": "…"}),
//                  after which the page must replace this worker; data
//                  (transferred) only on the spectrum train stage's result
//
// The Go program calls self.overparamListen(handle) once it listens; from
// then on each request is passed to handle(body, ports, data). Requests that
// arrive earlier are buffered. The Go program then posts "ready" itself.
//
// Every URL is resolved against this script's own URL, never the page's, so
// the site works under a sub-path (https://host/repo/): the worker modules and
// data/ sit next to this script, and wasm_exec.js, which go-app serves at
// the app root, one level up. Nothing is fetched from any other origin.
//
// This is a classic worker script (importScripts), not a module.
"use strict";

(() => {
	const here = self.location.href;
	const resolve = (path) => new URL(path, here).href;
	// Each experiment family has its own, smaller Go module; the page names
	// it in the worker's name, "<module>#<index>" (a name, not a query, so
	// the service worker's cached copy of this script serves every worker).
	const requested = String(self.name || "").split("#")[0];
	const module = /^worker-[a-z]+\.wasm$/.test(requested) ? requested : "worker-spectrum.wasm";

	let crashed = false;
	let handle = null; // the Go request handler, once Go listens
	const pending = []; // requests {body, ports, data} that arrived before Go listened
	let output = ""; // the tail of what Go wrote to stdout/stderr

	// crash tells the page, once, that this worker is dead.
	function crash(message) {
		if (crashed) {
			return;
		}
		crashed = true;
		handle = null;
		pending.length = 0;
		self.postMessage({ type: "crash", body: JSON.stringify({ error: message }) });
	}

	// describe turns a thrown value into a message for the page.
	function describe(err) {
		if (err instanceof WebAssembly.RuntimeError) {
			return `the Go program trapped: ${err.message}`;
		}
		if (err instanceof RangeError) {
			return `out of memory: ${err.message}`;
		}
		if (err && typeof err === "object" && err.message) {
			return `${err.name || "Error"}: ${err.message}`;
		}
		return String(err);
	}

	// goFailure returns the first "panic:" or "fatal error:" line Go wrote,
	// which names why it exited, or "".
	function goFailure() {
		const line = output.split("\n").find((l) => /^(panic|fatal error):/.test(l));
		return line ? line.trim() : "";
	}

	// deliver passes one request to Go. A trap or an exited Go program
	// surfaces here as an exception.
	function deliver(body, ports, data) {
		try {
			handle(body, ports, data);
		} catch (err) {
			crash(describe(err));
		}
	}

	self.overparamListen = (fn) => {
		if (crashed || typeof fn !== "function") {
			return;
		}
		handle = fn;
		// Deliver buffered requests after Go's call returns, not inside it.
		queueMicrotask(() => {
			for (const r of pending.splice(0)) {
				if (handle) {
					deliver(r.body, r.ports, r.data);
				}
			}
		});
	};

	self.addEventListener("message", (event) => {
		const data = event.data;
		if (crashed || !data || typeof data.body !== "string") {
			return;
		}
		const ports = Array.from(event.ports || []);
		const payload = data.data instanceof ArrayBuffer ? data.data : undefined;
		if (handle) {
			deliver(data.body, ports, payload);
		} else {
			pending.push({ body: data.body, ports, data: payload });
		}
	});

	// A trap inside a Go timer or a promise callback is thrown outside
	// deliver: it arrives as an error event or an unhandled rejection.
	self.addEventListener("error", (event) => {
		event.preventDefault(); // crash reports it; the page needs no second error event
		crash(event.error ? describe(event.error) : event.message || "uncaught error in the compute worker");
	});
	self.addEventListener("unhandledrejection", (event) => {
		event.preventDefault();
		crash(describe(event.reason));
	});

	// loadShim loads wasm_exec.js and keeps the tail of Go's output, so that
	// a crash message can say why Go exited.
	function loadShim() {
		const shim = resolve("../wasm_exec.js");
		try {
			importScripts(shim);
		} catch (err) {
			throw new Error(`cannot load the Go runtime shim ${shim}: ${describe(err)}`);
		}
		const decoder = new TextDecoder("utf-8");
		const writeSync = globalThis.fs.writeSync.bind(globalThis.fs);
		globalThis.fs.writeSync = (fd, buf) => {
			output = (output + decoder.decode(buf, { stream: true })).slice(-4096);
			return writeSync(fd, buf);
		};
	}

	// instantiate compiles the worker module while it downloads, or, when the
	// server does not send it as application/wasm (streaming then fails with
	// a TypeError), from the downloaded bytes.
	async function instantiate(go) {
		const url = resolve(module);
		if (WebAssembly.instantiateStreaming) {
			try {
				const { instance } = await WebAssembly.instantiateStreaming(fetch(url), go.importObject);
				return instance;
			} catch (err) {
				if (!(err instanceof TypeError)) {
					throw err;
				}
			}
		}
		const response = await fetch(url);
		if (!response.ok) {
			throw new Error(`cannot load ${url}: HTTP ${response.status}`);
		}
		const { instance } = await WebAssembly.instantiate(await response.arrayBuffer(), go.importObject);
		return instance;
	}

	// main starts Go and waits for it to exit, which for a worker that
	// should listen forever is always a crash.
	async function main() {
		let go, instance;
		try {
			loadShim();
			go = new Go();
			instance = await instantiate(go);
		} catch (err) {
			crash(`the compute worker failed to start: ${describe(err)}`);
			return;
		}
		let code = 0;
		go.exit = (c) => {
			code = c;
		};
		try {
			await go.run(instance); // settles only when the Go program exits
		} catch (err) {
			crash(describe(err));
			return;
		}
		const why = goFailure();
		crash(`the Go program exited with code ${code}${why ? ": " + why : ""}`);
	}

	main();
})();
