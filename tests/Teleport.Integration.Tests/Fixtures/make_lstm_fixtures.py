#!/usr/bin/env python3
"""Reference loss and gradient of recurrent networks from PyTorch autograd (float64).

Run with Debian's torch:  /usr/bin/python3 make_lstm_fixtures.py
The networks mirror tests/Teleport.Integration.Tests/Networks/RecurrentNetworks.cs: nn.LSTMCell stacks (states start
at zero) followed by nn.Linear heads applied at every step, the loss the mean over steps and batch (and outputs, for
MSE). Modules are attributes named like Teleport's parameters (lstm0, lstm1, fc2, ...), so the state_dict keys are the
parameter names. Writes one JSON per network: names, parameters flattened in state_dict order, inputs
[steps, n, in], labels [steps, n] or targets [steps, n, out], steps, loss, and gradient = dL/dtheta (backpropagation
through time by autograd), flattened in the same order.
Also writes torch_window_<network>.json (added later, so the files above were kept as committed: run again, the script
reproduces parameters and inputs bit for bit, results only to ~1e-15): cotangents δY [steps, n, out] for the outputs of a
fresh window (states at zero), window_gradient = ∂Σ_t⟨δY_t, Y_t⟩/∂θ (WindowGradient) and input_cotangents = the same
with respect to the inputs [steps, n, in] (WindowVjp).
"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)

# (kind, size, activation, bias) per layer
NETWORKS = {
    "LstmRegressor": dict(inputs=3, layers=[("lstm", 4, None, True), ("fc", 2, None, True)], loss="mse", n=3, steps=5),
    "StackedLstmClassifier": dict(inputs=4, layers=[("lstm", 5, None, True), ("lstm", 3, None, True), ("fc", 4, torch.tanh, True), ("fc", 3, None, True)], loss="ce", n=2, steps=4),
    "BiasFreeLstm": dict(inputs=2, layers=[("lstm", 3, None, False), ("fc", 1, None, False)], loss="mse", n=4, steps=6),
    "LstmOnly": dict(inputs=2, layers=[("lstm", 3, None, True)], loss="mse", n=2, steps=5),
}


class Stack(nn.Module):
    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        fan_in = spec["inputs"]
        for i, (kind, size, _, bias) in enumerate(spec["layers"]):
            module = nn.LSTMCell(fan_in, size, bias=bias) if kind == "lstm" else nn.Linear(fan_in, size, bias=bias)
            setattr(self, "%s%d" % (kind, i), module)
            fan_in = size

    def forward(self, x):  # x [steps, n, in]
        steps, n, _ = x.shape
        states = {}
        outputs = []
        for t in range(steps):
            h = x[t]
            for i, (kind, size, act, _) in enumerate(self.spec["layers"]):
                module = getattr(self, "%s%d" % (kind, i))
                if kind == "lstm":
                    hc = states.get(i, (torch.zeros(n, size), torch.zeros(n, size)))
                    states[i] = module(h, hc)
                    h = states[i][0]
                else:
                    h = module(h)
                    if act is not None:
                        h = act(h)
            outputs.append(h)
        return torch.stack(outputs)  # [steps, n, out]


def main():
    gen = torch.Generator().manual_seed(20261205)
    torch.manual_seed(20261205)
    for name, spec in NETWORKS.items():
        model = Stack(spec)
        with torch.no_grad():  # larger than PyTorch's init so the gates are not all near 1/2
            for p in model.parameters():
                p.mul_(2.0)
        steps, n = spec["steps"], spec["n"]
        x = torch.rand(steps, n, spec["inputs"], generator=gen) * 2 - 1
        y = model(x)
        out = {"names": list(model.state_dict().keys()), "steps": steps}
        if spec["loss"] == "ce":
            labels = torch.randint(0, y.shape[-1], (steps, n), generator=gen)
            loss = F.cross_entropy(y.reshape(steps * n, -1), labels.reshape(-1))
            out["labels"] = labels.reshape(-1).tolist()
        else:
            targets = torch.rand(steps, n, y.shape[-1], generator=gen) * 2 - 1
            loss = ((y - targets) ** 2).mean()
            out["targets"] = targets.reshape(-1).tolist()
        params = list(model.parameters())
        grads = torch.autograd.grad(loss, params)
        out["parameters"] = torch.cat([p.detach().reshape(-1) for p in params]).tolist()
        out["inputs"] = x.reshape(-1).tolist()
        out["loss"] = loss.item()
        out["gradient"] = torch.cat([g.reshape(-1) for g in grads]).tolist()
        with open("torch_%s.json" % name, "w") as f:
            json.dump(out, f)
        print(name, "loss", out["loss"], "parameters", len(out["parameters"]))

        # The window VJP (WindowGradient, WindowVjp): for cotangents δY [steps, n, out] of the outputs of a fresh window,
        # ∂Σ_t⟨δY_t, Y_t⟩/∂θ and /∂X. δY comes from its own generator so that the stream above stays as it was.
        window_gen = torch.Generator().manual_seed(20261208 + len(name))
        cotangents = torch.rand(y.shape, generator=window_gen) * 2 - 1
        xw = x.clone().requires_grad_(True)
        vjp = torch.autograd.grad(model(xw), params + [xw], grad_outputs=cotangents)
        window = {"network": name, "torch": torch.__version__, "cotangents": cotangents.reshape(-1).tolist(),
                  "window_gradient": torch.cat([g.reshape(-1) for g in vjp[:-1]]).tolist(),
                  "input_cotangents": vjp[-1].reshape(-1).tolist()}
        with open("torch_window_%s.json" % name, "w") as f:
            json.dump(window, f)


if __name__ == "__main__":
    main()
