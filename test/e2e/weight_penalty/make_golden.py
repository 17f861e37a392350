#!/usr/bin/python3
"""Writes the weights, inputs and PyTorch's penalized loss and gradients for
the weight-penalty test (loss.mlir here).

The loss is mse(tanh(x @ W1 + b1) @ W2, y) + L1 * sum|p| + L2 * sum p^2 over
the params W1, b1, W2 (no param is 0, where |p| has no derivative);
autograd differentiates it in float64 from the float32 values.

Writes, relative to this folder:
  weights.safetensors               fc1.weight fc1.bias fc2.weight, float32
  x.npy y.npy                       the data
  expected_loss.npy                 the penalized loss
  expected_<param>.grad.npy         its gradient for every param
Rerun (from anywhere; needs python3-torch and python3-numpy):
  /usr/bin/python3 test/e2e/weight_penalty/make_golden.py
Values come from a seeded generator, so a rerun reproduces the files.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import safetensors_io  # noqa: E402

# The coefficients the test passes to nnc-weight-penalty (CMakeLists.txt).
L1, L2 = 0.01, 0.05


def away_from_zero(rng, shape):
    """Magnitudes in [0.2, 1.5] with random signs."""
    sign = np.where(rng.random(shape) < 0.5, -1.0, 1.0)
    return (sign * rng.uniform(0.2, 1.5, shape)).astype(np.float32)


def main():
    rng = np.random.default_rng(2024)
    params = {"fc1.weight": away_from_zero(rng, (3, 4)),
              "fc1.bias": away_from_zero(rng, (4,)),
              "fc2.weight": away_from_zero(rng, (4, 2))}
    x = rng.standard_normal((5, 3)).astype(np.float32)
    y = rng.standard_normal((5, 2)).astype(np.float32)

    leaves = {n: torch.tensor(v, dtype=torch.float64, requires_grad=True)
              for n, v in params.items()}
    hidden = torch.tanh(torch.from_numpy(x).double() @ leaves["fc1.weight"]
                        + leaves["fc1.bias"])
    prediction = hidden @ leaves["fc2.weight"]
    loss = F.mse_loss(prediction, torch.from_numpy(y).double())
    for p in leaves.values():
        loss = loss + L1 * p.abs().sum() + L2 * (p * p).sum()
    loss.backward()

    safetensors_io.save(params, os.path.join(HERE, "weights.safetensors"))
    np.save(os.path.join(HERE, "x.npy"), x)
    np.save(os.path.join(HERE, "y.npy"), y)
    np.save(os.path.join(HERE, "expected_loss.npy"),
            loss.detach().numpy().astype(np.float32))
    for name, leaf in leaves.items():
        np.save(os.path.join(HERE, f"expected_{name}.grad.npy"),
                leaf.grad.numpy().astype(np.float32))
    print(f"loss {loss.item():.6f}; wrote {HERE}")


if __name__ == "__main__":
    main()
