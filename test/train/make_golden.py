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

test/train/dropout.mlir in torch (train/keys): Linear(6, 5, bias=False),
ReLU, dropout with p = 0.5 whose mask is nn.dropout's for the step's key
(scripts/counter_random.py: keep_mask, and training_key for the key the
driver supplies at step s of a run with --seed S), Linear(5, 3, bias=False),
cross-entropy; three steps of torch.optim.SGD(lr=0.1) on one batch (the first
4 examples of test/optim/data, so each epoch is one step and the driver
prints every step's loss), for seeds 0 and 1:

  dropout_x.npy, dropout_y.npy       the batch
  dropout.safetensors                initial weights (seeded)
  expected_dropout_seed{0,1}.safetensors  weights after 3 steps
  expected_dropout_losses.npy        [seed, step] losses before each step

Rerun (needs python3-torch) only when a model changes:
  /usr/bin/python3 test/train/make_golden.py
"""

import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.join(HERE, "..", "optim"))
import training_golden  # noqa: E402  (test/optim/training_golden.py)
from counter_random import keep_mask, training_key  # noqa: E402  (scripts/)

STEPS = 3
BATCH = 4
LR = 0.1


def batch_norm(data):
    rng = np.random.RandomState(1)
    initial = {"fc1.weight": (rng.randn(6, 5) * 0.4).astype(np.float32),
               "bn.weight": (1 + 0.1 * rng.randn(5)).astype(np.float32),
               "bn.bias": (0.1 * rng.randn(5)).astype(np.float32),
               "fc2.weight": (rng.randn(5, 3) * 0.4).astype(np.float32),
               "bn.running_mean": np.zeros(5, np.float32),
               "bn.running_var": np.ones(5, np.float32)}
    training_golden.save_weights(initial, data, "batch_norm.safetensors")
    w1 = torch.nn.Parameter(torch.from_numpy(initial["fc1.weight"].copy()))
    w2 = torch.nn.Parameter(torch.from_numpy(initial["fc2.weight"].copy()))
    bn = torch.nn.BatchNorm1d(5, momentum=0.1, eps=1e-5)
    with torch.no_grad():
        bn.weight.copy_(torch.from_numpy(initial["bn.weight"]))
        bn.bias.copy_(torch.from_numpy(initial["bn.bias"]))
    optimizer = torch.optim.SGD([w1, bn.weight, bn.bias, w2], lr=LR, momentum=0.9)
    bn.train()
    x, y = training_golden.load_examples()
    for xb, yb in training_golden.file_order_batches(x, y, BATCH, STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(torch.relu(bn(xb @ w1)) @ w2, yb)
        loss.backward()
        optimizer.step()
    expected = {"fc1.weight": w1.detach().numpy(),
                "bn.weight": bn.weight.detach().numpy(),
                "bn.bias": bn.bias.detach().numpy(),
                "fc2.weight": w2.detach().numpy(),
                "bn.running_mean": bn.running_mean.numpy().astype(np.float32),
                "bn.running_var": bn.running_var.numpy().astype(np.float32)}
    print("wrote", training_golden.save_weights(expected, data,
                                                "expected_batch_norm.safetensors"))


def dropout(data):
    rng = np.random.RandomState(2)
    initial = {"fc1.weight": (rng.randn(5, 6) * 0.5).astype(np.float32),
               "fc2.weight": (rng.randn(3, 5) * 0.5).astype(np.float32)}
    training_golden.save_weights(initial, data, "dropout.safetensors")
    x, y = training_golden.load_examples()
    x, y = x[:BATCH], y[:BATCH]
    np.save(os.path.join(data, "dropout_x.npy"), x.numpy())
    np.save(os.path.join(data, "dropout_y.npy"), y.numpy())
    losses = []
    for seed in (0, 1):
        w1 = torch.nn.Parameter(torch.from_numpy(initial["fc1.weight"].copy()))
        w2 = torch.nn.Parameter(torch.from_numpy(initial["fc2.weight"].copy()))
        optimizer = torch.optim.SGD([w1, w2], lr=LR)
        losses.append([])
        for step in range(STEPS):
            keep = torch.from_numpy(keep_mask(training_key(seed, step), (BATCH, 5), 0.5))
            optimizer.zero_grad()
            hidden = torch.relu(x @ w1.T) * keep / 0.5
            loss = torch.nn.functional.cross_entropy(hidden @ w2.T, y)
            losses[-1].append(loss.item())
            loss.backward()
            optimizer.step()
        expected = {"fc1.weight": w1.detach().numpy(), "fc2.weight": w2.detach().numpy()}
        print("wrote", training_golden.save_weights(
            expected, data, f"expected_dropout_seed{seed}.safetensors"))
    np.save(os.path.join(data, "expected_dropout_losses.npy"), np.array(losses, np.float64))


def main():
    torch.set_num_threads(1)
    rng = np.random.RandomState(0)
    initial = {"fc.weight": (rng.randn(3, 6) * 0.3).astype(np.float32),
               "running_mean": np.zeros(6, np.float32)}
    data = os.path.join(HERE, "data")
    training_golden.save_weights(initial, data, "running_mean.safetensors")

    x, y = training_golden.load_examples()
    weight = torch.nn.Parameter(torch.from_numpy(initial["fc.weight"].copy()))
    running_mean = torch.from_numpy(initial["running_mean"].copy())
    optimizer = torch.optim.SGD([weight], lr=LR)
    for xb, yb in training_golden.file_order_batches(x, y, BATCH, STEPS):
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy((xb - running_mean) @ weight.T, yb)
        loss.backward()
        optimizer.step()
        running_mean = running_mean * 0.9 + xb.mean(0) * 0.1
    expected = {"fc.weight": weight.detach().numpy(),
                "running_mean": running_mean.numpy().astype(np.float32)}
    print("wrote", training_golden.save_weights(expected, data,
                                                "expected_running_mean.safetensors"))
    batch_norm(data)
    dropout(data)


if __name__ == "__main__":
    main()
