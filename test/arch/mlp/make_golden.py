#!/usr/bin/python3
"""Golden data of arch/mlp: models/arch/mlp.mlir in PyTorch.

The same 12 -> 24 -> 24 -> 5 perceptron once per hidden activation (shared
weights); @loss is the sum of each variant's mean cross-entropy. Writes
models/arch/mlp.safetensors and test/arch/data/mlp/ (arch_golden.py).
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

ACTIVATIONS = {
    "relu": F.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.1),
    "elu": F.elu,
    "gelu": F.gelu,
    "gelu_tanh": lambda z: F.gelu(z, approximate="tanh"),
    "silu": F.silu,
    "mish": F.mish,
    "softplus": F.softplus,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
}


def main():
    g = Golden("mlp")
    w1, b1 = g.param("fc1.weight", (12, 24)), g.param("fc1.bias", (24,), 0.1)
    w2, b2 = g.param("fc2.weight", (24, 24)), g.param("fc2.bias", (24,), 0.1)
    w3, b3 = g.param("fc3.weight", (24, 5)), g.param("fc3.bias", (5,), 0.1)
    x = g.input("x", g.normal((16, 12)))
    y = g.input("y", g.rng.integers(0, 5, 16))
    loss = 0
    for name, act in ACTIVATIONS.items():
        logits = act(act(x @ w1 + b1) @ w2 + b2) @ w3 + b3
        g.expect("logits_" + name, logits)
        loss = loss + F.cross_entropy(logits, y)
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
