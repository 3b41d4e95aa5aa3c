#!/usr/bin/env python3
"""PyTorch timings of paper-cnn's training step and teleport, for `teleport bench --torch` (our own script, in the
format of the peer's microbench.py: /work/shared/peer/microbench.py times the MLPs only).

paper-cnn = nn.Sequential(Conv2d(1, 16, 3, padding=1), ReLU, MaxPool2d(2), Conv2d(16, 32, 3, padding=1), ReLU,
MaxPool2d(2), Flatten, Linear(1568, 10)), cross-entropy, float32, synthetic inputs (uniform pixels, uniform labels;
the cost does not depend on the values). Cases, per thread count (torch.set_num_threads):
  d) one training step at batch 20 (zero_grad + forward + backward + optimizer step), SGD lr 1e-2 and Adam lr 1e-3;
  e) one teleport of 10 ascent steps at batch 200 on the per-channel scalings (S2) of both convolutions, the log ascent
     t ← t + η·(∂F/∂t)/F with F = ‖∇L‖², η = 0.05, two ways:
     - "autograd": F and ∂F/∂t by double backward through L(g(t)·θ) at every step (what the papers' code does);
     - "transport": the batch read once, then ∇L(g·θ) = g⁻ᵀ·∇L(θ) and ∂F/∂t_j = −2(‖G_Vj‖² + G_bj² − ‖G_Uj‖²),
       the closed form `teleport` uses for linear symmetries (TeleportOptions.GradientTransport).
`--check` verifies the closed form in float64 (∂F/∂t against double backward, the transported gradient against a
recomputed one). Median seconds of the timed repetitions (time.perf_counter per repetition) after warm-up; prints JSON, --out writes it.
"""

import argparse
import json
import os
import platform
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def summarize(samples):
    arr = np.asarray(samples)
    return {"median_s": float(np.median(arr)), "p10_s": float(np.percentile(arr, 10)),
            "p90_s": float(np.percentile(arr, 90)), "min_s": float(arr.min()), "reps": int(arr.size)}


def time_it(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return summarize(out)


def paper_cnn(seed):
    torch.manual_seed(seed)
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(1568, 10))


def batch(n, seed):
    gen = torch.Generator().manual_seed(seed)
    return torch.rand(n, 1, 28, 28, generator=gen), torch.randint(0, 10, (n,), generator=gen)


def case_step(opt_name, warmup, reps):
    model = paper_cnn(1)
    opt = torch.optim.SGD(model.parameters(), lr=1e-2) if opt_name == "sgd" else torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = batch(20, 5)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()

    return time_it(step, warmup, reps)


def forward(params, x):
    w0, b0, w2, b2, w4, b4 = params
    h = F.max_pool2d(F.relu(F.conv2d(x, w0, b0, padding=1)), 2)
    h = F.max_pool2d(F.relu(F.conv2d(h, w2, b2, padding=1)), 2)
    return F.linear(h.flatten(1), w4, b4)


def scaled(params, t0, t2):
    """g(t)·θ: channel j of conv0 (and its bias) × e^{t0_j}, conv2's input channel j × e^{−t0_j}; likewise t2 between conv2 and fc4."""
    w0, b0, w2, b2, w4, b4 = params
    d0, d2 = torch.exp(t0), torch.exp(t2)
    return (w0 * d0[:, None, None, None], b0 * d0,
            w2 * d2[:, None, None, None] / d0[None, :, None, None], b2 * d2,
            (w4.view(10, 32, 49) / d2[None, :, None]).view(10, 1568), b4)


def case_teleport(way, warmup, reps, eta=0.05, steps=10):
    start = [p.detach().clone() for p in paper_cnn(1).parameters()]
    x, y = batch(200, 6)

    def autograd_run():
        params = [p.clone().requires_grad_(True) for p in start]  # so that every moved tensor (b4 too) is in the graph
        for _ in range(steps):
            t0 = torch.zeros(16, requires_grad=True)
            t2 = torch.zeros(32, requires_grad=True)
            moved = scaled(params, t0, t2)
            loss = F.cross_entropy(forward(moved, x), y)
            grads = torch.autograd.grad(loss, moved, create_graph=True)
            objective = sum((g * g).sum() for g in grads)
            d0, d2 = torch.autograd.grad(objective, (t0, t2))
            with torch.no_grad():
                params = [q.requires_grad_(True) for q in scaled(params, eta * d0 / objective, eta * d2 / objective)]

    def transport_run():
        params = [p.clone().requires_grad_(True) for p in start]
        loss = F.cross_entropy(forward(params, x), y)
        grads = torch.autograd.grad(loss, params)
        with torch.no_grad():
            params = [p.detach() for p in params]
            for _ in range(steps):
                gw0, gb0, gw2, gb2, gw4, _ = grads
                objective = sum((g * g).sum() for g in grads)
                # ∂F/∂t_j = −2(‖G_V,j‖² + G_b,j² − ‖G_U,·j‖²) for each scaled channel
                d0 = -2 * ((gw0 * gw0).sum((1, 2, 3)) + gb0 * gb0 - (gw2 * gw2).sum((0, 2, 3)))
                d2 = -2 * ((gw2 * gw2).sum((1, 2, 3)) + gb2 * gb2 - (gw4.view(10, 32, 49) ** 2).sum((0, 2)))
                t0, t2 = eta * d0 / objective, eta * d2 / objective
                params = list(scaled(params, t0, t2))
                grads = list(scaled(grads, -t0, -t2))  # g⁻ᵀ: the covector scales inversely

    return time_it(autograd_run if way == "autograd" else transport_run, warmup, reps)


def check():
    """float64: the closed form's ∂F/∂t against double backward, and the transported gradient against a recomputed one."""
    start = [p.detach().double().requires_grad_(True) for p in paper_cnn(1).parameters()]
    x, y = batch(200, 6)
    x = x.double()

    def gradient(params):
        leaves = [q.detach().clone().requires_grad_(True) for q in params]
        return torch.autograd.grad(F.cross_entropy(forward(leaves, x), y), leaves)

    t0 = torch.zeros(16, dtype=torch.float64, requires_grad=True)
    t2 = torch.zeros(32, dtype=torch.float64, requires_grad=True)
    moved = scaled(start, t0, t2)
    grads = torch.autograd.grad(F.cross_entropy(forward(moved, x), y), moved, create_graph=True)
    d0, d2 = torch.autograd.grad(sum((g * g).sum() for g in grads), (t0, t2))
    gw0, gb0, gw2, gb2, gw4, _ = gradient(start)
    c0 = -2 * ((gw0 * gw0).sum((1, 2, 3)) + gb0 * gb0 - (gw2 * gw2).sum((0, 2, 3)))
    c2 = -2 * ((gw2 * gw2).sum((1, 2, 3)) + gb2 * gb2 - (gw4.view(10, 32, 49) ** 2).sum((0, 2)))
    gen = torch.Generator().manual_seed(3)
    s0, s2 = 0.3 * torch.randn(16, generator=gen, dtype=torch.float64), 0.3 * torch.randn(32, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        moved = [q.detach() for q in scaled(start, s0, s2)]
    recomputed = gradient(moved)
    transported = scaled(gradient(start), -s0, -s2)
    return {"closed_form_dF_dt_rel_err": max(float((d0 - c0).norm() / d0.norm()), float((d2 - c2).norm() / d2.norm())),
            "transported_gradient_rel_err": max(float((a - b).norm() / a.norm()) for a, b in zip(recomputed, transported))}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, nargs="+", default=[1])
    p.add_argument("--reps-step", type=int, default=300)
    p.add_argument("--reps-teleport", type=int, default=10)
    p.add_argument("--out", default=None)
    p.add_argument("--check", action="store_true", help="only verify the closed form in float64 and print the errors")
    args = p.parse_args()
    if args.check:
        print(json.dumps(check()))
        return
    results = {"environment": {"torch": torch.__version__, "python": platform.python_version(),
                               "machine": platform.machine(), "cpu_count": os.cpu_count(),
                               "loadavg_at_start": list(os.getloadavg())}, "cases": {}}
    for n in args.threads:
        torch.set_num_threads(n)
        r = {}
        for opt_name in ("sgd", "adam"):
            r[f"d_step_paper-cnn_b20_{opt_name}"] = case_step(opt_name, max(20, args.reps_step // 10), args.reps_step)
        for way in ("autograd", "transport"):
            r[f"e_teleport_paper-cnn_b200_10steps_{way}"] = case_teleport(way, max(2, args.reps_teleport // 5), args.reps_teleport)
        r["torch_get_num_threads"] = torch.get_num_threads()
        results["cases"][f"threads_{n}"] = r
    results["environment"]["loadavg_at_end"] = list(os.getloadavg())
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        tmp = args.out + ".tmp"
        with open(tmp, "w") as fh:
            fh.write(text + "\n")
        os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
