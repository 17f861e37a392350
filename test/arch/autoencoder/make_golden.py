#!/usr/bin/python3
"""Golden data of models/arch/autoencoder.mlir: plain, denoising and sparse
(L1 and KL) autoencoders in PyTorch, float64 from float32 weights.

Writes models/arch/autoencoder.safetensors and test/arch/data/autoencoder/
(arch_golden.Golden). The denoising corruption's mask is nn.dropout's own
(scripts/counter_random.py): PyTorch's generator draws other masks.
Run with /usr/bin/python3.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402
from counter_random import keep_mask  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

BATCH, PIXELS, HIDDEN, CODE = 8, 32, 24, 12
FLAVOURS = ("plain", "denoising", "sparse_l1", "sparse_kl")
MASK_P, SIGMA = 0.25, 0.1      # masking-noise probability, Gaussian noise std
L1_WEIGHT = 0.05               # lambda of the L1 penalty on codes
RHO, KL_WEIGHT = 0.05, 0.5     # target activation and beta of the KL penalty


def linear(p, x, prefix):
    return F.linear(x, p[prefix + ".weight"], p[prefix + ".bias"])


def encode(p, x, flavour):
    """The code's pre-activation (@encoder)."""
    return linear(p, torch.relu(linear(p, x, flavour + ".enc1")), flavour + ".enc2")


def decode(p, code, flavour):
    """The sigmoid reconstruction (@decoder)."""
    hidden = torch.relu(linear(p, code, flavour + ".dec1"))
    return torch.sigmoid(linear(p, hidden, flavour + ".dec2"))


def corrupt(x, key, noise):
    """Masking noise (nn.dropout's mask, no rescaling) plus SIGMA * noise."""
    keep = torch.from_numpy(keep_mask(key, tuple(x.shape), MASK_P))
    return x * keep + SIGMA * noise


def forward(p, x):
    """@forward: every flavour's reconstruction (the denoising one of
    x_noisy) and the sparse flavours' codes."""
    l1_code = torch.relu(encode(p, x["x"], "sparse_l1"))
    kl_code = torch.sigmoid(encode(p, x["x"], "sparse_kl"))
    return {"plain": decode(p, encode(p, x["x"], "plain"), "plain"),
            "denoised": decode(p, encode(p, x["x_noisy"], "denoising"), "denoising"),
            "sparse_l1_code": l1_code,
            "sparse_l1": decode(p, l1_code, "sparse_l1"),
            "sparse_kl_code": kl_code,
            "sparse_kl": decode(p, kl_code, "sparse_kl")}


def main():
    g = Golden("autoencoder")

    def linear_params(prefix, fan_in, fan_out):
        g.param(prefix + ".weight", (fan_out, fan_in), scale=1 / np.sqrt(fan_in))
        g.param(prefix + ".bias", (fan_out,), scale=0.1)

    for flavour in FLAVOURS:
        linear_params(flavour + ".enc1", PIXELS, HIDDEN)
        linear_params(flavour + ".enc2", HIDDEN, CODE)
        linear_params(flavour + ".dec1", CODE, HIDDEN)
        linear_params(flavour + ".dec2", HIDDEN, PIXELS)
    g.save_weights()
    p = g.params

    # Inputs: pixel intensities in [0, 1].
    x = g.input("x", g.rng.uniform(0.0, 1.0, (BATCH, PIXELS)))
    key = 20240611
    noise = g.input("noise", g.normal((BATCH, PIXELS)))
    g.input("key", np.array(key, dtype=np.int64))
    # The forward pass denoises an input corrupted with another key and noise.
    x_noisy = g.input("x_noisy", corrupt(x, 7, torch.from_numpy(
        g.normal((BATCH, PIXELS))).double()).numpy())

    with torch.no_grad():
        for name, value in forward(p, {"x": x, "x_noisy": x_noisy}).items():
            g.expect(name, value)

    plain = F.mse_loss(decode(p, encode(p, x, "plain"), "plain"), x)

    denoising = F.binary_cross_entropy(
        decode(p, encode(p, corrupt(x, key, noise), "denoising"), "denoising"), x)

    l1_code = torch.relu(encode(p, x, "sparse_l1"))
    sparse_l1 = (F.mse_loss(decode(p, l1_code, "sparse_l1"), x)
                 + L1_WEIGHT * l1_code.abs().sum(1).mean())

    kl_code = torch.sigmoid(encode(p, x, "sparse_kl"))
    rho_hat = kl_code.mean(0)
    kl = (RHO * torch.log(RHO / rho_hat)
          + (1 - RHO) * torch.log((1 - RHO) / (1 - rho_hat))).sum()
    sparse_kl = F.mse_loss(decode(p, kl_code, "sparse_kl"), x) + KL_WEIGHT * kl

    g.expect_gradients(plain + denoising + sparse_l1 + sparse_kl)
    print("plain %.4f denoising %.4f sparse_l1 %.4f sparse_kl %.4f (KL %.4f)" % (
        plain.item(), denoising.item(), sparse_l1.item(), sparse_kl.item(),
        kl.item()))


if __name__ == "__main__":
    main()
