#!/usr/bin/python3
"""Golden data of arch/bnn: models/arch/bnn.mlir in PyTorch.

Bayes by backprop (weights mu + softplus(rho) eps with the normals
nn.random_normal draws from keys 3k and 3k + 1) and an MC-dropout mask kept
where key 3k + 2's normals exceed Phi^-1(0.2) (scripts/counter_random.py);
@forward: predictive mean and variance of the class probabilities over
five passes; @loss: cross-entropy of one pass plus KL(posterior || N(0, 1))
/ 100. Writes models/arch/bnn.safetensors and test/arch/data/bnn/
(arch_golden.py). Run with /usr/bin/python3.
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

B, I, H, C = 8, 4, 16, 3
P = 0.2
THRESHOLD = np.float32(-0.8416212335729143)  # Phi^-1(0.2)


def normal(key, shape, dtype):
    """nn.random_normal's float32 normals for key, in dtype."""
    return torch.from_numpy(random_normal(key, shape).astype(np.float32)).to(dtype)


def stochastic_pass(x, key, p):
    w1 = (p["fc1.weight_mu"]
          + F.softplus(p["fc1.weight_rho"]) * normal(3 * key, (I, H), x.dtype))
    w2 = (p["fc2.weight_mu"]
          + F.softplus(p["fc2.weight_rho"]) * normal(3 * key + 1, (H, C), x.dtype))
    h = F.relu(x @ w1 + p["fc1.bias"])
    keep = random_normal(3 * key + 2, (B, H)).astype(np.float32) > THRESHOLD
    mask = torch.from_numpy(np.where(keep, np.float32(1 / (1 - P)), np.float32(0)))
    return (h * mask.to(x.dtype)) @ w2 + p["fc2.bias"]


def kl_from_standard(mu, rho):
    sigma = F.softplus(rho)
    return (0.5 * (sigma ** 2 + mu ** 2 - 1) - sigma.log()).sum()


def forward(p, x):
    """@forward: predictive mean and variance of the class probabilities
    over one stochastic pass per key."""
    probs = torch.stack([torch.softmax(stochastic_pass(x["x"], int(k), p), 1)
                         for k in x["keys"]])
    return {"mean": probs.mean(0), "variance": probs.var(0, unbiased=False)}


def main():
    g = Golden("bnn")
    p = {"fc1.weight_mu": g.param("fc1.weight_mu", (I, H)),
         "fc1.weight_rho": g.param("fc1.weight_rho", (I, H), 0.1),
         "fc1.bias": g.param("fc1.bias", (H,), 0.1),
         "fc2.weight_mu": g.param("fc2.weight_mu", (H, C)),
         "fc2.weight_rho": g.param("fc2.weight_rho", (H, C), 0.1),
         "fc2.bias": g.param("fc2.bias", (C,), 0.1)}
    with torch.no_grad():  # posterior scales softplus(rho) around 0.05
        p["fc1.weight_rho"] -= 3.0
        p["fc2.weight_rho"] -= 3.0
    x = g.input("x", g.normal((B, I)))
    keys = g.input("keys", np.arange(10, 15))
    for name, value in forward(p, {"x": x, "keys": keys}).items():
        g.expect(name, value)

    y = g.input("y", g.rng.integers(0, C, B))
    key = 3
    g.input("key", np.array(key, np.int64))
    loss = (F.cross_entropy(stochastic_pass(x, key, p), y)
            + 0.01 * (kl_from_standard(p["fc1.weight_mu"], p["fc1.weight_rho"])
                      + kl_from_standard(p["fc2.weight_mu"], p["fc2.weight_rho"])))
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
