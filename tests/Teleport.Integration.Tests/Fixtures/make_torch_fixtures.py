#!/usr/bin/env python3
"""Reference loss, gradient and Hessian-vector product from PyTorch autograd (float64).

Run with Debian's torch:  /usr/bin/python3 make_torch_fixtures.py
Writes one JSON per network: parameters in state_dict order (fc0.weight [out,in] row-major,
fc0.bias, fc1.weight, ...), inputs [n, in], labels or targets, a direction v, and
loss, gradient = dL/dtheta and hvp = H v (double backward), all flattened in the same order.
Also writes torch_third_<network>.json: third = D³L[v, v, ·] = ∂(vᵀ H v)/∂θ (a third backward through the
HVP graph), for QuadraticFormGradient. A separate file: run again (torch 1.13.1, 2026-12-08) the script
reproduced parameters, inputs and v bit for bit but loss, gradient and H·v only to ~1e-15, so the committed
torch_<network>.json files were kept as they were and only torch_third_*.json were added.
Also writes torch_top_eigenvalue_SmallLeakyClassifier.json (see top_eigenvalue_fixture), added the same way.
The networks mirror tests/Teleport.Integration.Tests/Networks/TestNetworks.cs.
"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def softplus(z):
    return F.softplus(z)  # beta 1, threshold 20: identical to log(1+exp(z)) in double for our ranges


NETWORKS = {
    "TanhSigmoidRegressor": dict(inputs=4, layers=[(6, torch.tanh, True), (5, torch.sigmoid, True), (3, None, True)], loss="mse"),
    "DeepClassifier": dict(inputs=6, layers=[(8, torch.relu, True), (7, lambda z: F.elu(z, 1.0), True), (6, softplus, True), (4, None, True)], loss="ce"),
    "SiluGeluRegressor": dict(inputs=5, layers=[(7, F.silu, False), (6, lambda z: F.gelu(z, approximate="tanh"), False), (2, None, False)], loss="mse"),
}


def build(spec, gen):
    params, acts = [], []
    fan_in = spec["inputs"]
    for units, act, bias in spec["layers"]:
        bound = 1.0 / fan_in ** 0.5
        w = (torch.rand(units, fan_in, generator=gen) * 2 - 1) * bound * 3  # larger than init: curvature matters
        params.append(("fc%d.weight" % len(acts), w))
        if bias:
            params.append(("fc%d.bias" % len(acts), (torch.rand(units, generator=gen) * 2 - 1) * bound))
        acts.append((act, bias))
        fan_in = units
    return params, acts


def forward(flat_params, names, shapes, acts, x):
    tensors = {}
    offset = 0
    for name, shape in zip(names, shapes):
        count = 1
        for s in shape:
            count *= s
        tensors[name] = flat_params[offset:offset + count].view(*shape)
        offset += count
    h = x
    for i, (act, bias) in enumerate(acts):
        z = h @ tensors["fc%d.weight" % i].t()
        if bias:
            z = z + tensors["fc%d.bias" % i]
        h = act(z) if act is not None else z
    return h


def main():
    for name, spec in NETWORKS.items():
        gen = torch.Generator().manual_seed(20261125)
        params, acts = build(spec, gen)
        names = [n for n, _ in params]
        shapes = [tuple(p.shape) for _, p in params]
        theta = torch.cat([p.reshape(-1) for _, p in params]).clone().requires_grad_(True)
        n = 5
        x = torch.rand(n, spec["inputs"], generator=gen) * 2 - 1
        out_size = spec["layers"][-1][0]
        if spec["loss"] == "ce":
            y = torch.randint(0, out_size, (n,), generator=gen)
            loss = F.cross_entropy(forward(theta, names, shapes, acts, x), y)
        else:
            y = torch.rand(n, out_size, generator=gen) * 2 - 1
            loss = F.mse_loss(forward(theta, names, shapes, acts, x), y)
        (grad,) = torch.autograd.grad(loss, theta, create_graph=True)
        v = torch.rand(theta.numel(), generator=gen) * 2 - 1
        (hvp,) = torch.autograd.grad(grad, theta, grad_outputs=v, create_graph=True)
        # third-order term D³L[v, v, ·] = ∂(vᵀ H v)/∂θ: one more backward through the HVP graph
        (third,) = torch.autograd.grad(hvp @ v, theta)
        record = {
            "network": name, "torch": torch.__version__, "names": names, "shapes": [list(s) for s in shapes],
            "parameters": theta.detach().tolist(), "inputs": x.reshape(-1).tolist(),
            "labels" if spec["loss"] == "ce" else "targets": y.reshape(-1).tolist(),
            "direction": v.tolist(), "loss": loss.item(), "gradient": grad.detach().tolist(), "hvp": hvp.detach().tolist(),
        }
        with open("torch_%s.json" % name, "w") as fh:
            json.dump(record, fh)
        print("wrote torch_%s.json: loss %.6f, |g| %.4f, |Hv| %.4f" % (name, loss.item(), grad.norm().item(), hvp.norm().item()))
        third_record = {"network": name, "torch": torch.__version__, "third": third.tolist()}
        with open("torch_third_%s.json" % name, "w") as fh:
            json.dump(third_record, fh)
        print("wrote torch_third_%s.json: |D3L[v,v,.]| %.4f" % (name, third.norm().item()))


def leaky(z):
    return F.leaky_relu(z, 0.1)


def top_eigenvalue_fixture():
    """The TopEigenvalue teleport objective's Lie-algebra gradient on SmallLeakyClassifier (6-5-4-3, leaky_relu(0.1), no
    bias, mean cross-entropy): F(W) = λmax(H(W)) of the dense Hessian, and ∂F(g·W)/∂t at t = 0 for S2 on each hidden
    layer (g = diag(exp(t)): V → gV, U → Ug⁻¹), by autograd through eigvalsh of a Hessian built with create_graph.
    Its own generator, so the networks above draw what they drew. Writes torch_top_eigenvalue_SmallLeakyClassifier.json."""
    gen = torch.Generator().manual_seed(20261208)
    spec = dict(inputs=6, layers=[(5, leaky, False), (4, leaky, False), (3, None, False)], loss="ce")
    params, acts = build(spec, gen)
    names = [n for n, _ in params]
    shapes = [tuple(p.shape) for _, p in params]
    theta = torch.cat([p.reshape(-1) for _, p in params])
    n = 9
    x = torch.rand(n, spec["inputs"], generator=gen) * 2 - 1
    y = torch.randint(0, 3, (n,), generator=gen)

    def loss_of(flat):
        return F.cross_entropy(forward(flat, names, shapes, acts, x), y)

    sizes = [p.numel() for _, p in params]
    out = {"network": "SmallLeakyClassifier", "torch": torch.__version__, "names": names, "parameters": theta.tolist(),
           "inputs": x.reshape(-1).tolist(), "labels": y.tolist(), "symmetries": []}
    for layer in range(2):
        k = spec["layers"][layer][0]
        t = torch.zeros(k, requires_grad=True)
        ws = list(torch.split(theta, sizes))
        g = torch.exp(t)
        ws[layer] = (ws[layer].view(shapes[layer]) * g[:, None]).reshape(-1)  # V → diag(g)·V
        ws[layer + 1] = (ws[layer + 1].view(shapes[layer + 1]) / g[None, :]).reshape(-1)  # U → U·diag(g)⁻¹
        hessian = torch.autograd.functional.hessian(loss_of, torch.cat(ws), create_graph=True)
        top = torch.linalg.eigvalsh(hessian)[-1]
        (dt,) = torch.autograd.grad(top, t)
        out["loss"] = loss_of(theta).item()
        out["top_eigenvalue"] = top.item()
        out["symmetries"].append({"symmetry": "S2", "layer": layer, "lie_gradient": dt.tolist()})
        print("top eigenvalue %.6f, S2@%d gradient %s" % (top.item(), layer, dt.tolist()))
    with open("torch_top_eigenvalue_SmallLeakyClassifier.json", "w") as fh:
        json.dump(out, fh)


if __name__ == "__main__":
    main()
    top_eigenvalue_fixture()
