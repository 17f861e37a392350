#!/usr/bin/python3
"""Golden data of arch/resnet: models/arch/resnet.mlir in PyTorch.

Stem (7x7 stride-2 convolution, batch norm, ReLU, 3x3 stride-2 max pool), a
basic block, a stride-2 bottleneck block with a strided 1x1 convolution
shortcut, a pre-activation block, final batch norm and ReLU, global average
pooling and a linear classifier. @forward normalizes with the running
statistics (inference); @loss is the cross-entropy of a training step, whose
batch norms use the batch's statistics and update the running ones (written
as expected_<bn>.running_mean / running_var). Writes
models/arch/resnet.safetensors (weights and running statistics) and
test/arch/data/resnet/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, C, IMG, CLASSES = 2, 3, 32, 10

# name -> (out channels, in channels, kernel) of every convolution.
CONVS = {
    "conv1": (8, 3, 7),
    "layer1.conv1": (8, 8, 3), "layer1.conv2": (8, 8, 3),
    "layer2.conv1": (4, 8, 1), "layer2.conv2": (4, 4, 3),
    "layer2.conv3": (16, 4, 1), "layer2.downsample.0": (16, 8, 1),
    "layer3.conv1": (16, 16, 3), "layer3.conv2": (16, 16, 3),
}
# name -> channels of every batch norm.
NORMS = {
    "bn1": 8, "layer1.bn1": 8, "layer1.bn2": 8,
    "layer2.bn1": 4, "layer2.bn2": 4, "layer2.bn3": 16,
    "layer2.downsample.1": 16, "layer3.bn1": 16, "layer3.bn2": 16, "norm": 16,
}


def resnet(p, images, training):
    """The logits, and each batch norm's new running mean and variance
    (unchanged when not `training`)."""
    stats = {}

    def bn(x, name):
        mean = p[name + ".running_mean"].clone()
        var = p[name + ".running_var"].clone()
        y = F.batch_norm(x, mean, var, p[name + ".weight"], p[name + ".bias"],
                         training, 0.1, 1e-5)
        stats[name + ".running_mean"], stats[name + ".running_var"] = mean, var
        return y

    def conv(x, name, stride=1, padding=0):
        return F.conv2d(x, p[name + ".weight"], stride=stride, padding=padding)

    x = F.relu(bn(conv(images, "conv1", 2, 3), "bn1"))
    x = F.max_pool2d(x, 3, 2, 1)
    # Basic block.
    h = F.relu(bn(conv(x, "layer1.conv1", 1, 1), "layer1.bn1"))
    x = F.relu(bn(conv(h, "layer1.conv2", 1, 1), "layer1.bn2") + x)
    # Bottleneck block, stride 2, projection shortcut.
    h = F.relu(bn(conv(x, "layer2.conv1"), "layer2.bn1"))
    h = F.relu(bn(conv(h, "layer2.conv2", 2, 1), "layer2.bn2"))
    h = bn(conv(h, "layer2.conv3"), "layer2.bn3")
    shortcut = bn(conv(x, "layer2.downsample.0", 2), "layer2.downsample.1")
    x = F.relu(h + shortcut)
    # Pre-activation block.
    h = conv(F.relu(bn(x, "layer3.bn1")), "layer3.conv1", 1, 1)
    x = conv(F.relu(bn(h, "layer3.bn2")), "layer3.conv2", 1, 1) + x
    x = F.relu(bn(x, "norm"))
    logits = x.mean((2, 3)) @ p["fc.weight"] + p["fc.bias"]
    return logits, stats


def forward(p, x):
    """@forward: the class logits, batch norms in inference mode."""
    return {"logits": resnet(p, x["images"], training=False)[0]}


def loss(p, x):
    """@loss's scalar loss: the cross-entropy of a training step (batch
    statistics); its updated running statistics are left out."""
    return F.cross_entropy(resnet(p, x["images"], training=True)[0],
                           x["labels"])


def main():
    g = Golden("resnet")
    p = {}
    for name in ("conv1", "bn1", "layer1.conv1", "layer1.bn1", "layer1.conv2",
                 "layer1.bn2", "layer2.conv1", "layer2.bn1", "layer2.conv2",
                 "layer2.bn2", "layer2.conv3", "layer2.bn3",
                 "layer2.downsample.0", "layer2.downsample.1", "layer3.bn1",
                 "layer3.conv1", "layer3.bn2", "layer3.conv2", "norm"):
        if name in CONVS:
            out, cin, k = CONVS[name]
            p[name + ".weight"] = g.param(name + ".weight", (out, cin, k, k),
                                          (cin * k * k) ** -0.5)
        else:
            # Batch norm affine: weights around 1, biases small.
            n = NORMS[name]
            p[name + ".weight"] = g.param(name + ".weight", (n,), 0.1)
            with torch.no_grad():
                p[name + ".weight"] += 1.0
            p[name + ".bias"] = g.param(name + ".bias", (n,), 0.1)
    p["fc.weight"] = g.param("fc.weight", (16, CLASSES))
    p["fc.bias"] = g.param("fc.bias", (CLASSES,), 0.1)
    # Running statistics as after some training: means near 0, variances
    # in [0.5, 1.5].
    for name, n in NORMS.items():
        p[name + ".running_mean"] = g.buffer(name + ".running_mean",
                                             g.normal((n,), 0.2))
        p[name + ".running_var"] = g.buffer(name + ".running_var",
                                            g.rng.uniform(0.5, 1.5, n))

    images = g.input("images", g.normal((B, C, IMG, IMG)))
    labels = g.input("labels", g.rng.integers(0, CLASSES, B))
    g.expect("logits", forward(p, {"images": images})["logits"])
    _, stats = resnet(p, images, training=True)
    for name, value in stats.items():
        g.expect(name, value)
    g.expect_gradients(loss(p, {"images": images, "labels": labels}))
    g.save_weights()


if __name__ == "__main__":
    main()
