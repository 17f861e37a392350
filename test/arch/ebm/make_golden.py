#!/usr/bin/python3
"""Golden data of arch/ebm: models/arch/ebm.mlir in PyTorch.

An energy-based model of 2-d points (a softplus MLP energy): energies,
scores -dE/dx by torch.autograd.grad, Langevin negatives with the normals
nn.random_normal draws from the key (scripts/counter_random.py), and the
loss: denoising score matching (the score an autograd.grad with
create_graph, so the loss's gradient is second order) plus contrastive
divergence against the detached Langevin negatives. Asserts that the
score-matching target is the score of the Gaussian noise kernel.
Writes models/arch/ebm.safetensors and test/arch/data/ebm/
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

B, D, H, STEPS = 8, 2, 16, 4
SIGMA, HALF_EPS, SQRT_EPS, ALPHA = 0.5, 1 / 32, 0.25, 0.125


def normal(key, shape, dtype):
    """nn.random_normal's samples as the model holds them (float32)."""
    return torch.as_tensor(random_normal(key, shape), dtype=torch.float32).to(dtype)


def energy(x, p):
    h = F.softplus(x @ p["fc1.weight"] + p["fc1.bias"])
    return (h @ p["fc2.weight"] + p["fc2.bias"]).reshape(-1)


def energy_grad(x, p, create_graph):
    """dE/dx of each row (the gradient of the batch's total energy)."""
    x = x if x.requires_grad else x.detach().requires_grad_(True)
    (g,) = torch.autograd.grad(energy(x, p).sum(), x, create_graph=create_graph)
    return g


def langevin(x0, key, p):
    """4 steps of x <- x - (eps / 2) dE/dx + sqrt(eps) z, detached."""
    z = normal(key, (STEPS, B, D), x0.dtype)
    x = x0.detach()
    for t in range(STEPS):
        x = (x - HALF_EPS * energy_grad(x, p, False) + SQRT_EPS * z[t]).detach()
    return x


def loss_terms(p, x, negatives):
    """Denoising score matching and contrastive divergence against the
    (detached) negatives."""
    data = x["x"]
    n = normal(int(x["noise_key"]), (B, D), data.dtype)
    x_noisy = (data + SIGMA * n).requires_grad_(True)
    de = energy_grad(x_noisy, p, True)
    dsm = 0.5 * ((de - n / SIGMA) ** 2).sum(1).mean()
    ep, en = energy(data, p), energy(negatives.detach(), p)
    cd = ep.mean() - en.mean() + ALPHA * ((ep ** 2).mean() + (en ** 2).mean())
    return dsm, cd


def forward(p, x):
    """@forward: energies and scores of x, Langevin negatives from x_init,
    the two loss terms."""
    with torch.enable_grad():
        score = -energy_grad(x["x"], p, False)
        negatives = langevin(x["x_init"], int(x["key"]), p)
        dsm, cd = loss_terms(p, x, negatives)
    return {"energy": energy(x["x"], p), "score": score, "negatives": negatives,
            "score_matching": dsm, "contrastive_divergence": cd}


def training_loss(p, x):
    """@loss: score matching plus contrastive divergence. (Not named
    loss(p, x): the training driver behind `bench/arch --train` batches
    every input along a first axis, which the rank-0 keys lack.)"""
    dsm, cd = loss_terms(p, x, langevin(x["x_init"], int(x["key"]), p))
    return dsm + cd


def check_kernel_score(n):
    """-n / sigma is d/dx~ log N(x~; x, sigma^2) at x~ = x + sigma n."""
    x = torch.zeros(B, D, dtype=torch.float64)
    x_noisy = (x + SIGMA * n).requires_grad_(True)
    log_kernel = (-((x_noisy - x) ** 2) / (2 * SIGMA ** 2)).sum()
    (score,) = torch.autograd.grad(log_kernel, x_noisy)
    assert torch.allclose(score, -n / SIGMA, rtol=1e-12, atol=1e-12)


def main():
    g = Golden("ebm")
    p = {"fc1.weight": g.param("fc1.weight", (D, H)),
         "fc1.bias": g.param("fc1.bias", (H,), scale=0.5),
         "fc2.weight": g.param("fc2.weight", (H, 1)),
         "fc2.bias": g.param("fc2.bias", (1,), scale=0.5)}
    g.save_weights()

    data = g.input("x", g.normal((B, D), 0.5) + np.array([1.0, -0.5], np.float32))
    x_init = g.input("x_init", g.normal((B, D), 2.0))
    x = {"x": data, "x_init": x_init, "key": g.input("key", np.array(3)),
         "noise_key": g.input("noise_key", np.array(5))}

    outputs = forward(p, x)
    for name, value in outputs.items():
        g.expect(name, value)
    check_kernel_score(normal(5, (B, D), torch.float64))

    g.expect_gradients(training_loss(p, x))


if __name__ == "__main__":
    main()
