#!/usr/bin/python3
"""Golden data of arch/kan: models/arch/kan.mlir in PyTorch.

Two Kolmogorov-Arnold layers: base silu(x) @ base_weight plus cubic B-spline
edge functions on a uniform grid of 5 intervals over [-1, 1] (Cox-de Boor
recursion), spline coefficients stored input-major as [in * 8, out].
@loss is the mean squared error. Writes models/arch/kan.safetensors and
test/arch/data/kan/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

GRID, ORDER = 5, 3
H = 2.0 / GRID
KNOTS = torch.tensor([-1 + (i - ORDER) * H for i in range(GRID + 2 * ORDER + 1)],
                     dtype=torch.float64)


def basis(x):
    """[batch, in] -> [batch, in, GRID + ORDER] cubic B-spline values."""
    t = KNOTS.to(x.dtype)
    x = x.unsqueeze(-1)
    b = ((x >= t[:-1]) & (x < t[1:])).to(x.dtype)
    for k in range(1, ORDER + 1):
        m = b.shape[-1] - 1
        left = (x - t[:m]) / (t[k:k + m] - t[:m]) * b[..., :m]
        right = (t[k + 1:k + 1 + m] - x) / (t[k + 1:k + 1 + m] - t[1:1 + m]) * b[..., 1:]
        b = left + right
    return b


def layer(x, base_weight, coef):
    return F.silu(x) @ base_weight + basis(x).reshape(x.shape[0], -1) @ coef


def forward(p, x):
    """@forward: the two layers' output."""
    h = x["x"]
    for i in range(2):
        h = layer(h, p["layer%d.base_weight" % i], p["layer%d.spline_coef" % i])
    return {"y": h}


def loss(p, x):
    """@loss: the mean squared error of y against the target t."""
    return F.mse_loss(forward(p, x)["y"], x["t"])


def main():
    g = Golden("kan")
    for i, (inputs, outputs) in enumerate(((3, 4), (4, 2))):
        g.param("layer%d.base_weight" % i, (inputs, outputs))
        g.param("layer%d.spline_coef" % i, (inputs * (GRID + ORDER), outputs), 0.3)
    x = g.input("x", g.rng.uniform(-0.95, 0.95, (8, 3)))
    t = g.input("t", g.normal((8, 2), 0.5))
    y = forward(g.params, {"x": x})["y"]
    g.expect("y", y)
    g.expect_gradients(loss(g.params, {"x": x, "t": t}))
    g.save_weights()


if __name__ == "__main__":
    main()
