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


def forward(p, x):
    """@forward: the logits of every activation's variant."""
    out = {}
    for name, act in ACTIVATIONS.items():
        h = act(act(x["x"] @ p["fc1.weight"] + p["fc1.bias"]) @ p["fc2.weight"]
                + p["fc2.bias"])
        out["logits_" + name] = h @ p["fc3.weight"] + p["fc3.bias"]
    return out


def loss(p, x):
    """@loss: the sum of every variant's mean cross-entropy against y."""
    out = forward(p, x)
    total = 0
    for name in ACTIVATIONS:
        total = total + F.cross_entropy(out["logits_" + name], x["y"])
    return total


def main():
    g = Golden("mlp")
    for layer, fan_in, fan_out in ((1, 12, 24), (2, 24, 24), (3, 24, 5)):
        g.param("fc%d.weight" % layer, (fan_in, fan_out))
        g.param("fc%d.bias" % layer, (fan_out,), 0.1)
    x = g.input("x", g.normal((16, 12)))
    y = g.input("y", g.rng.integers(0, 5, 16))
    for name, value in forward(g.params, {"x": x}).items():
        g.expect(name, value)
    g.expect_gradients(loss(g.params, {"x": x, "y": y}))
    g.save_weights()


if __name__ == "__main__":
    main()
