#!/usr/bin/python3
"""Reference Hessian trace and top eigenvalue of a trained paper network, from float64 PyTorch.

Run with Debian's torch (1.13) and Fashion-MNIST (dataset-fashion-mnist):
    /usr/bin/python3 make_geometry_fixture.py
The `safetensors` package is not needed: the format is written by hand (8-byte little-endian header
size, JSON header padded with spaces to a multiple of 8, raw little-endian data).

What it does, all in float64:
  1. the paper's network 784-16-10-10, LeakyReLU(0.1), no bias (nn.Linear init, torch.manual_seed(54321));
  2. trains it with SGD (lr 1e-2, batch 20, sequential order) for 3 epochs on the first 10 000
     Fashion-MNIST training images (pixels b/255 rounded to float32 as torchvision's ToTensor, then widened);
  3. on the first 200 official test images (file order) builds the full Hessian of the mean cross-entropy,
     one exact Hessian-vector product (double backward) per parameter, and takes its diagonal (trace, per
     tensor) and its eigenvalues (torch.linalg.eigvalsh, a dense solver independent of any Lanczos).

Outputs, next to this script:
  geometry_paper_mlp.safetensors       fc0.weight [16, 784], fc1.weight [10, 16], fc2.weight [10, 10] (F64)
  geometry_paper_mlp_data.safetensors  pixels [200, 784] (U8), labels [200] (I64)
  geometry_paper_mlp.json              loss, trace, trace by tensor, the 5 largest and the smallest eigenvalue
"""
import gzip
import json
import os
import struct
import time
from collections import OrderedDict

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = "/usr/share/datasets/fashion-mnist"
SIZES = [784, 16, 10, 10]
NAMES = ["fc0.weight", "fc1.weight", "fc2.weight"]
DTYPES = {torch.float64: "F64", torch.uint8: "U8", torch.int64: "I64"}

torch.set_default_dtype(torch.float64)


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = struct.unpack(">" + "I" * dims, raw[4:4 + 4 * dims])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def pixels_to_inputs(pixels):
    # ToTensor: b / 255 in float32 (correctly rounded, as C#'s b / 255f), then widened exactly.
    return torch.from_numpy(pixels.reshape(len(pixels), -1).astype(np.float32) / np.float32(255)).double()


def forward(theta, x):
    offset = 0
    h = x
    for i in range(3):
        rows, cols = SIZES[i + 1], SIZES[i]
        w = theta[offset:offset + rows * cols].view(rows, cols)
        offset += rows * cols
        h = h @ w.t()
        if i < 2:
            h = F.leaky_relu(h, 0.1)
    return h


def write_safetensors(path, tensors):
    header = OrderedDict()
    blobs = []
    offset = 0
    for name in sorted(tensors):
        t = tensors[name].contiguous()
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)))
        f.write(text)
        for b in blobs:
            f.write(b)


def main():
    torch.manual_seed(54321)
    layers = [torch.nn.Linear(SIZES[i], SIZES[i + 1], bias=False) for i in range(3)]
    theta = torch.cat([l.weight.detach().reshape(-1) for l in layers]).clone()

    train_x = pixels_to_inputs(idx("train-images-idx3-ubyte.gz")[:10000])
    train_y = torch.from_numpy(idx("train-labels-idx1-ubyte.gz")[:10000].astype(np.int64))
    for epoch in range(3):
        for start in range(0, len(train_x), 20):
            theta.requires_grad_(True)
            loss = F.cross_entropy(forward(theta, train_x[start:start + 20]), train_y[start:start + 20])
            (g,) = torch.autograd.grad(loss, theta)
            theta = (theta - 1e-2 * g).detach()

    test_pixels = idx("t10k-images-idx3-ubyte.gz")[:200]
    test_labels = idx("t10k-labels-idx1-ubyte.gz")[:200].astype(np.int64)
    x = pixels_to_inputs(test_pixels)
    y = torch.from_numpy(test_labels)
    theta.requires_grad_(True)
    logits = forward(theta, x)
    loss = F.cross_entropy(logits, y)
    accuracy = (logits.argmax(1) == y).double().mean().item()
    (grad,) = torch.autograd.grad(loss, theta, create_graph=True)

    p = theta.numel()
    start = time.time()
    hessian = torch.empty(p, p)
    eye = torch.eye(p)
    for first in range(0, p, 512):
        block = eye[first:first + 512]
        (columns,) = torch.autograd.grad(grad, theta, grad_outputs=block, retain_graph=True, is_grads_batched=True)
        hessian[first:first + len(block)] = columns
    asymmetry = (hessian - hessian.t()).abs().max().item()
    hessian = 0.5 * (hessian + hessian.t())
    diagonal = torch.diagonal(hessian)
    by_tensor = OrderedDict()
    offset = 0
    for i, name in enumerate(NAMES):
        count = SIZES[i] * SIZES[i + 1]
        by_tensor[name] = diagonal[offset:offset + count].sum().item()
        offset += count
    eigenvalues = torch.linalg.eigvalsh(hessian)
    seconds = time.time() - start

    write_safetensors(os.path.join(HERE, "geometry_paper_mlp.safetensors"), OrderedDict(
        (name, t) for name, t in zip(NAMES, [theta.detach()[:12544].view(16, 784), theta.detach()[12544:12704].view(10, 16), theta.detach()[12704:].view(10, 10)])))
    write_safetensors(os.path.join(HERE, "geometry_paper_mlp_data.safetensors"), OrderedDict(
        [("pixels", torch.from_numpy(test_pixels.reshape(200, 784).copy())), ("labels", y)]))
    record = OrderedDict([
        ("network", "784-16-10-10 leaky_relu(0.1) no bias"),
        ("torch", torch.__version__),
        ("training", "SGD lr 1e-2, batch 20, sequential, 3 epochs on the first 10000 Fashion-MNIST training images, float64, torch.manual_seed(54321)"),
        ("samples", "the first 200 official Fashion-MNIST test images"),
        ("loss", loss.item()),
        ("accuracy", accuracy),
        ("hessian_trace", diagonal.sum().item()),
        ("hessian_trace_by_tensor", by_tensor),
        ("top_eigenvalues", eigenvalues[-5:].flip(0).tolist()),
        ("smallest_eigenvalue", eigenvalues[0].item()),
        ("hessian_asymmetry", asymmetry),
        ("seconds", seconds),
    ])
    with open(os.path.join(HERE, "geometry_paper_mlp.json"), "w") as f:
        json.dump(record, f, indent=1)
    print("loss %.6f, accuracy %.3f, trace %.10g, top eigenvalues %s, %.0f s" % (
        loss.item(), accuracy, diagonal.sum().item(), eigenvalues[-3:].flip(0).tolist(), seconds))


if __name__ == "__main__":
    main()
