#!/usr/bin/python3
"""Golden data of arch/jepa: models/arch/jepa.mlir in PyTorch.

Tube masking of spatial patches 2 and 3 in both frames; context encoder on
the visible patches; predictor from the mean context representation plus
a mask token at each hidden position; EMA target encoder (detached) on the
whole clip; latent MSE loss; and the EMA update of the target weights.
Writes models/arch/jepa.safetensors and test/arch/data/jepa/
(arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, T, S, D, E, H = 2, 2, 4, 6, 8, 16
MOMENTUM = 0.99


def forward(p, x):
    """@forward: predicted and (detached) target latents of the hidden
    patches, and the EMA-updated target encoder."""
    video = x["video"]
    context = F.gelu(video[:, :, :2] @ p["encoder.weight"] + p["encoder.bias"])
    context = (context + p["pos_embedding"][:, :2]).reshape(B, T * 2, E)
    query = (context.mean(1, keepdim=True)
             + (p["pos_embedding"][:, 2:] + p["mask_token"]).reshape(T * 2, E))
    pred = (F.gelu(query @ p["predictor.fc1.weight"] + p["predictor.fc1.bias"])
            @ p["predictor.fc2.weight"] + p["predictor.fc2.bias"])
    target = F.gelu(video @ p["target_encoder.weight"] + p["target_encoder.bias"])
    target = (target + p["pos_embedding"])[:, :, 2:].reshape(B, T * 2, E).detach()
    out = {"predictions": pred, "targets": target}
    for name in ("weight", "bias"):
        out["target_encoder." + name] = (MOMENTUM * p["target_encoder." + name]
                                         + (1 - MOMENTUM) * p["encoder." + name])
    return out


def loss(p, x):
    """@loss: the mean squared error of the predictions against the
    (detached) target latents."""
    out = forward(p, x)
    return F.mse_loss(out["predictions"], out["targets"])


def main():
    g = Golden("jepa")
    p = {}
    for name, shape, scale in (("encoder.weight", (D, E), None),
                               ("encoder.bias", (E,), 0.1),
                               ("target_encoder.weight", (D, E), None),
                               ("target_encoder.bias", (E,), 0.1),
                               ("pos_embedding", (T, S, E), 0.5),
                               ("mask_token", (E,), 0.5),
                               ("predictor.fc1.weight", (E, H), None),
                               ("predictor.fc1.bias", (H,), 0.1),
                               ("predictor.fc2.weight", (H, E), None),
                               ("predictor.fc2.bias", (E,), 0.1)):
        p[name] = g.param(name, shape, scale)
    video = g.input("video", g.normal((B, T, S, D)))

    out = forward(p, {"video": video})
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(loss(p, {"video": video}))
    g.save_weights()


if __name__ == "__main__":
    main()
