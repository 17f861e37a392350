#!/usr/bin/python3
"""Golden data of arch/gan: models/arch/gan.mlir in PyTorch.

Generator, discriminator and WGAN critic as in the model; the loss is the
discriminator's minimax loss on detached samples, the generator's
non-saturating loss through a frozen discriminator, the critic's Wasserstein
loss with the gradient penalty (torch.autograd.grad with create_graph) and
the generator's Wasserstein loss through a frozen critic. Writes
models/arch/gan.safetensors and test/arch/data/gan/ (arch_golden.py).
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402


def generator(z, p):
    return torch.tanh(F.relu(z @ p["g1.weight"] + p["g1.bias"]) @ p["g2.weight"]
                      + p["g2.bias"])


def score(x, w1, b1, w2, b2):
    return F.leaky_relu(x @ w1 + b1, 0.2) @ w2 + b2


def player(p, prefix):
    """The weights of the discriminator ("d") or critic ("c"), score's order."""
    return [p[prefix + "1.weight"], p[prefix + "1.bias"],
            p[prefix + "2.weight"], p[prefix + "2.bias"]]


def forward(p, x):
    """@forward: generated samples and both players' scores."""
    d, c = player(p, "d"), player(p, "c")
    fake = generator(x["z"], p)
    return {"fake": fake,
            "d_real": torch.sigmoid(score(x["x"], *d)),
            "d_fake": torch.sigmoid(score(fake, *d)),
            "c_real": score(x["x"], *c),
            "c_fake": score(fake, *c)}


def main():
    g = Golden("gan")
    p = {}
    for prefix, fan_in, width, out in (("g", 4, 16, 6), ("d", 6, 16, 1),
                                       ("c", 6, 16, 1)):
        p[prefix + "1.weight"] = g.param(prefix + "1.weight", (fan_in, width))
        p[prefix + "1.bias"] = g.param(prefix + "1.bias", (width,), 0.1)
        p[prefix + "2.weight"] = g.param(prefix + "2.weight", (width, out))
        p[prefix + "2.bias"] = g.param(prefix + "2.bias", (out,), 0.1)
    d, c = player(p, "d"), player(p, "c")

    z = g.input("z", g.normal((8, 4)))
    x = g.input("x", g.rng.uniform(-0.9, 0.9, (8, 6)))
    eps = g.input("eps", g.rng.uniform(0, 1, (8, 1)))

    outputs = forward(p, {"z": z, "x": x})
    for name, value in outputs.items():
        g.expect(name, value)
    fake = outputs["fake"]

    ones, zeros = torch.ones(8, 1, dtype=torch.float64), torch.zeros(8, 1, dtype=torch.float64)
    detached = fake.detach()
    d_loss = (F.binary_cross_entropy_with_logits(score(x, *d), ones)
              + F.binary_cross_entropy_with_logits(score(detached, *d), zeros))
    g_loss = F.binary_cross_entropy_with_logits(
        score(fake, *[t.detach() for t in d]), ones)
    x_hat = (eps * x + (1 - eps) * detached).requires_grad_(True)
    (dx,) = torch.autograd.grad(score(x_hat, *c).sum(), x_hat, create_graph=True)
    penalty = 10 * ((dx.pow(2).sum(1).sqrt() - 1) ** 2).mean()
    c_loss = score(detached, *c).mean() - score(x, *c).mean() + penalty
    wg_loss = -score(fake, *[t.detach() for t in c]).mean()
    g.expect_gradients(d_loss + g_loss + c_loss + wg_loss)
    g.save_weights()


if __name__ == "__main__":
    main()
