#!/usr/bin/python3
"""Golden data of arch/wavenet: models/arch/wavenet.mlir in PyTorch.

Mu-law companding of the float signal to 256 classes (torchaudio's
mu_law_encoding formula with torch.log1p), one-hot classes into a causal
convolution, 4 gated layers of dilated causal F.conv1d (dilation 1, 2, 4,
8; left padding by F.pad) with the speaker embedding's projection added
inside the gates, residual and skip 1x1 convolutions, ReLU/1x1/ReLU/1x1 to
256 logits and their softmax; @loss is the cross-entropy against the next
sample's class. Asserts: every companded value lies at least MARGIN from a
class boundary (so float32 and float64 pick the same classes); mu-law
decoding the classes gives back the signal within a class's width; the
network is causal with a receptive field of 17 samples (changing input
sample t changes the logits at steps t .. t + 16 only); softmax rows sum to 1.
Writes models/arch/wavenet.safetensors and test/arch/data/wavenet/.
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

BATCH, LENGTH, CHANNELS, EMBED, SPEAKERS, CLASSES = 2, 32, 8, 4, 3, 256
DILATIONS = (1, 2, 4, 8)
MU = CLASSES - 1
MARGIN = 1e-3  # smallest distance of a class value from a rounding boundary


def mu_law_value(x):
    """The value whose truncation is the class (torchaudio's formula)."""
    companded = torch.sign(x) * torch.log1p(MU * x.abs()) / math.log1p(MU)
    return companded, (companded + 1) / 2 * MU + 0.5


def network(p, inputs, speaker):
    """Logits [N, 256, L] of the next sample from the input classes."""
    h = F.one_hot(inputs, CLASSES).to(p["causal.weight"].dtype).transpose(1, 2)
    h = F.conv1d(F.pad(h, (1, 0)), p["causal.weight"], p["causal.bias"])
    emb = p["speaker.weight"][speaker]
    skip = 0
    for k, d in enumerate(DILATIONS):
        z = F.conv1d(F.pad(h, (d, 0)), p["layers.%d.gate.weight" % k],
                     p["layers.%d.gate.bias" % k], dilation=d)
        z = z + (emb @ p["layers.%d.cond.weight" % k].T)[:, :, None]
        out = torch.tanh(z[:, :CHANNELS]) * torch.sigmoid(z[:, CHANNELS:])
        skip = skip + F.conv1d(out, p["layers.%d.skip.weight" % k], p["layers.%d.skip.bias" % k])
        if k < len(DILATIONS) - 1:
            h = h + F.conv1d(out, p["layers.%d.res.weight" % k], p["layers.%d.res.bias" % k])
    h = F.relu(F.conv1d(F.relu(skip), p["out1.weight"], p["out1.bias"]))
    return F.conv1d(h, p["out2.weight"], p["out2.bias"])


def forward(p, x):
    """@forward: the companded signal, its classes, next-sample softmax."""
    companded, value = mu_law_value(x["audio"])
    classes = value.to(torch.int64)
    logits = network(p, classes[:, :-1], x["speaker"])
    return {"companded": companded, "classes": classes,
            "probs": torch.softmax(logits, dim=1)}


def make_signal(g):
    """Two sines and noise per row, resampled where a class is ambiguous."""
    t = np.arange(LENGTH + 1)
    signal = np.stack([0.5 * np.sin(0.3 * t + 1.0) + 0.2 * np.sin(1.1 * t),
                       0.3 * np.sin(0.5 * t) - 0.4 * np.cos(0.2 * t)])
    signal = (signal + g.normal(signal.shape, 0.05)).astype(np.float32)
    while True:
        _, value = mu_law_value(torch.tensor(signal, dtype=torch.float64))
        frac = value.numpy() % 1.0
        bad = np.minimum(frac, 1.0 - frac) < MARGIN
        if not bad.any():
            return signal
        signal[bad] += g.normal(bad.sum(), 0.01)


def main():
    g = Golden("wavenet")
    g.param("causal.weight", (CHANNELS, CLASSES, 2), 0.5)
    g.param("causal.bias", (CHANNELS,), 0.1)
    g.param("speaker.weight", (SPEAKERS, EMBED), 1.0)
    for k in range(len(DILATIONS)):
        g.param("layers.%d.gate.weight" % k, (2 * CHANNELS, CHANNELS, 2), 1 / math.sqrt(2 * CHANNELS))
        g.param("layers.%d.gate.bias" % k, (2 * CHANNELS,), 0.1)
        g.param("layers.%d.cond.weight" % k, (2 * CHANNELS, EMBED), 0.5)
        if k < len(DILATIONS) - 1:
            g.param("layers.%d.res.weight" % k, (CHANNELS, CHANNELS, 1), 1 / math.sqrt(CHANNELS))
            g.param("layers.%d.res.bias" % k, (CHANNELS,), 0.1)
        g.param("layers.%d.skip.weight" % k, (CHANNELS, CHANNELS, 1), 1 / math.sqrt(CHANNELS))
        g.param("layers.%d.skip.bias" % k, (CHANNELS,), 0.1)
    g.param("out1.weight", (CHANNELS, CHANNELS, 1), 1 / math.sqrt(CHANNELS))
    g.param("out1.bias", (CHANNELS,), 0.1)
    g.param("out2.weight", (CLASSES, CHANNELS, 1), 1 / math.sqrt(CHANNELS))
    g.param("out2.bias", (CLASSES,), 0.1)
    audio = g.input("audio", make_signal(g))
    speaker = g.input("speaker", np.array([2, 0]))
    p = g.params

    out = forward(p, {"audio": audio, "speaker": speaker})
    classes = out["classes"]
    assert classes.min() >= 0 and classes.max() <= MU
    decoded = torch.sign(2 * classes / MU - 1) * (
        (1 + MU) ** (2 * classes / MU - 1).abs() - 1) / MU
    width = (1 + MU) ** ((2 * classes / MU - 1).abs() + 2 / MU) / MU * math.log(1 + MU) * 2 / MU
    assert torch.all((decoded - audio).abs() <= width)
    assert torch.allclose(out["probs"].sum(1), torch.ones(BATCH, LENGTH, dtype=torch.float64))
    with torch.no_grad():  # causality and receptive field
        base = network(p, classes[:, :-1], speaker)
        t, field = 10, 2 + sum(DILATIONS)  # the causal conv sees 2 samples
        moved = classes[:, :-1].clone()
        moved[:, t] = (moved[:, t] + 100) % CLASSES
        changed = (network(p, moved, speaker) - base).abs().amax(dim=(0, 1)) > 0
        assert changed.tolist() == [t <= s < t + field for s in range(LENGTH)]

    g.expect("companded", out["companded"])
    np.save(os.path.join(g.data, "expected_classes.npy"), classes.numpy())
    g.expect("probs", out["probs"])
    logits = network(p, classes[:, :-1], speaker)
    g.expect_gradients(F.cross_entropy(logits, classes[:, 1:]))
    g.save_weights()


if __name__ == "__main__":
    main()
