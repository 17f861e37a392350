#!/usr/bin/python3
"""Golden data of arch/ddpm: models/arch/ddpm.mlir in PyTorch.

Linear beta schedule over 8 steps; the epsilon-prediction MLP with learned
timestep and class embeddings; @loss: the simplified DDPM loss at the given
timesteps with the noise nn.random_normal draws from the key; @forward:
ancestral sampling with classifier-free guidance (w = 2) from the key's
noise (scripts/counter_random.py). Writes models/arch/ddpm.safetensors and
test/arch/data/ddpm/ (arch_golden.py). Run with /usr/bin/python3.
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

T, B, D, H, C = 8, 4, 3, 16, 3
NULL = C - 1
GUIDANCE = 2.0
BETAS = torch.tensor(np.linspace(1e-4, 0.2, T), dtype=torch.float64)
ALPHAS = 1 - BETAS
ABAR = torch.cumprod(ALPHAS, 0)
SIGMA = BETAS.sqrt().clone()
SIGMA[0] = 0.0


def f32(values, dtype):
    """The float32 rounding of constants and noise, as the model holds them,
    in dtype."""
    return torch.as_tensor(values, dtype=torch.float32).to(dtype)


def denoise(x, t, c, p):
    h = F.relu(x @ p["fc1.weight"] + F.one_hot(t, T).to(x.dtype) @ p["time_embedding"]
               + F.one_hot(c, C).to(x.dtype) @ p["class_embedding"] + p["fc1.bias"])
    return h @ p["fc2.weight"] + p["fc2.bias"]


def forward(p, x):
    """@forward: ancestral sampling with classifier-free guidance for the
    classes c, from the key's noise."""
    dtype = p["fc1.weight"].dtype
    c = x["c"]
    noise = f32(random_normal(int(x["key"]), (T + 1, B, D)), dtype)
    samples = noise[0]
    c1 = f32(1 / ALPHAS.sqrt(), dtype)
    c2 = f32(BETAS / (1 - ABAR).sqrt(), dtype)
    sigma = f32(SIGMA, dtype)
    for i, step in enumerate(range(T - 1, -1, -1)):
        t = torch.full((B,), step, dtype=torch.int64)
        eps = ((1 + GUIDANCE) * denoise(samples, t, c, p)
               - GUIDANCE * denoise(samples, t, torch.full((B,), NULL), p))
        samples = (samples - c2[step] * eps) * c1[step] + sigma[step] * noise[i + 1]
    return {"samples": samples}


def main():
    g = Golden("ddpm")
    p = {"fc1.weight": g.param("fc1.weight", (D, H)),
         "time_embedding": g.param("time_embedding", (T, H), 0.5),
         "class_embedding": g.param("class_embedding", (C, H), 0.5),
         "fc1.bias": g.param("fc1.bias", (H,), 0.1),
         "fc2.weight": g.param("fc2.weight", (H, D)),
         "fc2.bias": g.param("fc2.bias", (D,), 0.1)}

    # @forward: sampling.
    key = g.input("key", np.array(99, np.int64))
    c = g.input("c", np.array([0, 1, 1, 0]))
    g.expect("samples", forward(p, {"key": key, "c": c})["samples"])

    # @loss: the simplified objective, with its own noise key and labels
    # (one of them the null class).
    loss_key = 7
    x0 = g.input("x0", g.normal((B, D)))
    t = g.input("t", np.array([0, 3, 5, 7]))
    c_train = g.input("labels", np.array([0, 1, NULL, 1]))
    g.input("noise_key", np.array(loss_key, np.int64))
    eps = f32(random_normal(loss_key, (B, D)), torch.float64)
    abar = f32(ABAR, torch.float64)[t].unsqueeze(1)
    x_t = abar.sqrt() * x0 + (1 - abar).sqrt() * eps
    g.expect_gradients(F.mse_loss(denoise(x_t, t, c_train, p), eps))
    g.save_weights()


if __name__ == "__main__":
    main()
