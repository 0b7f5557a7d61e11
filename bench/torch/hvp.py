"""Times one full-batch Hessian-vector product on workload W1 in PyTorch.

W1 (compute/bench): MLP 64-128-128-10, tanh hidden layers, linear output,
mean softmax cross-entropy over 1,000 samples in R^64 with 10 classes,
26,122 parameters, float64 on the CPU. H·v by double backprop, as PyHessian
does it (Yao et al., "PyHessian", 2020, pyhessian/hessian.py): the gradient
is taken once with create_graph=True, then each product is
torch.autograd.grad(grads, params, grad_outputs=v, retain_graph=True).

  warm: that second backward only (the graph of the gradient is kept, as
        Overparam's Curvature keeps the pass at θ between Lanczos steps);
  cold: forward, gradient with create_graph, and the product.

Data, θ and v come from torch's own seeded generator: only the shapes, which
fix the time, match Overparam's W1. The script checks H·v against a central
difference of the gradient and exits non-zero if they disagree.

Usage: python3 hvp.py [--threads N] [--runs R] [--warmup W]
Prints one line per measure: "torch <what> threads=N best=<ms> median=<ms>
cpu=<ms>/op", the fastest product's wall time, the median's, and the
process's CPU time (every thread's) per product.
"""

import argparse
import statistics
import sys
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--warmup", type=int, default=5)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    dt = torch.float64

    sizes = [64, 128, 128, 10]
    n = 1000
    layers = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        lin = torch.nn.Linear(i, o).to(dt)  # PyTorch's default initialisation
        layers += [lin, torch.nn.Tanh()]
    model = torch.nn.Sequential(*layers[:-1])
    params = [p for p in model.parameters()]
    count = sum(p.numel() for p in params)
    assert count == 26122, count
    centers = 3 * torch.randn(10, 64, dtype=dt)
    y = torch.randint(0, 10, (n,))
    x = centers[y] + torch.randn(n, 64, dtype=dt)
    v = [torch.randn_like(p) for p in params]
    norm = torch.sqrt(sum((t * t).sum() for t in v))
    v = [t / norm for t in v]
    lossf = torch.nn.CrossEntropyLoss()  # mean over the batch

    def grads_with_graph():
        loss = lossf(model(x), y)
        return torch.autograd.grad(loss, params, create_graph=True)

    gradsH = grads_with_graph()

    def warm():
        nonlocal gradsH
        return torch.autograd.grad(gradsH, params, grad_outputs=v, retain_graph=True)

    def cold():
        g = grads_with_graph()
        return torch.autograd.grad(g, params, grad_outputs=v)

    # Check: H·v against (∇L(θ+εv) − ∇L(θ−εv)) / 2ε.
    hv = torch.cat([t.reshape(-1) for t in warm()])
    eps = 1e-5

    def flat_grad():
        loss = lossf(model(x), y)
        return torch.cat([t.reshape(-1) for t in torch.autograd.grad(loss, params)])

    with torch.no_grad():
        for p, t in zip(params, v):
            p.add_(eps * t)
    gp = flat_grad()
    with torch.no_grad():
        for p, t in zip(params, v):
            p.sub_(2 * eps * t)
    gm = flat_grad()
    with torch.no_grad():
        for p, t in zip(params, v):
            p.add_(eps * t)
    fd = (gp - gm) / (2 * eps)
    rel = ((hv - fd).norm() / fd.norm()).item()
    if not rel < 1e-6:
        print(f"torch H·v disagrees with a central difference: relative error {rel:.2e}", file=sys.stderr)
        sys.exit(1)

    # The check moved θ in place and back: take the gradient's graph anew.
    gradsH = grads_with_graph()

    for name, f in [("warm", warm), ("cold", cold)]:
        for _ in range(args.warmup):
            f()
        times = []
        cpu0 = time.process_time()
        for _ in range(args.runs):
            t0 = time.perf_counter()
            f()
            times.append(time.perf_counter() - t0)
        cpu = (time.process_time() - cpu0) / args.runs
        print(f"torch {name} threads={args.threads} best={min(times)*1e3:.2f}ms "
              f"median={statistics.median(times)*1e3:.2f}ms cpu={cpu*1e3:.2f}ms/op "
              f"(H·v vs central difference {rel:.1e})")


if __name__ == "__main__":
    main()
