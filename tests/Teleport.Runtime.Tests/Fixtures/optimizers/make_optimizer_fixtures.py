#!/usr/bin/python3
"""Writes the PyTorch reference trajectories that Teleport's optimizer tests replay.

Run with Debian's interpreter, which has PyTorch 1.13:

    /usr/bin/python3 tests/Teleport.Runtime.Tests/Fixtures/optimizers/make_optimizer_fixtures.py

For every optimizer case (a torch.optim class and keyword arguments) and both float32 and float64,
the script starts from a fixed parameter vector, and for each step computes a gradient of a fixed
quadratic + quartic function *at the current parameters* (so the gradient sequence depends on the
trajectory), lets torch.optim take the step with the single-tensor (foreach=False) code path, and
records the gradient and the parameters after the step. The tests feed the recorded gradients to
Teleport's optimizers and compare every parameter after every step, and the final optimizer state
(by PyTorch's state key) after the last step.

The output is one JSON file per optimizer, next to this script:

    { "torch_version": "...", "optimizer": "adam",
      "cases": [ { "name": "...", "dtype": "float32", "settings": { torch keyword arguments },
                   "lr_changes": [[step, lr], ...],      # param_group['lr'] set before that 1-based step
                   "initial": [...], "gradients": [[...], ...], "parameters": [[...], ...],
                   "final_state": { "exp_avg": [...], ... }, "steps": 30 } ] }

Floats are written with Python's repr, which round-trips the float32/float64 values exactly.
"""

import json
import math
import os

import torch

PARAMETER_COUNT = 20  # 16 elements take torch's AVX2 vector loop and 4 its scalar tail
STEPS = 30
HERE = os.path.dirname(os.path.abspath(__file__))

CASES = {
    "sgd": (torch.optim.SGD, [
        ("plain", dict(lr=0.05), []),
        ("weight_decay", dict(lr=0.05, weight_decay=0.01), []),
        ("momentum", dict(lr=0.02, momentum=0.9), [(11, 0.01), (21, 0.03)]),
        ("momentum_dampening", dict(lr=0.02, momentum=0.8, dampening=0.3, weight_decay=1e-3), []),
        ("nesterov", dict(lr=0.02, momentum=0.9, nesterov=True, weight_decay=0.005), []),
        ("maximize", dict(lr=0.005, momentum=0.5, maximize=True), []),
    ]),
    "adagrad": (torch.optim.Adagrad, [
        ("defaults", dict(), []),
        ("lr_decay_weight_decay", dict(lr=0.1, lr_decay=0.01, weight_decay=0.02, initial_accumulator_value=0.1), []),
        ("eps_maximize", dict(lr=0.05, eps=1e-3, maximize=True), []),
    ]),
    "rmsprop": (torch.optim.RMSprop, [
        ("defaults", dict(), []),
        ("momentum", dict(lr=0.005, momentum=0.9), []),
        ("centered", dict(lr=0.005, centered=True), []),
        ("centered_momentum_weight_decay", dict(lr=0.003, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01), [(16, 0.001)]),
    ]),
    "adam": (torch.optim.Adam, [
        ("lr", dict(lr=0.01), []),
        ("weight_decay_betas", dict(lr=0.02, weight_decay=0.05, betas=(0.8, 0.95)), [(16, 0.005)]),
        ("amsgrad", dict(lr=0.01, amsgrad=True), []),
        ("amsgrad_weight_decay_eps_maximize", dict(lr=0.003, amsgrad=True, weight_decay=0.01, eps=1e-4, maximize=True), []),
    ]),
    "adamw": (torch.optim.AdamW, [
        ("lr", dict(lr=0.01), []),
        ("weight_decay_amsgrad", dict(lr=0.02, weight_decay=0.1, amsgrad=True), []),
        ("betas", dict(lr=0.01, betas=(0.5, 0.9), eps=1e-6), []),
    ]),
}


def initial_parameters(dtype):
    values = [1.5 * math.sin(1.3 * i + 0.4) for i in range(PARAMETER_COUNT)]
    return torch.tensor(values, dtype=torch.float64).to(dtype)


def gradient(x):
    """A trajectory-dependent gradient: sᵢ·(wᵢ(xᵢ − tᵢ) + 0.05·xᵢ³ + 0.3·xᵢ₋₁) (cyclic index),

    with weights wᵢ in [0.5, 2], targets tᵢ = cos i and per-element scales sᵢ from 0.1 to 10,
    so the elements see gradients of different magnitudes."""
    n = x.numel()
    index = torch.arange(n, dtype=torch.float64)
    w = (0.5 + 1.5 * index / (n - 1)).to(x.dtype)
    t = torch.cos(index).to(x.dtype)
    scale = torch.pow(10.0, -1.0 + 2.0 * (index % 5) / 4.0).to(x.dtype)  # 0.1 … 10
    g = w * (x - t) + 0.05 * x * x * x + 0.3 * torch.roll(x, 1)
    return g * scale


def run_case(cls, settings, lr_changes, dtype):
    x = initial_parameters(dtype).clone().requires_grad_(True)
    optimizer = cls([x], foreach=False, **settings)
    initial = [float(v) for v in x.detach()]
    gradients, parameters = [], []
    changes = dict(lr_changes)
    for step in range(1, STEPS + 1):
        if step in changes:
            optimizer.param_groups[0]["lr"] = changes[step]
        with torch.no_grad():
            g = gradient(x.detach())
            if settings.get("maximize", False):
                g = -g  # maximize negates it back, so the run still descends and stays finite
        x.grad = g.clone()
        optimizer.step()
        gradients.append([float(v) for v in g])
        parameters.append([float(v) for v in x.detach()])
    state = optimizer.state[x]
    final_state = {}
    for key, value in state.items():
        if key == "step" or value is None:
            continue
        final_state[key] = [float(v) for v in value.reshape(-1)]
    return initial, gradients, parameters, final_state


def json_settings(settings):
    result = {}
    for key, value in settings.items():
        result[key] = list(value) if isinstance(value, tuple) else value
    return result


def main():
    torch.set_num_threads(1)
    for optimizer_name, (cls, cases) in CASES.items():
        records = []
        for case_name, settings, lr_changes in cases:
            for dtype_name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
                initial, gradients, parameters, final_state = run_case(cls, settings, lr_changes, dtype)
                records.append({
                    "name": case_name,
                    "dtype": dtype_name,
                    "settings": json_settings(settings),
                    "lr_changes": [[s, lr] for s, lr in lr_changes],
                    "steps": STEPS,
                    "initial": initial,
                    "gradients": gradients,
                    "parameters": parameters,
                    "final_state": final_state,
                })
        document = {"torch_version": torch.__version__, "optimizer": optimizer_name, "cases": records}
        path = os.path.join(HERE, optimizer_name + ".json")
        with open(path, "w", encoding="utf-8") as stream:
            json.dump(document, stream, indent=None, separators=(",", ":"))
            stream.write("\n")
        print("wrote", path, len(records), "cases")


if __name__ == "__main__":
    main()
