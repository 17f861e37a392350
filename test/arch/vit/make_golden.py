#!/usr/bin/python3
"""Golden data of arch/vit: models/arch/vit.mlir in PyTorch.

4x4 patches flattened (channel, row, column) and embedded linearly, CLS
token, position embeddings, one pre-norm encoder block with 2-head
attention and a GELU MLP, final layer norm, head on the CLS token; @loss is
the cross-entropy. Writes models/arch/vit.safetensors and
test/arch/data/vit/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, C, IMG, P, E, HEADS, HIDDEN, CLASSES = 2, 3, 8, 4, 16, 2, 32, 3


def layer_norm(x, weight, bias):
    return F.layer_norm(x, (E,), weight, bias, 1e-5)


def forward(p, x):
    """@forward: the class logits."""
    images = x["images"]
    n = IMG // P
    patches = (images.reshape(B, C, n, P, n, P).permute(0, 2, 4, 1, 3, 5)
               .reshape(B, n * n, C * P * P))
    x = patches @ p["patch.weight"] + p["patch.bias"]
    x = torch.cat([p["cls_token"].expand(B, 1, E), x], 1) + p["pos_embedding"]
    h = layer_norm(x, p["block.norm1.weight"], p["block.norm1.bias"])
    q, k, v = (h @ p["block.attn.qkv.weight"] + p["block.attn.qkv.bias"]).split(E, -1)
    heads = lambda t: t.reshape(B, 5, HEADS, E // HEADS).transpose(1, 2)
    attn = torch.softmax(heads(q) @ heads(k).transpose(-1, -2) / (E // HEADS) ** 0.5, -1)
    out = (attn @ heads(v)).transpose(1, 2).reshape(B, 5, E)
    x = x + out @ p["block.attn.proj.weight"] + p["block.attn.proj.bias"]
    h = layer_norm(x, p["block.norm2.weight"], p["block.norm2.bias"])
    x = x + (F.gelu(h @ p["block.mlp.fc1.weight"] + p["block.mlp.fc1.bias"])
             @ p["block.mlp.fc2.weight"] + p["block.mlp.fc2.bias"])
    x = layer_norm(x, p["norm.weight"], p["norm.bias"])
    return {"logits": x[:, 0] @ p["head.weight"] + p["head.bias"]}


def loss(p, x):
    """@loss: the logits' cross-entropy against the labels."""
    return F.cross_entropy(forward(p, x)["logits"], x["labels"])


def main():
    g = Golden("vit")
    p = {}

    def param(name, shape, scale=None):
        p[name] = g.param(name, shape, scale)

    param("patch.weight", (C * P * P, E))
    param("patch.bias", (E,), 0.1)
    param("cls_token", (1, 1, E), 0.5)
    param("pos_embedding", (5, E), 0.5)
    # Layer norms: weights around 1, biases small.
    for norm in ("block.norm1", "block.norm2", "norm"):
        param(norm + ".weight", (E,), 0.1)
        with torch.no_grad():
            p[norm + ".weight"] += 1.0
        param(norm + ".bias", (E,), 0.1)
    param("block.attn.qkv.weight", (E, 3 * E))
    param("block.attn.qkv.bias", (3 * E,), 0.1)
    param("block.attn.proj.weight", (E, E))
    param("block.attn.proj.bias", (E,), 0.1)
    param("block.mlp.fc1.weight", (E, HIDDEN))
    param("block.mlp.fc1.bias", (HIDDEN,), 0.1)
    param("block.mlp.fc2.weight", (HIDDEN, E))
    param("block.mlp.fc2.bias", (E,), 0.1)
    param("head.weight", (E, CLASSES))
    param("head.bias", (CLASSES,), 0.1)

    images = g.input("images", g.normal((B, C, IMG, IMG)))
    labels = g.input("labels", g.rng.integers(0, CLASSES, B))
    g.expect("logits", forward(p, {"images": images})["logits"])
    g.expect_gradients(loss(p, {"images": images, "labels": labels}))
    g.save_weights()


if __name__ == "__main__":
    main()
