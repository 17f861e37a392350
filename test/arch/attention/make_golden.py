#!/usr/bin/python3
"""Golden data of arch/attention: models/arch/attention.mlir in PyTorch.

Additive (Bahdanau), multiplicative (Luong "general") and scaled
dot-product cross-attention of 3 queries over a 5-step memory with a key
padding mask, and causal scaled dot-product self-attention over the memory
(padding and causal masks); @loss is the sum of the mean squared errors of
the four contexts. Masked scores are set to -inf with masked_fill. Writes
models/arch/attention.safetensors and test/arch/data/attention/
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

B, TQ, TK, DQ, D = 2, 3, 5, 6, 8
# Real lengths of the two memories; the rest is padding (mask 0).
LENGTHS = (5, 3)


def masked_softmax(scores, keep):
    """Softmax over the keys of `scores` with the scores where `keep` is
    false set to -inf."""
    return torch.softmax(scores.masked_fill(~keep, float("-inf")), -1)


def forward(p, x):
    """@forward: the contexts and attention weights of the four kinds."""
    q, memory = x["queries"], x["memory"]
    keep = (x["memory_mask"] > 0.5)[:, None, :]  # [B, 1, TK]
    out = {}

    # Bahdanau: e_ij = v . tanh(W_q q_i + W_k k_j + b).
    hidden = torch.tanh((q @ p["additive.query.weight"])[:, :, None, :]
                        + (memory @ p["additive.key.weight"])[:, None, :, :]
                        + p["additive.bias"])
    a = masked_softmax((hidden @ p["additive.v"])[..., 0], keep)
    out["additive_context"], out["additive_weights"] = a @ memory, a

    # Luong "general": e_ij = q_i^T W k_j.
    a = masked_softmax(q @ p["multiplicative.weight"] @ memory.transpose(1, 2), keep)
    out["multiplicative_context"], out["multiplicative_weights"] = a @ memory, a

    # Scaled dot-product with projections.
    qp = q @ p["scaled.query.weight"]
    kp = memory @ p["scaled.key.weight"]
    vp = memory @ p["scaled.value.weight"]
    a = masked_softmax(qp @ kp.transpose(1, 2) / math.sqrt(D), keep)
    out["scaled_context"], out["scaled_weights"] = a @ vp, a

    # Causal self-attention: padding mask and j <= i.
    causal = torch.ones(TK, TK, dtype=torch.bool).tril()
    qp = memory @ p["causal.query.weight"]
    kp = memory @ p["causal.key.weight"]
    vp = memory @ p["causal.value.weight"]
    a = masked_softmax(qp @ kp.transpose(1, 2) / math.sqrt(D), keep & causal)
    out["causal_context"], out["causal_weights"] = a @ vp, a
    return out


def loss(p, x):
    """@loss: the mean squared errors of the contexts against the targets
    (causal_target for the causal self-attention), summed."""
    out = forward(p, x)
    return (F.mse_loss(out["additive_context"], x["target"])
            + F.mse_loss(out["multiplicative_context"], x["target"])
            + F.mse_loss(out["scaled_context"], x["target"])
            + F.mse_loss(out["causal_context"], x["causal_target"]))


def main():
    g = Golden("attention")
    p = {}

    def param(name, shape, scale=None):
        p[name] = g.param(name, shape, scale)

    param("additive.query.weight", (DQ, D))
    param("additive.key.weight", (D, D))
    param("additive.bias", (D,), 0.1)
    param("additive.v", (D, 1))
    param("multiplicative.weight", (DQ, D))
    for kind, width in (("scaled", DQ), ("causal", D)):
        param(kind + ".query.weight", (width, D))
        param(kind + ".key.weight", (D, D))
        param(kind + ".value.weight", (D, D))

    mask = [[1.0 if t < n else 0.0 for t in range(TK)] for n in LENGTHS]
    x = {"queries": g.input("queries", g.normal((B, TQ, DQ))),
         "memory": g.input("memory", g.normal((B, TK, D))),
         "memory_mask": g.input("memory_mask", mask)}
    out = forward(p, x)
    for name, value in out.items():
        g.expect(name, value)

    # The masks did their work: padded keys and future steps get exactly 0
    # weight, and every row of weights sums to 1.
    for name, value in out.items():
        if name.endswith("_weights"):
            assert torch.allclose(value.sum(-1), torch.ones(()).double())
            assert (value[1, :, LENGTHS[1]:] == 0).all(), name
    assert (out["causal_weights"].triu(1) == 0).all()

    target = g.input("target", g.normal((B, TQ, D)))
    causal_target = g.input("causal_target", g.normal((B, TK, D)))
    g.expect_gradients(loss(p, dict(x, target=target,
                                    causal_target=causal_target)))
    g.save_weights()


if __name__ == "__main__":
    main()
