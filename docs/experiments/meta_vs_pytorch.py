#!/usr/bin/env python3
"""The learning-to-teleport loop (the paper's Figure 6) in PyTorch, float64, timed case by case, to compare with
`dotnet run -c Release --project tests/Teleport.Benchmarks -- quick-meta` (the same cases in Teleport).

Cases (one thread, the 20x20 regression task, LeakyReLU(0.1), two nn.LSTMCell + nn.Linear meta-networks):
  lr_tele_window     one meta-training step of LSTM(lr, tele) (H 20): a window of 10 inner steps (inner gradient by
                     autograd, GD step, meta-network step, T = 0.01 T/|T|, S3 in Lie form), loss_sum.backward(), Adam;
                     the inner gradients detached (first order, as the paper's code).
  lr_tele_window_2nd the same with create_graph=True: the exact (second-order) meta-gradient.
  update_window      one meta-training step of LSTM(update) (H 300, 800 outputs): W <- W - u, first order.
  lr_tele_test       one meta-test run of LSTM(lr, tele): 300 inner steps on one task, no meta-update.
Each case: warm-up repetitions, then timed repetitions (time.perf_counter per repetition); median reported.
Prints one JSON object; --out also writes it.
"""

import argparse
import json
import time

import numpy as np
import torch
import torch.nn as nn

SIZE = 20
SLOPE = 0.1


def sigma(z):
    return torch.where(z > 0, z, SLOPE * z)


def sigma_inverse(y):
    return torch.where(y > 0, y, y / SLOPE)


class Task:
    def __init__(self, seed):
        g = torch.Generator().manual_seed(seed)
        self.x = torch.rand(SIZE, SIZE, generator=g, dtype=torch.float64)
        self.y = torch.rand(SIZE, SIZE, generator=g, dtype=torch.float64)
        self.w0 = torch.rand(SIZE, SIZE, generator=g, dtype=torch.float64)
        self.w1 = torch.rand(SIZE, SIZE, generator=g, dtype=torch.float64)
        self.x_inverse = torch.linalg.inv(self.x)

    def loss(self, w0, w1):
        return 0.5 * ((self.y - w1 @ sigma(w0 @ self.x)) ** 2).sum()

    def teleport(self, w0, w1, t):
        # S3 in Lie form: U' = U(I - T), V' = sigma^-1((I + T) sigma(V X)) X^-1
        eye = torch.eye(SIZE, dtype=torch.float64)
        w1_new = w1 @ (eye - t)
        w0_new = sigma_inverse((eye + t) @ sigma(w0 @ self.x)) @ self.x_inverse
        return w0_new, w1_new


class Meta(nn.Module):
    def __init__(self, hidden, outputs):
        super().__init__()
        self.cell0 = nn.LSTMCell(2 * SIZE * SIZE, hidden)
        self.cell1 = nn.LSTMCell(hidden, hidden)
        self.head = nn.Linear(hidden, outputs)
        self.hidden = hidden

    def zero_state(self):
        z = torch.zeros(1, self.hidden, dtype=torch.float64)
        return ((z, z), (z, z))

    def forward(self, x, state):
        h0, c0 = self.cell0(x, state[0])
        h1, c1 = self.cell1(h0, state[1])
        return self.head(h1), ((h0, c0), (h1, c1))


def detach_state(state):
    return tuple((h.detach(), c.detach()) for h, c in state)


class Inner:
    """One inner optimisation driven by a meta-network, a window at a time."""

    def __init__(self, meta, task, update):
        self.meta, self.task, self.update = meta, task, update
        self.w0, self.w1 = task.w0.clone(), task.w1.clone()
        self.state = meta.zero_state()
        self.lr = torch.tensor(1e-4, dtype=torch.float64)

    def window(self, steps, create_graph):
        w0 = self.w0.detach().requires_grad_()
        w1 = self.w1.detach().requires_grad_()
        state, lr = self.state, self.lr
        loss_sum = 0.0
        for _ in range(steps):
            loss = self.task.loss(w0, w1)
            g0, g1 = torch.autograd.grad(loss, (w0, w1), retain_graph=True, create_graph=create_graph)
            loss_sum = loss_sum + loss
            inputs = torch.cat([g0.reshape(1, -1), g1.reshape(1, -1)], 1)
            out, state = self.meta(inputs, state)
            if self.update:
                u = out.clamp(-1e7, 1e7).reshape(2, SIZE, SIZE)
                w0, w1 = w0 - u[0], w1 - u[1]
            else:
                w0, w1 = w0 - lr * g0, w1 - lr * g1
                lr = out[0, SIZE * SIZE].clamp(1e-7, 5e-3)
                t = out[0, :SIZE * SIZE].reshape(SIZE, SIZE)
                w0, w1 = self.task.teleport(w0, w1, 0.01 * t / t.norm())
        self.w0, self.w1 = w0.detach(), w1.detach()
        self.state, self.lr = detach_state(state), lr.detach() if torch.is_tensor(lr) else lr
        return loss_sum


def meta_training_step(inner, adam, create_graph):
    loss_sum = inner.window(10, create_graph)
    adam.zero_grad()
    loss_sum.backward()
    adam.step()
    return float(loss_sum)


def meta_test_run(meta, task):
    """300 inner steps of LSTM(lr, tele), no meta-update: the inner gradient by autograd, the meta-network without a graph."""
    w0, w1 = task.w0.clone(), task.w1.clone()
    state, lr = meta.zero_state(), 1e-4
    losses = []
    for _ in range(300):
        w0.requires_grad_()
        w1.requires_grad_()
        loss = task.loss(w0, w1)
        g0, g1 = torch.autograd.grad(loss, (w0, w1))
        losses.append(float(loss))
        with torch.no_grad():
            w0, w1 = w0 - lr * g0, w1 - lr * g1
            out, state = meta(torch.cat([g0.reshape(1, -1), g1.reshape(1, -1)], 1), state)
            lr = out[0, SIZE * SIZE].clamp(1e-7, 5e-3)
            t = out[0, :SIZE * SIZE].reshape(SIZE, SIZE)
            w0, w1 = task.teleport(w0, w1, 0.01 * t / t.norm())
    return losses


def timed(fn, warmup, reps):
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return {"median_s": float(np.median(samples)), "min_s": float(np.min(samples)), "reps": reps}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    task = Task(-1)
    results = {"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": {}}

    lr_meta = Meta(20, SIZE * SIZE + 1).double()
    adam = torch.optim.Adam(lr_meta.parameters(), lr=1e-4)
    inner = Inner(lr_meta, task, update=False)
    results["cases"]["lr_tele_window"] = timed(lambda: meta_training_step(inner, adam, False), 3, args.reps)
    inner = Inner(lr_meta, task, update=False)
    results["cases"]["lr_tele_window_2nd"] = timed(lambda: meta_training_step(inner, adam, True), 3, args.reps)

    update_meta = Meta(300, 2 * SIZE * SIZE).double()
    # small updates, so that the timed windows do not diverge
    with torch.no_grad():
        for p in update_meta.parameters():
            p.mul_(0.1)
    update_adam = torch.optim.Adam(update_meta.parameters(), lr=1e-3)
    inner = Inner(update_meta, task, update=True)
    results["cases"]["update_window"] = timed(lambda: meta_training_step(inner, update_adam, False), 2, max(3, args.reps // 2))

    results["cases"]["lr_tele_test"] = timed(lambda: meta_test_run(lr_meta, task), 1, max(3, args.reps // 4))
    text = json.dumps(results, indent=1)
    print(text)
    if args.out:
        with open(args.out + ".tmp", "w") as f:
            f.write(text)
        import os
        os.replace(args.out + ".tmp", args.out)


if __name__ == "__main__":
    main()
