#!/usr/bin/python3
"""Golden data of arch/realnvp: models/arch/realnvp.mlir in PyTorch.

Two affine coupling layers with masks [1,1,0,0] and [0,0,1,1], scale
tanh(net_s) and shift net_t; z, the exact log-likelihood, and the inverse
pass applied to z (which gives x back). @loss: negative mean log-likelihood.
Writes models/arch/realnvp.safetensors and test/arch/data/realnvp/
(arch_golden.py). Run with /usr/bin/python3.
"""

import math
import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

MASKS = [torch.tensor([1.0, 1.0, 0.0, 0.0], dtype=torch.float64),
         torch.tensor([0.0, 0.0, 1.0, 1.0], dtype=torch.float64)]


def net(h, p, prefix):
    return (F.relu(h @ p[prefix + ".fc1.weight"] + p[prefix + ".fc1.bias"])
            @ p[prefix + ".fc2.weight"] + p[prefix + ".fc2.bias"])


def shift_scale(x, mask, p, layer):
    inside = x * mask
    s = torch.tanh(net(inside, p, "layer%d.s" % layer)) * (1 - mask)
    t = net(inside, p, "layer%d.t" % layer) * (1 - mask)
    return s, t


def couple(x, mask, p, layer):
    s, t = shift_scale(x, mask, p, layer)
    return x * mask + (x * s.exp() + t) * (1 - mask), s.sum(1)


def uncouple(y, mask, p, layer):
    s, t = shift_scale(y, mask, p, layer)
    return y * mask + (y - t) * (-s).exp() * (1 - mask)


def forward(p, x):
    """@forward: the latent z, the exact log-likelihood of x, and the
    inverse pass applied to z."""
    x = x["x"]
    masks = [mask.to(x.dtype) for mask in MASKS]
    y0, ld0 = couple(x, masks[0], p, 0)
    z, ld1 = couple(y0, masks[1], p, 1)
    log_prob = -0.5 * (z * z).sum(1) - 0.5 * 4 * math.log(2 * math.pi) + ld0 + ld1
    x_inverse = uncouple(uncouple(z, masks[1], p, 1), masks[0], p, 0)
    return {"z": z, "log_prob": log_prob, "x_inverse": x_inverse}


def loss(p, x):
    """@loss: the mean negative log-likelihood of the batch x."""
    return -forward(p, x)["log_prob"].mean()


def main():
    g = Golden("realnvp")
    p = {}
    for layer in range(2):
        for net_name in ("s", "t"):
            prefix = "layer%d.%s" % (layer, net_name)
            p[prefix + ".fc1.weight"] = g.param(prefix + ".fc1.weight", (4, 8))
            p[prefix + ".fc1.bias"] = g.param(prefix + ".fc1.bias", (8,), 0.1)
            p[prefix + ".fc2.weight"] = g.param(prefix + ".fc2.weight", (8, 4), 0.3)
            p[prefix + ".fc2.bias"] = g.param(prefix + ".fc2.bias", (4,), 0.1)
    x = g.input("x", g.normal((8, 4)))
    out = forward(p, {"x": x})
    assert torch.allclose(out["x_inverse"], x, atol=1e-12)
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(loss(p, {"x": x}))
    g.save_weights()


if __name__ == "__main__":
    main()
