#!/usr/bin/python3
"""Makes the golden data of train/buffers with PyTorch.

The model is test/train/running_mean.mlir in torch: logits = (x - rm) @ W^T,
mean cross-entropy, and the buffer rm updated each step to
0.9 * rm + 0.1 * mean(x over the batch) (from the value before the step).
Three steps of torch.optim.SGD(lr=0.1) on the batches of 4 of
test/optim/data/{x,y}.npy in file order. Writes, under test/train/data/:

  running_mean.safetensors           initial weights: fc.weight (seeded
                                     normal * 0.3) and running_mean (zeros)
  expected_running_mean.safetensors  fc.weight and running_mean after 3 steps

Rerun (needs python3-torch) only when the model changes:
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

STEPS = 3
BATCH = 4
LR = 0.1


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


if __name__ == "__main__":
    main()
