#!/usr/bin/env python3
"""Reference loss, gradient and Hessian-vector product of the convolutional test networks (float64 autograd).

Run with Debian's torch:  /usr/bin/python3 make_torch_cnn_fixtures.py
Each network is a torch.nn.Sequential numbered like Teleport's layers (conv0, pool1, conv2, ..., fc4), so its
state_dict names (conv0.weight [out, in, k, k], conv0.bias, fc4.weight [out, in], ...) are Teleport's parameter
names. Writes one JSON per network in the format of make_torch_fixtures.py: names, shapes, parameters in
state_dict order, inputs [n, C*H*W] (NCHW flattened), labels or targets, a direction v, loss, gradient and
hvp = H v (double backward), all flattened in the same order.
Also writes torch_third_<network>.json: third = D³L[v, v, ·] = ∂(vᵀ H v)/∂θ (a third backward through the
HVP graph), for QuadraticFormGradient. A separate file: run again (torch 1.13.1, 2026-12-08) the script
reproduced parameters, inputs and v bit for bit but loss, gradient and H·v only to ~1e-15, so the committed
torch_<network>.json files were kept as they were and only torch_third_*.json were added.
The networks mirror tests/Teleport.Integration.Tests/Networks/ConvNetworks.cs.
"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


class Act(nn.Module):
    def __init__(self, f):
        super().__init__()
        self.f = f

    def forward(self, z):
        return self.f(z)


def gelu(z):
    return F.gelu(z, approximate="tanh")  # Teleport's gelu is the tanh form (as in make_torch_fixtures.py)


# (kind, ...) per declared layer, in order: ("conv", out, kernel, stride, padding, activation, bias),
# ("max", k), ("avg", k), ("dense", units, activation, bias).
NETWORKS = {
    "ConvPoolClassifier": dict(shape=(1, 8, 8), loss="ce", layers=[
        ("conv", 4, 3, 1, 1, torch.relu, True), ("max", 2),
        ("conv", 6, 3, 1, 1, lambda z: F.leaky_relu(z, 0.1), True), ("max", 2), ("dense", 3, None, True)]),
    "StridedConvRegressor": dict(shape=(2, 7, 7), loss="mse", layers=[
        ("conv", 3, 3, 2, 1, torch.tanh, False), ("conv", 4, 2, 1, 0, torch.sigmoid, False), ("dense", 2, None, False)]),
    "AvgPoolLinearConv": dict(shape=(1, 6, 6), loss="ce", layers=[
        ("conv", 3, 3, 1, 1, None, True), ("avg", 2), ("conv", 5, 3, 1, 0, lambda z: F.elu(z, 1.0), True),
        ("dense", 4, F.softplus, True), ("dense", 3, None, True)]),
    "ThreeConvRegressor": dict(shape=(3, 6, 6), loss="mse", layers=[
        ("conv", 4, 3, 1, 1, F.silu, False), ("conv", 4, 1, 1, 0, torch.relu, True), ("avg", 3),
        ("conv", 5, 2, 1, 0, gelu, True), ("dense", 2, None, True)]),
}


def build(spec, gen):
    """nn.Sequential with modules named as Teleport's layers (activations as unnamed-parameter modules after them)."""
    modules = []
    c, h, w = spec["shape"]
    flat = None
    for i, layer in enumerate(spec["layers"]):
        kind = layer[0]
        if kind == "conv":
            _, out, k, s, p, act, bias = layer
            m = nn.Conv2d(c, out, k, stride=s, padding=p, bias=bias)
            bound = 1.0 / (c * k * k) ** 0.5
            with torch.no_grad():
                m.weight.copy_((torch.rand(m.weight.shape, generator=gen) * 2 - 1) * bound * 3)  # larger than init: curvature
                if bias:
                    m.bias.copy_((torch.rand(out, generator=gen) * 2 - 1) * bound)
            modules.append(("conv%d" % i, m))
            if act is not None:
                modules.append(("act%d" % i, Act(act)))
            c, h, w = out, (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
        elif kind in ("max", "avg"):
            k = layer[1]
            modules.append(("pool%d" % i, nn.MaxPool2d(k) if kind == "max" else nn.AvgPool2d(k)))
            h, w = h // k, w // k
        else:
            _, units, act, bias = layer
            if flat is None:
                modules.append(("flatten%d" % i, nn.Flatten(1)))
                flat = c * h * w
            m = nn.Linear(flat, units, bias=bias)
            bound = 1.0 / flat ** 0.5
            with torch.no_grad():
                m.weight.copy_((torch.rand(m.weight.shape, generator=gen) * 2 - 1) * bound * 3)
                if bias:
                    m.bias.copy_((torch.rand(units, generator=gen) * 2 - 1) * bound)
            modules.append(("fc%d" % i, m))
            if act is not None:
                modules.append(("act%d" % i, Act(act)))
            flat = units
    from collections import OrderedDict
    return nn.Sequential(OrderedDict(modules)), flat


def main():
    for name, spec in NETWORKS.items():
        gen = torch.Generator().manual_seed(20261205)
        net, outputs = build(spec, gen)
        names = list(net.state_dict().keys())
        shapes = [list(t.shape) for t in net.state_dict().values()]
        theta = torch.cat([t.reshape(-1) for t in net.state_dict().values()]).clone().requires_grad_(True)

        def model(flat, x):
            tensors, offset = {}, 0
            for n_, s_ in zip(names, shapes):
                count = 1
                for d in s_:
                    count *= d
                tensors[n_] = flat[offset:offset + count].view(*s_)
                offset += count
            return torch.func.functional_call(net, tensors, (x,)) if hasattr(torch, "func") else \
                torch.nn.utils.stateless.functional_call(net, tensors, (x,))

        n = 4
        x = torch.rand((n,) + spec["shape"], generator=gen) * 2 - 1
        if spec["loss"] == "ce":
            y = torch.randint(0, outputs, (n,), generator=gen)
            loss = F.cross_entropy(model(theta, x), y)
        else:
            y = torch.rand(n, outputs, generator=gen) * 2 - 1
            loss = F.mse_loss(model(theta, x), y)
        (grad,) = torch.autograd.grad(loss, theta, create_graph=True)
        v = torch.rand(theta.numel(), generator=gen) * 2 - 1
        (hvp,) = torch.autograd.grad(grad, theta, grad_outputs=v, create_graph=True)
        # third-order term D³L[v, v, ·] = ∂(vᵀ H v)/∂θ: one more backward through the HVP graph
        (third,) = torch.autograd.grad(hvp @ v, theta)
        record = {
            "network": name, "torch": torch.__version__, "names": names, "shapes": shapes,
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


if __name__ == "__main__":
    main()
