#!/usr/bin/python3
"""Golden data of arch/cnn: models/arch/cnn.mlir in PyTorch.

A small CNN on 3x16x16 images: stem convolution, max pooling, a
depthwise-separable block, a dilated convolution, a convolution with stride,
padding, dilation and groups at once, average pooling, global mean and max
pooling into a linear head (class logits), and two transposed convolutions
upsampling the 4x4 map back to a 1x16x16 mask. @loss is the cross-entropy of
the logits plus the mean squared error of the mask. main() also checks every
extent against out = floor((H + 2p - k_eff) / s) + 1, k_eff = k + (k-1)(d-1)
(and the transposed form). Writes models/arch/cnn.safetensors and
test/arch/data/cnn/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, C, IMG, CLASSES = 2, 3, 16, 5


def conv_extent(h, k, s=1, p=0, d=1):
    """A convolution's (or pooling's) output extent."""
    return (h + 2 * p - (k + (k - 1) * (d - 1))) // s + 1


def conv_transpose_extent(h, k, s=1, p=0, d=1):
    """A transposed convolution's output extent (no output_padding)."""
    return (h - 1) * s - 2 * p + (k + (k - 1) * (d - 1))


def stages(p, x):
    """Every stage of the network by name, in order."""
    s = {}
    s["stem"] = F.relu(F.conv2d(x, p["stem.weight"], p["stem.bias"], padding=1))
    s["max_pool"] = F.max_pool2d(s["stem"], 3, stride=2, padding=1)
    s["depthwise"] = F.relu(F.conv2d(s["max_pool"], p["depthwise.weight"],
                                     p["depthwise.bias"], padding=1, groups=8))
    s["pointwise"] = F.relu(F.conv2d(s["depthwise"], p["pointwise.weight"],
                                     p["pointwise.bias"]))
    s["dilated"] = F.relu(F.conv2d(s["pointwise"], p["dilated.weight"],
                                   p["dilated.bias"], padding=2, dilation=2))
    s["down"] = F.relu(F.conv2d(s["dilated"], p["down.weight"], p["down.bias"],
                                stride=2, padding=2, dilation=2, groups=4))
    s["avg_pool"] = F.avg_pool2d(s["down"], 2)
    pooled = torch.cat([s["avg_pool"].mean((2, 3)),
                        s["avg_pool"].amax((2, 3))], 1)
    s["logits"] = pooled @ p["head.weight"].T + p["head.bias"]
    s["up1"] = F.relu(F.conv_transpose2d(s["down"], p["up1.weight"],
                                         p["up1.bias"], stride=2, padding=1))
    s["mask"] = F.conv_transpose2d(s["up1"], p["up2.weight"], p["up2.bias"],
                                   stride=2)
    return s


def forward(p, x):
    """@forward: the class logits and the upsampled mask."""
    s = stages(p, x["x"])
    return {"logits": s["logits"], "mask": s["mask"]}


def loss(p, x):
    """@loss: the logits' cross-entropy against the labels plus the mask's
    mean squared error against the target."""
    out = forward(p, x)
    return (F.cross_entropy(out["logits"], x["labels"])
            + F.mse_loss(out["mask"], x["target"]))


def check_extents(s):
    """Each stage's spatial extent is the one the formulas give."""
    want = {"stem": conv_extent(IMG, 3, p=1)}
    want["max_pool"] = conv_extent(want["stem"], 3, s=2, p=1)
    want["depthwise"] = conv_extent(want["max_pool"], 3, p=1)
    want["pointwise"] = conv_extent(want["depthwise"], 1)
    want["dilated"] = conv_extent(want["pointwise"], 3, p=2, d=2)
    want["down"] = conv_extent(want["dilated"], 3, s=2, p=2, d=2)
    want["avg_pool"] = conv_extent(want["down"], 2, s=2)
    want["up1"] = conv_transpose_extent(want["down"], 4, s=2, p=1)
    want["mask"] = conv_transpose_extent(want["up1"], 2, s=2)
    assert want == {"stem": 16, "max_pool": 8, "depthwise": 8, "pointwise": 8,
                    "dilated": 8, "down": 4, "avg_pool": 2, "up1": 8,
                    "mask": 16}, want
    for name, extent in want.items():
        assert tuple(s[name].shape[2:]) == (extent, extent), name


def main():
    g = Golden("cnn")
    p = {}

    def layer(name, shape, fan_in):
        """Weight N(0, 1/fan_in) in PyTorch's layout, bias N(0, 0.01)."""
        p[name + ".weight"] = g.param(name + ".weight", shape, fan_in ** -0.5)
        p[name + ".bias"] = g.param(name + ".bias", (shape[0],), 0.1)

    layer("stem", (8, C, 3, 3), C * 9)
    layer("depthwise", (8, 1, 3, 3), 9)
    layer("pointwise", (16, 8, 1, 1), 8)
    layer("dilated", (16, 16, 3, 3), 16 * 9)
    layer("down", (16, 4, 3, 3), 4 * 9)
    layer("head", (CLASSES, 32), 32)
    # Transposed convolutions: weights (in, out, kh, kw); each output sums
    # in * (k / stride)^2 products.
    p["up1.weight"] = g.param("up1.weight", (16, 8, 4, 4), (16 * 4) ** -0.5)
    p["up1.bias"] = g.param("up1.bias", (8,), 0.1)
    p["up2.weight"] = g.param("up2.weight", (8, 1, 2, 2), 8 ** -0.5)
    p["up2.bias"] = g.param("up2.bias", (1,), 0.1)

    x = g.input("x", g.normal((B, C, IMG, IMG)))
    labels = g.input("labels", g.rng.integers(0, CLASSES, B))
    target = g.input("target", g.normal((B, 1, IMG, IMG), 0.5))
    s = stages(p, x)
    check_extents(s)
    out = forward(p, {"x": x})
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(loss(p, {"x": x, "labels": labels, "target": target}))
    g.save_weights()


if __name__ == "__main__":
    main()
