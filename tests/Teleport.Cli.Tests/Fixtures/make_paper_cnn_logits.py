#!/usr/bin/env python3
"""PyTorch's logits for the paper-cnn weights that `teleport train --save-model` wrote (float32 and float64).

The weights file was made with (from the repository root, ~1 minute):
  dotnet run --project src/Teleport.Cli -c Release -- train --model paper-cnn --dataset fashion-mnist \
      --optimizer adam --epochs 1 --seed 7 --save-model tests/Teleport.Cli.Tests/Fixtures/paper-cnn.safetensors
Then, with Debian's python3-torch (no safetensors package needed; the format is read by hand):
  /usr/bin/python3 tests/Teleport.Cli.Tests/Fixtures/make_paper_cnn_logits.py
loads it with load_state_dict(strict=True) into the equivalent nn.Sequential (conv0, pool1, conv2, pool3, fc4 as in
the CLI's PaperCnn), runs the first 16 Fashion-MNIST test images (pixels / 255, NCHW) through it and writes
paper-cnn-logits.json: the inputs [16, 784], the logits in float64 and the argmax classes.
"""
import gzip
import json
import os
import struct
from collections import OrderedDict

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {"F32": np.float32, "F64": np.float64}


def read_safetensors(path):
    with open(path, "rb") as fh:
        (length,) = struct.unpack("<Q", fh.read(8))
        header = json.loads(fh.read(length))
        data = fh.read()
    tensors = OrderedDict()
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        start, end = entry["data_offsets"]
        array = np.frombuffer(data[start:end], dtype=DTYPES[entry["dtype"]]).reshape(entry["shape"])
        tensors[name] = torch.from_numpy(array.copy())
    return tensors


def paper_cnn():
    return nn.Sequential(OrderedDict([
        ("conv0", nn.Conv2d(1, 16, 3, padding=1)), ("relu0", nn.ReLU()), ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(16, 32, 3, padding=1)), ("relu2", nn.ReLU()), ("pool3", nn.MaxPool2d(2)),
        ("flatten", nn.Flatten(1)), ("fc4", nn.Linear(32 * 7 * 7, 10)),
    ]))


def main():
    state = read_safetensors(os.path.join(HERE, "paper-cnn.safetensors"))
    net = paper_cnn().double()
    net.load_state_dict({k: v.double() for k, v in state.items()}, strict=True)
    with gzip.open("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "rb") as fh:
        raw = fh.read()
    images = np.frombuffer(raw[16:16 + 16 * 784], dtype=np.uint8).astype(np.float32) / np.float32(255)
    x = torch.from_numpy(images.astype(np.float64)).reshape(16, 1, 28, 28)
    with torch.no_grad():
        logits = net(x)
    record = {
        "torch": torch.__version__, "names": list(state.keys()), "shapes": [list(v.shape) for v in state.values()],
        "inputs": images.astype(np.float64).tolist(), "logits": logits.reshape(-1).tolist(),
        "classes": logits.argmax(1).tolist(),
    }
    with open(os.path.join(HERE, "paper-cnn-logits.json"), "w") as fh:
        json.dump(record, fh)
    print("wrote paper-cnn-logits.json: classes", record["classes"])


if __name__ == "__main__":
    main()
