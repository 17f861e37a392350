#!/usr/bin/python3
"""Makes the golden data of train/buffers and train/batch-norm with PyTorch.

The model is test/train/running_mean.mlir in torch: logits = (x - rm) @ W^T,
mean cross-entropy, and the buffer rm updated each step to
0.9 * rm + 0.1 * mean(x over the batch) (from the value before the step).
Three steps of torch.optim.SGD(lr=0.1) on the batches of 4 of
test/optim/data/{x,y}.npy in file order. Writes, under test/train/data/:

  running_mean.safetensors           initial weights: fc.weight (seeded
                                     normal * 0.3) and running_mean (zeros)
  expected_running_mean.safetensors  fc.weight and running_mean after 3 steps

test/train/batch_norm.mlir in torch: Linear(6, 5, bias=False), BatchNorm1d(5)
in training mode (momentum 0.1, eps 1e-5), ReLU, Linear(5, 3, bias=False),
three steps of torch.optim.SGD(lr=0.1, momentum=0.9) on the same batches:

  batch_norm.safetensors             initial weights (seeded) and running
                                     statistics (zeros, ones)
  expected_batch_norm.safetensors    weights and running statistics after 3
                                     steps

Rerun (needs python3-torch) only when a model changes:
  /usr/bin/python3 test/train/make_golden.py
"""

import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)

STEPS = 3
BATCH = 4
LR = 0.1


def batches():
    x = torch.from_numpy(np.load(os.path.join(ROOT, "test", "optim", "data", "x.npy")))
    y = torch.from_numpy(np.load(os.path.join(ROOT, "test", "optim", "data", "y.npy")))
    return [(x[s * BATCH:(s + 1) * BATCH], y[s * BATCH:(s + 1) * BATCH])
            for s in range(STEPS)]


def batch_norm(data):
    rng = np.random.RandomState(1)
    initial = {"fc1.weight": (rng.randn(6, 5) * 0.4).astype(np.float32),
               "bn.weight": (1 + 0.1 * rng.randn(5)).astype(np.float32),
               "bn.bias": (0.1 * rng.randn(5)).astype(np.float32),
               "fc2.weight": (rng.randn(5, 3) * 0.4).astype(np.float32),
               "bn.running_mean": np.zeros(5, np.float32),
               "bn.running_var": np.ones(5, np.float32)}
    safetensors_io.save(initial, os.path.join(data, "batch_norm.safetensors"))
    params = {k: torch.nn.Parameter(torch.from_numpy(v.copy()))
              for k, v in initial.items() if "running" not in k}
    bn = torch.nn.BatchNorm1d(5, momentum=0.1, eps=1e-5)
    with torch.no_grad():
        bn.weight.copy_(params["bn.weight"])
        bn.bias.copy_(params["bn.bias"])
    # The optimizer steps bn's own parameters; params["bn.*"] only seeded them.
    trained = [params["fc1.weight"], bn.weight, bn.bias, params["fc2.weight"]]
    optimizer = torch.optim.SGD(trained, lr=LR, momentum=0.9)
    bn.train()
    for xb, yb in batches():
        optimizer.zero_grad()
        h = torch.relu(bn(xb @ params["fc1.weight"]))
        loss = torch.nn.functional.cross_entropy(h @ params["fc2.weight"], yb)
        loss.backward()
        optimizer.step()
    expected = {"fc1.weight": params["fc1.weight"].detach().numpy(),
                "bn.weight": bn.weight.detach().numpy(),
                "bn.bias": bn.bias.detach().numpy(),
                "fc2.weight": params["fc2.weight"].detach().numpy(),
                "bn.running_mean": bn.running_mean.numpy().astype(np.float32),
                "bn.running_var": bn.running_var.numpy().astype(np.float32)}
    path = os.path.join(data, "expected_batch_norm.safetensors")
    safetensors_io.save(expected, path)
    print("wrote", os.path.relpath(path, ROOT))


def main():
    torch.set_num_threads(1)
    rng = np.random.RandomState(0)
    initial = {"fc.weight": (rng.randn(3, 6) * 0.3).astype(np.float32),
               "running_mean": np.zeros(6, np.float32)}
    data = os.path.join(HERE, "data")
    os.makedirs(data, exist_ok=True)
    safetensors_io.save(initial, os.path.join(data, "running_mean.safetensors"))

    x = torch.from_numpy(np.load(os.path.join(ROOT, "test", "optim", "data", "x.npy")))
    y = torch.from_numpy(np.load(os.path.join(ROOT, "test", "optim", "data", "y.npy")))
    weight = torch.nn.Parameter(torch.from_numpy(initial["fc.weight"].copy()))
    running_mean = torch.from_numpy(initial["running_mean"].copy())
    optimizer = torch.optim.SGD([weight], lr=LR)
    for step in range(STEPS):
        xb, yb = x[step * BATCH:(step + 1) * BATCH], y[step * BATCH:(step + 1) * BATCH]
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy((xb - running_mean) @ weight.T, yb)
        loss.backward()
        optimizer.step()
        running_mean = running_mean * 0.9 + xb.mean(0) * 0.1
    expected = {"fc.weight": weight.detach().numpy(),
                "running_mean": running_mean.numpy().astype(np.float32)}
    path = os.path.join(data, "expected_running_mean.safetensors")
    safetensors_io.save(expected, path)
    print("wrote", os.path.relpath(path, ROOT))
    batch_norm(data)


if __name__ == "__main__":
    main()
