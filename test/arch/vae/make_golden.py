#!/usr/bin/python3
"""Golden data of arch/vae: models/arch/vae.mlir in PyTorch.

Encoder to mean and log-variance, reparameterized latent with the noise
nn.random_normal draws from the key (scripts/counter_random.py), decoder to
Bernoulli means; the loss is (summed BCE + KL(q || N(0, 1))) / batch.
Writes models/arch/vae.safetensors and test/arch/data/vae/ (arch_golden.py).
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from arch_golden import Golden  # noqa: E402
from counter_random import random_normal  # noqa: E402

KEY = 1234


def forward(p, x):
    """@forward: Bernoulli means of the reconstruction, and the encoder's
    mean and log-variance."""
    eps = torch.from_numpy(random_normal(int(x["key"]), (8, 4)).astype(np.float32))
    eps = eps.to(x["x"].dtype)
    h = F.relu(x["x"] @ p["enc1.weight"] + p["enc1.bias"])
    mu = h @ p["enc_mu.weight"] + p["enc_mu.bias"]
    logvar = h @ p["enc_logvar.weight"] + p["enc_logvar.bias"]
    z = mu + torch.exp(0.5 * logvar) * eps
    recon = torch.sigmoid(F.relu(z @ p["dec1.weight"] + p["dec1.bias"])
                          @ p["dec2.weight"] + p["dec2.bias"])
    return {"reconstruction": recon, "mu": mu, "logvar": logvar}


def loss(p, x):
    """@loss: the negative ELBO per example, (summed binary cross-entropy of
    the reconstruction + KL(q || N(0, 1))) / batch."""
    out = forward(p, x)
    recon, mu, logvar = out["reconstruction"], out["mu"], out["logvar"]
    bce = F.binary_cross_entropy(recon, x["x"], reduction="sum")
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
    return (bce + kl) / 8


def main():
    g = Golden("vae")
    p = {}
    for name, shape in (("enc1", (12, 16)), ("enc_mu", (16, 4)),
                        ("enc_logvar", (16, 4)), ("dec1", (4, 16)),
                        ("dec2", (16, 12))):
        p[name + ".weight"] = g.param(name + ".weight", shape)
        p[name + ".bias"] = g.param(name + ".bias", (shape[1],), 0.1)
    x = g.input("x", g.rng.uniform(0.05, 0.95, (8, 12)))
    key = g.input("key", np.array(KEY, np.int64))

    for name, value in forward(p, {"x": x, "key": key}).items():
        g.expect(name, value)
    g.expect_gradients(loss(p, {"x": x, "key": key}))
    g.save_weights()


if __name__ == "__main__":
    main()
