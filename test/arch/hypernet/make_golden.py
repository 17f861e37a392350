"""Golden data of models/arch/hypernet.mlir: a hypernetwork in PyTorch.

The main network's two tanh layers take their weights and biases from a
shared hypernetwork applied to learned per-layer embeddings; its head takes a
weight and bias per example from a linear hypernetwork of the example's task
embedding. The loss is the mean cross-entropy; its gradient reaches only the
embeddings and the hypernetworks. Float32 weights, float64 arithmetic.

Run with /usr/bin/python3 (Debian's python3-torch) from anywhere.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

BATCH, FEATURES, EMBED, HYPER_HIDDEN, LAYERS, CLASSES = 8, 8, 4, 16, 2, 3
LAYER_PARAMS = FEATURES * FEATURES + FEATURES      # one 8x8 weight, one bias
HEAD_PARAMS = CLASSES * FEATURES + CLASSES         # one 3x8 weight, one bias


def logits(p, x, task):
    """The main network with generated weights: logits [BATCH, CLASSES]."""
    e = F.relu(F.linear(p["layer_embeddings"], p["hyper.fc1.weight"],
                        p["hyper.fc1.bias"]))
    theta = F.linear(e, p["hyper.fc2.weight"], p["hyper.fc2.bias"])
    weights = theta[:, :FEATURES * FEATURES].reshape(LAYERS, FEATURES, FEATURES)
    biases = theta[:, FEATURES * FEATURES:]
    h = x
    for layer in range(LAYERS):
        h = torch.tanh(F.linear(h, weights[layer], biases[layer]))
    g = F.linear(task, p["head_hyper.weight"], p["head_hyper.bias"])
    head_w = g[:, :CLASSES * FEATURES].reshape(BATCH, CLASSES, FEATURES)
    head_b = g[:, CLASSES * FEATURES:]
    return torch.bmm(head_w, h.unsqueeze(2)).squeeze(2) + head_b


def forward(p, x):
    """@forward: the logits."""
    return {"logits": logits(p, x["x"], x["task"])}


def loss(p, x):
    """@loss: the logits' cross-entropy against the labels."""
    return F.cross_entropy(forward(p, x)["logits"], x["labels"])


def main():
    gold = Golden("hypernet")
    gold.param("layer_embeddings", (LAYERS, EMBED), scale=1.0)
    gold.param("hyper.fc1.weight", (HYPER_HIDDEN, EMBED), scale=EMBED ** -0.5)
    gold.param("hyper.fc1.bias", (HYPER_HIDDEN,), scale=0.1)
    # Generated main weights of about 1/sqrt(FEATURES), as a direct init.
    gold.param("hyper.fc2.weight", (LAYER_PARAMS, HYPER_HIDDEN), scale=0.15)
    gold.param("hyper.fc2.bias", (LAYER_PARAMS,), scale=0.1)
    gold.param("head_hyper.weight", (HEAD_PARAMS, EMBED), scale=0.25)
    gold.param("head_hyper.bias", (HEAD_PARAMS,), scale=0.1)
    gold.save_weights()

    x = gold.input("x", gold.normal((BATCH, FEATURES)))
    task = gold.input("task", gold.normal((BATCH, EMBED)))
    labels = gold.input("labels", gold.rng.integers(0, CLASSES, BATCH))

    inputs = {"x": x, "task": task}
    gold.expect("logits", forward(gold.params, inputs)["logits"])
    gold.expect_gradients(loss(gold.params, dict(inputs, labels=labels)))


if __name__ == "__main__":
    main()
