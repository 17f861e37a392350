#!/usr/bin/python3
"""Golden data of models/arch/contrastive.mlir: Siamese contrastive, triplet,
NT-Xent, CLIP, BYOL and SimSiam losses on one encoder in PyTorch, float64
from float32 weights, and the BYOL target encoder's EMA step.

Writes models/arch/contrastive.safetensors and test/arch/data/contrastive/
(arch_golden.Golden). The augmentation noise is nn.random_normal's own
(scripts/counter_random.py): PyTorch's generator draws other numbers.
Run with /usr/bin/python3.
"""

import os
import sys

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402
from counter_random import random_normal  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

N, IN, TEXT, HIDDEN, EMBED, PRED = 4, 16, 12, 32, 8, 16
PAIR_MARGIN, TRIPLET_MARGIN = 2.0, 1.0
SIGMA, TEMPERATURE, TAU = 0.1, 0.5, 0.99
KEY1, KEY2 = 11, 12


def mlp(p, x, prefix):
    hidden = torch.relu(F.linear(x, p[prefix + ".fc1.weight"],
                                 p[prefix + ".fc1.bias"]))
    return F.linear(hidden, p[prefix + ".fc2.weight"], p[prefix + ".fc2.bias"])


def normalize(z):
    return z / z.norm(dim=1, keepdim=True)


def cosine(a, b):
    return (normalize(a) * normalize(b)).sum(1)


def distance(a, b):
    return (a - b).norm(dim=1)


def clip_logits(p, image, text):
    return (p["logit_scale"].exp()
            * normalize(mlp(p, image, "encoder")) @ normalize(mlp(p, text, "text")).T)


def forward(p, x):
    """@forward: the encoder's embedding, the predictor's output, the CLIP
    logits, and the BYOL target encoder's EMA step."""
    embedding = mlp(p, x["x"], "encoder")
    out = {"embedding": embedding,
           "prediction": mlp(p, embedding, "predictor"),
           "clip_logits": clip_logits(p, x["x"], x["text"])}
    for name in ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias"):
        out["ema." + name] = (TAU * p["target." + name]
                              + (1 - TAU) * p["encoder." + name])
    return out


def main():
    g = Golden("contrastive")

    def linear_params(prefix, fan_in, fan_out):
        g.param(prefix + ".weight", (fan_out, fan_in), scale=1 / np.sqrt(fan_in))
        g.param(prefix + ".bias", (fan_out,), scale=0.1)

    linear_params("encoder.fc1", IN, HIDDEN)
    linear_params("encoder.fc2", HIDDEN, EMBED)
    linear_params("predictor.fc1", EMBED, PRED)
    linear_params("predictor.fc2", PRED, EMBED)
    linear_params("text.fc1", TEXT, HIDDEN)
    linear_params("text.fc2", HIDDEN, EMBED)
    g.param("logit_scale", (1,), scale=1.0)
    linear_params("target.fc1", IN, HIDDEN)
    linear_params("target.fc2", HIDDEN, EMBED)
    g.save_weights()
    p = g.params

    x = g.input("x", g.normal((N, IN)))
    text = g.input("text", g.normal((N, TEXT)))
    pair_a = g.input("pair_a", g.normal((N, IN)))
    # Pairs 0 and 2 are the same thing seen twice (a small perturbation).
    pair_b_value = g.normal((N, IN))
    pair_b_value[[0, 2]] = (pair_a[[0, 2]].numpy()
                            + 0.3 * g.normal((2, IN))).astype(np.float32)
    pair_b = g.input("pair_b", pair_b_value)
    same = g.input("same", np.array([1, 0, 1, 0], dtype=np.float32))
    anchor = g.input("anchor", g.normal((N, IN)))
    positive = g.input("positive", (anchor.numpy() + 0.5 * g.normal((N, IN))))
    negative = g.input("negative", g.normal((N, IN)))
    g.input("key1", np.array(KEY1, dtype=np.int64))
    g.input("key2", np.array(KEY2, dtype=np.int64))

    with torch.no_grad():
        for name, value in forward(p, {"x": x, "text": text}).items():
            g.expect(name, value)

    # Siamese contrastive loss.
    d = distance(mlp(p, pair_a, "encoder"), mlp(p, pair_b, "encoder"))
    siamese = 0.5 * (same * d ** 2
                     + (1 - same) * torch.relu(PAIR_MARGIN - d) ** 2).mean()

    # Triplet margin loss.
    fa = mlp(p, anchor, "encoder")
    triplet_gap = (distance(fa, mlp(p, positive, "encoder"))
                   - distance(fa, mlp(p, negative, "encoder")) + TRIPLET_MARGIN)
    triplet = torch.relu(triplet_gap).mean()

    # Two augmented views.
    v1 = x + SIGMA * torch.from_numpy(random_normal(KEY1, (N, IN))).float().double()
    v2 = x + SIGMA * torch.from_numpy(random_normal(KEY2, (N, IN))).float().double()
    z1, z2 = mlp(p, v1, "encoder"), mlp(p, v2, "encoder")

    # NT-Xent over 2N views.
    zs = torch.cat([normalize(z1), normalize(z2)])
    sim = zs @ zs.T / TEMPERATURE - 1e9 * torch.eye(2 * N, dtype=torch.float64)
    partner = torch.cat([torch.arange(N, 2 * N), torch.arange(0, N)])
    nt_xent = F.cross_entropy(sim, partner)

    # CLIP.
    logits = clip_logits(p, x, text)
    diag = torch.arange(N)
    clip = 0.5 * (F.cross_entropy(logits, diag) + F.cross_entropy(logits.T, diag))

    # BYOL and SimSiam.
    q1, q2 = mlp(p, z1, "predictor"), mlp(p, z2, "predictor")
    t1, t2 = mlp(p, v1, "target").detach(), mlp(p, v2, "target").detach()
    byol = (2 - 2 * cosine(q1, t2)).mean() + (2 - 2 * cosine(q2, t1)).mean()
    simsiam = -0.5 * (cosine(q1, z2.detach()) + cosine(q2, z1.detach())).mean()

    g.expect_gradients(siamese + triplet + nt_xent + clip + byol + simsiam)
    print("siamese %.4f triplet %.4f nt_xent %.4f clip %.4f byol %.4f "
          "simsiam %.4f" % (siamese.item(), triplet.item(), nt_xent.item(),
                            clip.item(), byol.item(), simsiam.item()))
    print("pair distances", d.detach().numpy(), "triplet gaps",
          triplet_gap.detach().numpy())


if __name__ == "__main__":
    main()
