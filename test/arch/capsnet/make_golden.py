#!/usr/bin/python3
"""Golden data of arch/capsnet: models/arch/capsnet.mlir in PyTorch.

Primary capsules from a linear layer, per-pair prediction matrices, three
iterations of dynamic routing by agreement, capsule lengths and the margin
loss. Writes models/arch/capsnet.safetensors and test/arch/data/capsnet/
(arch_golden.py). Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import torch

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

TINY = 1e-9


def squash(s):
    n2 = (s * s).sum(-1, keepdim=True)
    return s * ((n2 + TINY).sqrt() / (n2 + 1))


def lengths(x, wp, bp, w):
    u = squash((x @ wp + bp).reshape(4, 6, 4))
    u_hat = (w.unsqueeze(0) @ u.reshape(4, 6, 1, 4, 1)).reshape(4, 6, 3, 5)
    b = torch.zeros(4, 6, 3, dtype=u_hat.dtype)
    for _ in range(3):
        c = torch.softmax(b, 2)
        v = squash((c.unsqueeze(-1) * u_hat).sum(1))
        b = b + (u_hat * v.unsqueeze(1)).sum(3)
    return ((v * v).sum(2) + TINY).sqrt()


def forward(p, x):
    """@forward: the output capsules' lengths."""
    return {"lengths": lengths(x["x"], p["primary.weight"], p["primary.bias"],
                               p["routing.weight"])}


def loss(p, x):
    """@loss: the margin loss of the lengths against the classes y (m+ 0.9,
    m- 0.1, lambda 0.5), summed over classes, mean over the batch."""
    length = forward(p, x)["lengths"]
    t = torch.nn.functional.one_hot(x["y"], 3).to(length.dtype)
    per = (t * torch.relu(0.9 - length) ** 2
           + 0.5 * (1 - t) * torch.relu(length - 0.1) ** 2)
    return per.sum(1).mean()


def main():
    g = Golden("capsnet")
    g.param("primary.weight", (8, 24))
    g.param("primary.bias", (24,), 0.1)
    g.param("routing.weight", (6, 3, 5, 4), 0.5)
    x = g.input("x", g.normal((4, 8)))
    y = g.input("y", g.rng.integers(0, 3, 4))
    length = forward(g.params, {"x": x})["lengths"]
    g.expect("lengths", length)
    g.expect_gradients(loss(g.params, {"x": x, "y": y}))
    g.save_weights()


if __name__ == "__main__":
    main()
