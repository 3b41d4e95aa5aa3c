#!/usr/bin/python3
"""Reference orbit derivatives γ′, γ″, γ‴ and curvatures κ, ψ of the trained paper network, from float64 PyTorch.

Run with Debian's torch (1.13), after make_geometry_fixture.py (it reads that script's weights and data):
    /usr/bin/python3 make_orbit_fixture.py
Independent of the C# code: the group actions are written here in the paper's layout (W_m is k×d, h is d×n) with
torch.matrix_exp for g = exp(tM), and the derivatives at t = 0 come from autograd (each order by the double-backward
trick: γ^(j+1) = ∂/∂u ⟨u, ∂γ^(j)/∂t⟩, the graph kept for the next order). Pseudo-inverses that move with t are
written as solves (full column or row rank), so every order differentiates through torch.linalg.solve.

Part A (first 8 test images; every action exact there): one generator M_m per hidden layer (entries rand − 0.5,
torch.manual_seed(777)); for each curve below, per tensor ‖γ^(j)‖ and two projections ⟨γ^(j), r⟩ with
r_i = sin(i + 1) and r_i = cos(3i + 1) (i the flat parameter index), j = 1, 2, 3:
  S3@0, S3@1, S4@0, S4@1 alone; S4@0+S4@1 and S3@0+S4@1 composed in layer order (the later layer's input
  recomputed from the moved weights, as the teleporter does).
  S3 (NeurIPS 2022): V → σ⁻¹(g·σ(V h))·h⁺, U → U·g⁻¹.  S4 (increment form): V → g·V, U → U + U·(A − A′)·A′⁺,
  A = σ(V h), A′ = σ(g V h).
Part B (all 200 images, one batch): 3 generators M_m ~ U[0,1)^{k×k}, ‖M_m‖_F = 1 (torch.manual_seed(4242)):
  κ of the paper's ψ exactly as the authors' compute_gamma_12 (torch.linalg.pinv, σ′ mask, σ″ = 0, per-pair sums),
  and κ of the exact composed S3 curve (autograd as in part A; pair 1's refit through (h(t))⁺ = h(t)ᵀ(h(t)h(t)ᵀ)⁻¹).

Part C (the teleport objective's Lie-algebra gradient, for TeleportObjectiveGradient): F(W) = ‖∇L(W)‖², L the mean
cross-entropy over the batch's labels, and for each symmetry alone ∂F(g·W)/∂T at T = 0 with g = exp(T) (T a k×k
tensor at zero for S3/S4, a k-vector with g = diag(exp(t)) for S2: V → gV, U → Ug⁻¹), by autograd through the action,
the forward pass and the first backward (create_graph). S3 on the first 8 images (exact there), S2 and S4 on all 200
(S4's A = σ(Z) has full row rank there, the case its adjoint is written for). S3 is taken in the increment form
V → V + (σ⁻¹(g·σ(Z)) − Z)·h⁺, whose g = I is the identity (part A's form would first project V onto V·h·h⁺, which keeps
Z but moves ∇L of the layers below).

Outputs: orbit_paper_mlp.json (parts A, B) and teleport_gradient_paper_mlp.json (part C) next to this script.
Part C was added later in a separate file: run again (2026-12-08) the script reproduced parts A and B only to the
last digits, so orbit_paper_mlp.json was kept as it was.
"""
import json
import os
import struct

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
SIZES = [784, 16, 10, 10]
NAMES = ["fc0.weight", "fc1.weight", "fc2.weight"]
SLOPE = 0.1
torch.set_default_dtype(torch.float64)


def read_safetensors(path):
    with open(path, "rb") as f:
        raw = f.read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    out = {}
    types = {"F64": np.float64, "U8": np.uint8, "I64": np.int64}
    for name, meta in header.items():
        if name == "__metadata__":
            continue
        a, b = meta["data_offsets"]
        out[name] = np.frombuffer(raw[8 + size + a:8 + size + b], dtype=types[meta["dtype"]]).reshape(meta["shape"])
    return out


def sigma(z):
    return torch.where(z > 0, z, SLOPE * z)


def sigma_inv(y):
    return torch.where(y > 0, y, y / SLOPE)


def solve_pinv(h):
    """h⁺ for a full-rank h (d×n): (hᵀh)⁻¹hᵀ when n ≤ d, else hᵀ(hhᵀ)⁻¹ — differentiable to any order."""
    d, n = h.shape
    if n <= d:
        return torch.linalg.solve(h.T @ h, h.T)
    return torch.linalg.solve(h @ h.T, h).T


def s3(ws, m, g, x):
    """S3 on pair m: the layer input is recomputed from the current weights."""
    h = x
    for i in range(m):
        h = sigma(ws[i] @ h)
    v, u = ws[m], ws[m + 1]
    ws = list(ws)
    ws[m] = sigma_inv(g @ sigma(v @ h)) @ solve_pinv(h)
    ws[m + 1] = u @ torch.linalg.inv(g)
    return ws


def s3_increment(ws, m, g, x):
    """S3 in increment form, V → V + (σ⁻¹(g·σ(V h)) − V h)·h⁺ (U as in s3): g = I is the identity, where s3 would
    replace V by V·h·h⁺. Same derivatives in t as s3, but F(g·W) is then differentiated at W itself."""
    h = x
    for i in range(m):
        h = sigma(ws[i] @ h)
    v, u = ws[m], ws[m + 1]
    z = v @ h
    ws = list(ws)
    ws[m] = v + (sigma_inv(g @ sigma(z)) - z) @ solve_pinv(h)
    ws[m + 1] = u @ torch.linalg.inv(g)
    return ws


def s4(ws, m, g, x):
    h = x
    for i in range(m):
        h = sigma(ws[i] @ h)
    v, u = ws[m], ws[m + 1]
    a = sigma(v @ h)
    moved = sigma(g @ v @ h)
    ws = list(ws)
    ws[m] = g @ v
    ws[m + 1] = u + u @ (a - moved) @ solve_pinv(moved)
    return ws


def s2(ws, m, g, x):
    """S2 on pair m (g diagonal, positive): V → gV, U → Ug⁻¹."""
    ws = list(ws)
    ws[m] = g @ ws[m]
    ws[m + 1] = ws[m + 1] @ torch.linalg.inv(g)
    return ws


ACTIONS = {"S3": s3, "S4": s4}


def curve(ws, x, steps, t):
    """γ(t): the actions of `steps` [(kind, layer, M)] applied in order with g = exp(t·M)."""
    for kind, layer, m in steps:
        ws = ACTIONS[kind](ws, layer, torch.matrix_exp(t * m), x)
    return torch.cat([w.reshape(-1) for w in ws])


def derivatives(ws, x, steps, order):
    t = torch.zeros((), requires_grad=True)
    current = curve(ws, x, steps, t)
    result = []
    for _ in range(order):
        u = torch.zeros_like(current, requires_grad=True)
        (inner,) = torch.autograd.grad(current, t, grad_outputs=u, create_graph=True)
        (current,) = torch.autograd.grad(inner, u, create_graph=True)
        result.append(current)
    return [r.detach() for r in result]


def kappa(d1, d2):
    a, b, c = d1 @ d1, d2 @ d2, d1 @ d2
    return float(torch.sqrt(torch.clamp(a * b - c * c, min=0)) / a ** 1.5)


def paper_gamma(ws, ms, x):
    """The authors' compute_gamma_12: per-pair sums, σ″ = 0, torch.linalg.pinv."""
    g1 = [torch.zeros_like(w) for w in ws]
    g2 = [torch.zeros_like(w) for w in ws]
    h = x
    for m in range(len(ws) - 1):
        z = ws[m] @ h
        mask = torch.where(z > 0, torch.ones_like(z), SLOPE * torch.ones_like(z))
        hp = torch.linalg.pinv(h)
        a = sigma(z)
        g1[m + 1] += -ws[m + 1] @ ms[m]
        g1[m] += ((ms[m] @ a) / mask) @ hp
        g2[m + 1] += ws[m + 1] @ ms[m] @ ms[m]
        g2[m] += ((ms[m] @ ms[m] @ a) / mask) @ hp
        h = a
    flat = lambda gs: torch.cat([g.reshape(-1) for g in gs])
    return flat(g1), flat(g2)


def squared_gradient_norm(ws, x, labels):
    """F = ‖∇L‖² with the graph kept, L the mean cross-entropy of the logits W2·σ(W1·σ(W0·x)); ∇L is taken with
    respect to the (moved) tensors themselves, so it is the gradient at g·W."""
    ws = [w if w.requires_grad else w.detach().requires_grad_(True) for w in ws]
    h = x
    for w in ws[:-1]:
        h = sigma(w @ h)
    loss = torch.nn.functional.cross_entropy((ws[-1] @ h).T, labels)
    grads = torch.autograd.grad(loss, ws, create_graph=True)
    return loss, sum((g * g).sum() for g in grads)


def teleport_gradients(ws, inputs, labels):
    """Part C: ∂F(g·W)/∂T at T = 0 for each symmetry alone."""
    out = []
    for kind, layer, n in [("S2", 0, 200), ("S2", 1, 200), ("S3", 0, 8), ("S3", 1, 8), ("S4", 0, 200), ("S4", 1, 200)]:
        x, y = inputs[:n].T, labels[:n]
        k = SIZES[layer + 1]
        if kind == "S2":
            t = torch.zeros(k, requires_grad=True)
            moved = s2(ws, layer, torch.diag(torch.exp(t)), x)
        else:
            t = torch.zeros(k, k, requires_grad=True)
            action = s3_increment if kind == "S3" else s4
            moved = action(ws, layer, torch.matrix_exp(t), x)
        loss, f = squared_gradient_norm(moved, x, y)
        (dt,) = torch.autograd.grad(f, t)
        out.append({"symmetry": kind, "layer": layer, "samples": n, "loss": float(loss), "objective": float(f),
                    "lie_gradient": dt.reshape(-1).tolist()})
        print("C", kind, layer, n, float(f), float(dt.norm()))
    return out


def main():
    weights = read_safetensors(os.path.join(HERE, "geometry_paper_mlp.safetensors"))
    data = read_safetensors(os.path.join(HERE, "geometry_paper_mlp_data.safetensors"))
    ws = [torch.from_numpy(weights[n].copy()) for n in NAMES]
    pixels = data["pixels"].reshape(-1, 784)
    inputs = torch.from_numpy(pixels.astype(np.float32) / np.float32(255)).double()
    count = sum(w.numel() for w in ws)
    index = torch.arange(count, dtype=torch.float64)
    directions = {"sin": torch.sin(index + 1), "cos": torch.cos(3 * index + 1)}
    offsets = np.cumsum([0] + [w.numel() for w in ws])

    torch.manual_seed(777)
    ma = [torch.rand(SIZES[m + 1], SIZES[m + 1]) - 0.5 for m in range(2)]
    x8 = inputs[:8].T
    cases = []
    for name, steps in [
        ("S3@0", [("S3", 0)]), ("S3@1", [("S3", 1)]), ("S4@0", [("S4", 0)]), ("S4@1", [("S4", 1)]),
        ("S4@0+S4@1", [("S4", 0), ("S4", 1)]), ("S3@0+S4@1", [("S3", 0), ("S4", 1)]),
    ]:
        ds = derivatives(ws, x8, [(k, l, ma[l]) for k, l in steps], 3)
        orders = []
        for dj in ds:
            orders.append({
                "norms": {NAMES[i]: float(dj[offsets[i]:offsets[i + 1]].norm()) for i in range(3)},
                "dot_sin": float(dj @ directions["sin"]),
                "dot_cos": float(dj @ directions["cos"]),
            })
        cases.append({"name": name, "orders": orders})
        print(name, [o["norms"] for o in orders])

    torch.manual_seed(4242)
    x200 = inputs.T
    generators, paper, exact = [], [], []
    for _ in range(3):
        ms = []
        for m in range(2):
            raw = torch.rand(SIZES[m + 1], SIZES[m + 1])
            ms.append(raw / raw.norm())
        generators.append([m.reshape(-1).tolist() for m in ms])
        p1, p2 = paper_gamma(ws, ms, x200)
        paper.append(kappa(p1, p2))
        e1, e2 = derivatives(ws, x200, [("S3", 0, ms[0]), ("S3", 1, ms[1])], 2)
        exact.append(kappa(e1, e2))
    print("kappa paper", paper, "exact", exact)

    out = {
        "script": "make_orbit_fixture.py",
        "torch": torch.__version__,
        "samples_derivatives": 8,
        "generator_derivatives": [m.reshape(-1).tolist() for m in ma],
        "cases": cases,
        "samples_psi": 200,
        "generators_psi": generators,
        "kappa_paper": paper,
        "kappa_exact": exact,
        "psi_paper": float(np.mean(paper)),
        "psi_exact": float(np.mean(exact)),
    }
    with open(os.path.join(HERE, "orbit_paper_mlp.json"), "w") as f:
        json.dump(out, f, indent=1)

    labels = torch.from_numpy(data["labels"].astype(np.int64))
    part_c = {"script": "make_orbit_fixture.py", "torch": torch.__version__, "objective": "squared_gradient_norm",
              "symmetries": teleport_gradients(ws, inputs, labels)}
    with open(os.path.join(HERE, "teleport_gradient_paper_mlp.json"), "w") as f:
        json.dump(part_c, f, indent=1)


if __name__ == "__main__":
    main()
