// hvp.mjs times one full-batch Hessian-vector product H·v of Overparam's
// workload W1 (compute/bench) in TensorFlow.js 4.22 on its WebAssembly
// backend, under node, and checks it against central finite differences of
// TF.js gradients.
//
// W1: an MLP 64-128-128-10 with tanh hidden layers and a linear output,
// scored by the mean softmax cross-entropy over 1,000 samples of a 10-class
// Gaussian mixture in ℝ⁶⁴ (class means at distance 3 from the origin, unit
// within-class variance), at PyTorch-default initial parameters
// U(−1/√in, 1/√in): 26,122 parameters, L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ) as in
// nn.Objective with Scale 0. The values differ from Overparam's (another
// generator); only the shapes matter for the timing. TF.js computes in
// float32, the only float dtype of its wasm backend; Overparam in float64.
//
// TF.js has no forward-mode AD, so H·v is reverse-over-reverse,
// H·v = ∇_θ ⟨∇_θ L(θ), v⟩. Eager TF.js caches nothing between calls, so every
// product re-runs the forward and backward pass at θ; Overparam's warm product
// (nn.Curvature.MulVecTo) reuses them, its cold one (NewCurvature + MulVecTo)
// does not. See README.md for the numbers.
//
// Run: node hvp.mjs [--transpose]   (env RUNS, WARMUP; TFJS_WASM_SIMD=0
// forces the non-SIMD binary). --transpose gives tf.matMul a custom gradient
// that transposes explicitly; see mm below.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs'; // the union: tfjs-core plus its gradients
import { setWasmPaths, getThreadsCount } from '@tensorflow/tfjs-backend-wasm';

const SIZES = [64, 128, 128, 10]; // W1's layer widths
const N = 1000; // training samples
const SEPARATION = 3; // distance of each class mean from the origin
const WARMUP = Number(process.env.WARMUP ?? 5);
const RUNS = Number(process.env.RUNS ?? 30); // timed warm products (≥ 20)
const FD_EPS = 1e-2; // finite-difference step along the unit vector v
// Tolerance of ‖Hv − FD‖/‖Hv‖: float32 rounding of the two gradients over 2ε
// gives 5e-5 (2e-4 with --transpose) here; losing the σ″ terms (see tanh
// below) gives 1.2e-1.
const FD_TOL = 1e-3;
const TRANSPOSE = process.argv.includes('--transpose');

// ---- deterministic random numbers (mulberry32 and Box–Muller) -------------
let seed = 1;
function uniform() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const normal = () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
const fill = (n, f) => Float32Array.from({ length: n }, f);

// ---- the wasm backend ------------------------------------------------------
// Load the .wasm binaries from this package's node_modules explicitly.
const require = createRequire(import.meta.url);
const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
setWasmPaths(path.join(wasmDir, 'dist') + path.sep);
if (process.env.TFJS_WASM_SIMD === '0') tf.env().set('WASM_HAS_SIMD_SUPPORT', false);
// Record which .wasm binary the backend reads: Emscripten reads it with fs
// in node, and picks it by the two flags printed below.
const loaded = [];
for (const name of ['readFile', 'readFileSync']) {
  const original = fs[name];
  fs[name] = function (file, ...rest) {
    if (String(file).endsWith('.wasm')) loaded.push(path.basename(String(file)));
    return original.call(this, file, ...rest);
  };
}
const t0 = performance.now();
await tf.setBackend('wasm'); // compiles and instantiates the .wasm binary
await tf.ready();
const initMs = performance.now() - t0;
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
console.log(`tfjs ${tf.version.tfjs}, tfjs-core ${tf.version_core}, backend ${tf.getBackend()}, node ${process.version}`);
console.log(`WASM_HAS_SIMD_SUPPORT=${simd} WASM_HAS_MULTITHREAD_SUPPORT=${threads} ` +
  `binary=${loaded.join(',')} threads=${getThreadsCount()}; backend init ${initMs.toFixed(0)} ms`);

// ---- data: a 10-class Gaussian mixture, one-hot labels ----------------------
const [D, , , C] = SIZES;
const means = Array.from({ length: C }, () => {
  const u = fill(D, normal);
  const norm = Math.hypot(...u);
  return u.map((x) => (SEPARATION * x) / norm); // μ_c = s·u_c, ‖u_c‖ = 1
});
const X = tf.tensor2d(fill(N * D, (_, k) => means[Math.floor(k / D) % C][k % D] + normal()), [N, D]);
const Y = tf.cast(tf.oneHot(tf.tensor1d(fill(N, (_, i) => i % C), 'int32'), C), 'float32');

// ---- parameters θ = [W₁, b₁, W₂, b₂, W₃, b₃], W_l of shape in × out ----------
const shapes = [];
for (let l = 1; l < SIZES.length; l++) shapes.push([SIZES[l - 1], SIZES[l]], [SIZES[l]]);
const sizeOf = (s) => s.reduce((a, b) => a * b, 1);
const P = shapes.reduce((a, s) => a + sizeOf(s), 0);
const theta = shapes.map((s, i) => {
  const bound = 1 / Math.sqrt(shapes[i & ~1][0]); // 1/√fan-in of W_l and b_l
  return tf.tensor(fill(sizeOf(s), () => bound * (2 * uniform() - 1)), s);
});
// v: a Gaussian direction of unit length, as spectrum.ProbeVector draws it.
const vFlat = fill(P, normal);
const vNorm = Math.sqrt(vFlat.reduce((s, x) => s + x * x, 0));
const split = (flat) => {
  let o = 0;
  return shapes.map((s) => tf.tensor(flat.subarray(o, (o += sizeOf(s))), s));
};
const v = split(vFlat.map((x) => x / vNorm));
console.log(`W1: sizes ${SIZES.join('-')}, n=${N}, ${P} parameters (float32); ` +
  `matMul gradients: ${TRANSPOSE ? 'explicit transpose (--transpose)' : "TF.js's own"}`);

// ---- the loss, its gradient and the Hessian-vector product -----------------
// TF.js 4.22 cannot differentiate twice through ops whose gradient reuses
// their saved *output* (tanh, exp, sigmoid, softmax, logSoftmax): the engine
// tapes the saved copy before the op that makes it, so the copy is cut off
// from θ and the σ″ terms silently drop out of H·v (tensorflow/tfjs#3252,
// open; with tf.tanh and tf.exp, H·v is 12% off the finite difference). So
// both nonlinearities get gradients recomputed from the saved *input*.
// tanh(x), with d tanh/dx = 1 − tanh²(x).
const tanh = tf.customGrad((x, save) => {
  save([x]);
  return { value: tf.tanh(x), gradFunc: (dy, [x0]) => tf.mul(dy, tf.sub(1, tf.square(tf.tanh(x0)))) };
});
// Per-sample cross-entropy ℓ(z, y) = log Σ_j exp(z_j) − z_y, with
// ∂ℓ/∂z = softmax(z) − e_y.
const crossEntropy = tf.customGrad((z, save) => {
  save([z]);
  return {
    value: tf.sub(tf.logSumExp(z, 1), tf.sum(tf.mul(z, Y), 1)),
    gradFunc: (dy, [z0]) => tf.mul(tf.expandDims(dy, 1), tf.sub(tf.softmax(z0), Y)),
  };
});
// The wasm backend multiplies with XNNPACK only when neither operand is
// transposed; tf.matMul's registered gradients, dY·Wᵀ and Aᵀ·dY, take its
// scalar fallback loop, about 10× slower (tfjs-backend-wasm's
// batch_mat_mul_impl.cc). With --transpose, mm(A, W) = A·W has a gradient that
// transposes first (tf.transpose) and multiplies with mm again, so every
// product of the HVP, of any order, takes XNNPACK's path.
const mm = tf.customGrad((a, b, save) => {
  save([a, b]);
  return { value: tf.matMul(a, b), gradFunc: (dy, [a0, b0]) => [mm(dy, tf.transpose(b0)), mm(tf.transpose(a0), dy)] };
});
const matMul = TRANSPOSE ? mm : tf.matMul;
// L(θ) = (1/n) Σᵢ ℓ(f(xᵢ; θ), yᵢ), f = W₃ tanh(W₂ tanh(W₁x + b₁) + b₂) + b₃.
function loss(...p) {
  let a = X;
  for (let l = 0; l < p.length; l += 2) {
    const z = tf.add(matMul(a, p[l]), p[l + 1]);
    a = l + 2 < p.length ? tanh(z) : z; // tanh hidden, linear output
  }
  return tf.mean(crossEntropy(a));
}
const grad = tf.grads(loss); // θ ↦ ∇L(θ)
// θ ↦ ∇⟨∇L(θ), v⟩ = H·v, differentiating the gradient computation again.
const hvp = tf.grads((...p) => tf.addN(grad(p).map((g, i) => tf.sum(tf.mul(g, v[i])))));

// Runs f(θ) in a tidy scope and copies its result out as one flat
// Float32Array (the analogue of Go writing into hv); returns [ms, result].
function timed(f, p = theta) {
  const t0 = performance.now();
  const out = new Float32Array(P);
  tf.tidy(() => {
    let o = 0;
    for (const t of f(p)) { out.set(t.dataSync(), o); o += t.size; }
  });
  return [performance.now() - t0, out];
}

// ---- timing -----------------------------------------------------------------
const tensorsBefore = tf.memory().numTensors;
const [coldMs, hv] = timed(hvp); // the first product: kernel setup, allocations
for (let i = 0; i < WARMUP; i++) timed(hvp);
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] };
};
const hvpMs = [], gradMs = [];
for (let i = 0; i < RUNS; i++) { // alternate so that load from other jobs hits both alike
  hvpMs.push(timed(hvp)[0]);
  gradMs.push(timed(grad)[0]);
}
const h = stats(hvpMs), g = stats(gradMs);
const fmt = (s) => `median ${s.median.toFixed(1)} ms, range ${s.min.toFixed(1)}–${s.max.toFixed(1)} ms`;
console.log(`HVP cold (first call): ${coldMs.toFixed(1)} ms`);
console.log(`HVP warm (${RUNS} runs after ${WARMUP} warm-up): ${fmt(h)}`);
console.log(`gradient warm (${RUNS} runs): ${fmt(g)}; HVP/gradient ${(h.median / g.median).toFixed(2)}`);
if (tf.memory().numTensors !== tensorsBefore) throw new Error('tensors leaked between products');

// ---- correctness: central finite difference of gradients --------------------
// Hv ≈ (∇L(θ + εv) − ∇L(θ − εv)) / (2ε), with ε along the unit vector v.
const shifted = (sign) => theta.map((t, i) => tf.add(t, tf.mul(v[i], sign * FD_EPS)));
const [, gPlus] = timed(grad, shifted(+1));
const [, gMinus] = timed(grad, shifted(-1));
let err2 = 0, ref2 = 0;
for (let k = 0; k < P; k++) {
  const fd = (gPlus[k] - gMinus[k]) / (2 * FD_EPS);
  err2 += (hv[k] - fd) ** 2;
  ref2 += hv[k] ** 2;
}
const rel = Math.sqrt(err2 / ref2);
const vHv = hv.reduce((s, x, k) => s + x * vFlat[k] / vNorm, 0);
console.log(`check: ‖Hv‖=${Math.sqrt(ref2).toExponential(3)}, vᵀHv=${vHv.toExponential(3)}, ` +
  `‖Hv − FD‖/‖Hv‖=${rel.toExponential(2)} (ε=${FD_EPS}, tolerance ${FD_TOL})`);
console.log(JSON.stringify({ transpose: TRANSPOSE, simd, threads, binary: loaded.join(','), initMs, coldMs, hvp: h, grad: g, fdRelErr: rel }));
if (!(rel < FD_TOL)) {
  console.error('FAIL: the TF.js Hessian-vector product disagrees with finite differences');
  process.exit(1);
}
