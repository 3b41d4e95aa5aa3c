#!/usr/bin/python3
"""Makes the safetensors fixtures for Teleport.Runtime.Tests (Serialization/SafeTensorsFixtureTests).

Run with Debian's interpreter, which has torch (1.13):  /usr/bin/python3 make_safetensors_fixture.py
The `safetensors` package is not needed: the format is written by hand below
(8-byte little-endian header size, UTF-8 JSON header padded with spaces to a multiple of 8,
raw little-endian tensor data).

Outputs, next to this script:
  mlp.safetensors          the state_dict of nn.Sequential(fc0=Linear(4, 3), act=LeakyReLU(0.1),
                           fc1=Linear(3, 2)) as F32, with __metadata__
  dtypes.safetensors       the same values stored as F64, F16 and BF16, plus an I64 scalar
  safetensors_expected.json  every tensor's dtype, shape and values (as float64 numbers), the
                           metadata, and a forward pass (inputs [5, 4] -> outputs [5, 2])
"""
import json
import os
import struct
from collections import OrderedDict

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPE_NAMES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16",
               torch.bfloat16: "BF16", torch.int64: "I64"}


def tensor_bytes(t):
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        # numpy has no bfloat16: reinterpret the 16-bit patterns as int16.
        return t.view(torch.int16).numpy().astype("<i2").tobytes()
    return t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()


def write_safetensors(path, tensors, metadata):
    """tensors: OrderedDict name -> torch tensor; data is laid out in name order."""
    header = OrderedDict()
    if metadata:
        header["__metadata__"] = metadata
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name]
        data = tensor_bytes(t)
        header[name] = {"dtype": DTYPE_NAMES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def values(t):
    return t.detach().to(torch.float64).reshape(-1).tolist()


def main():
    torch.manual_seed(20240513)
    model = nn.Sequential(OrderedDict([
        ("fc0", nn.Linear(4, 3)),
        ("act", nn.LeakyReLU(0.1)),
        ("fc1", nn.Linear(3, 2)),
    ]))
    state = OrderedDict((k, v.detach().clone()) for k, v in model.state_dict().items())
    metadata = {"format": "pt", "source": "make_safetensors_fixture.py", "torch": torch.__version__}
    write_safetensors(os.path.join(HERE, "mlp.safetensors"), state, metadata)

    mixed = OrderedDict([
        ("w64", state["fc0.weight"].to(torch.float64)),
        ("w16", state["fc0.weight"].to(torch.float16)),
        ("wbf16", state["fc0.weight"].to(torch.bfloat16)),
        ("steps", torch.tensor(42, dtype=torch.int64)),
    ])
    write_safetensors(os.path.join(HERE, "dtypes.safetensors"), mixed, None)

    inputs = torch.rand(5, 4)
    with torch.no_grad():
        outputs = model(inputs)

    expected = {
        "mlp.safetensors": {
            "metadata": metadata,
            "tensors": {k: {"dtype": DTYPE_NAMES[v.dtype], "shape": list(v.shape), "values": values(v)}
                        for k, v in state.items()},
        },
        "dtypes.safetensors": {
            "metadata": {},
            "tensors": {k: {"dtype": DTYPE_NAMES[v.dtype], "shape": list(v.shape), "values": values(v)}
                        for k, v in mixed.items()},
        },
        "forward": {"inputs": values(inputs), "outputs": values(outputs), "batch": 5},
    }
    with open(os.path.join(HERE, "safetensors_expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
