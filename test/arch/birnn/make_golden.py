#!/usr/bin/python3
"""Golden data of arch/birnn: models/arch/birnn.mlir in PyTorch.

torch.nn.RNN(3, 4, bidirectional=True) and torch.nn.LSTM(3, 4,
bidirectional=True) over 6 steps with the weights of birnn.safetensors
loaded in (zero initial states), and a linear tagger on the concatenation
of both networks' outputs; @loss is the tags' mean cross-entropy. Asserts
that torch's output at step t is [forward state after x_1..x_t, backward
state after x_T..x_t], computed here by running the one-directional
modules over x and over x reversed. Writes models/arch/birnn.safetensors
and test/arch/data/birnn/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden, recurrent_module  # noqa: E402

STEPS, BATCH, INPUT, HIDDEN, TAGS = 6, 2, 3, 4, 3
NETWORKS = {"rnn": (torch.nn.RNN, 1), "lstm": (torch.nn.LSTM, 4)}


def network(p, name, direction=None):
    """torch.nn.RNN or LSTM `name` computing with p's weights: both
    directions, or the one of `direction` ("" forward, "_reverse")."""
    module, _ = NETWORKS[name]
    weights = {}
    for key, value in p.items():
        if not key.startswith(name + "."):
            continue
        field = key[len(name) + 1:]
        if direction is None:
            weights[field] = value
        elif field.endswith("_reverse") == (direction == "_reverse"):
            weights[field[:len(field) - len(direction)]] = value
    return recurrent_module(module(INPUT, HIDDEN, bidirectional=direction is None), weights)


def forward(p, x):
    """@forward: both networks' outputs and final states, and the tags."""
    out = {}
    rnn_outputs, out["rnn_h_n"] = network(p, "rnn")(x["x"])
    lstm_outputs, (out["lstm_h_n"], out["lstm_c_n"]) = network(p, "lstm")(x["x"])
    out["rnn_outputs"], out["lstm_outputs"] = rnn_outputs, lstm_outputs
    both = torch.cat([rnn_outputs, lstm_outputs], dim=2)
    out["tags"] = both @ p["head.weight"].T + p["head.bias"]
    return out


def one_direction_each(p, x):
    """Each network's outputs from two one-directional runs: over x, and
    over x reversed with the *_reverse weights (then reversed back)."""
    out = {}
    for name in NETWORKS:
        fwd = network(p, name, "")(x)[0]
        bwd = network(p, name, "_reverse")(x.flip(0))[0].flip(0)
        out[name + "_outputs"] = torch.cat([fwd, bwd], dim=2)
    return out


def main():
    g = Golden("birnn")
    k = 1.0 / np.sqrt(HIDDEN)  # torch's init range, as a scale
    for name, (_, gates) in NETWORKS.items():
        for suffix in ("", "_reverse"):
            g.param("%s.weight_ih_l0%s" % (name, suffix), (gates * HIDDEN, INPUT), k)
            g.param("%s.weight_hh_l0%s" % (name, suffix), (gates * HIDDEN, HIDDEN), k)
            g.param("%s.bias_ih_l0%s" % (name, suffix), (gates * HIDDEN,), k)
            g.param("%s.bias_hh_l0%s" % (name, suffix), (gates * HIDDEN,), k)
    g.param("head.weight", (TAGS, 4 * HIDDEN), 1.0 / np.sqrt(4 * HIDDEN))
    g.param("head.bias", (TAGS,), 0.1)
    x = g.input("x", g.normal((STEPS, BATCH, INPUT)))
    y = g.input("y", g.rng.integers(0, TAGS, STEPS * BATCH))
    out = forward(g.params, {"x": x})
    for name, value in one_direction_each(g.params, x).items():
        assert torch.allclose(out[name], value, rtol=1e-12, atol=1e-12), name
    for name, value in out.items():
        g.expect(name, value)
    loss = F.cross_entropy(out["tags"].reshape(STEPS * BATCH, TAGS), y)
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
