#!/usr/bin/python3
"""Golden data of arch/lstm: models/arch/lstm.mlir in PyTorch.

torch.nn.LSTM(batch_first=True) (4 -> 8, gate order i, f, g, o) over 12
steps, x [batch, steps, features], with the weights of lstm.safetensors
loaded in (the one bias as bias_ih_l0, bias_hh_l0 = 0),
and a linear head on the final state; @loss is the head's cross-entropy plus
0.01 * mean(h_t^2) over every step. Asserts that the cell has
4(nh + n^2 + n) parameters (torch.nn.LSTM: 4n more, its second bias) and
that torch.nn.LSTM agrees with the gate equations written out step by step
(so its gate order is the model's). Writes models/arch/lstm.safetensors and
test/arch/data/lstm/ (arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden, recurrent_module  # noqa: E402

STEPS, BATCH, INPUT, HIDDEN, CLASSES = 12, 2, 4, 8, 3


def forward(p, x):
    """@forward: every hidden state (batch-first), h_n, c_n and the head's
    logits."""
    weights = {"weight_ih_l0": p["lstm.weight_ih_l0"],
               "weight_hh_l0": p["lstm.weight_hh_l0"],
               "bias_ih_l0": p["lstm.bias_l0"],
               "bias_hh_l0": torch.zeros_like(p["lstm.bias_l0"])}
    lstm = recurrent_module(torch.nn.LSTM(INPUT, HIDDEN, batch_first=True), weights)
    outputs, (h_n, c_n) = lstm(x["x"], (x["h0"][None], x["c0"][None]))
    logits = h_n[0] @ p["head.weight"].T + p["head.bias"]
    return {"outputs": outputs, "h_n": h_n[0], "c_n": c_n[0], "logits": logits}


def loss(p, x):
    """@loss: the head's cross-entropy against the labels y plus 0.01 times
    the mean squared hidden state over every step."""
    out = forward(p, x)
    return (F.cross_entropy(out["logits"], x["y"])
            + 0.01 * (out["outputs"] ** 2).mean())


def gate_equations(p, x, h, c):
    """The model's equations, gate order i, f, g, o: every hidden state,
    batch-first as x."""
    hs = []
    for x_t in x.transpose(0, 1):
        z = x_t @ p["lstm.weight_ih_l0"].T + h @ p["lstm.weight_hh_l0"].T + p["lstm.bias_l0"]
        i, f, g, o = z.split(HIDDEN, dim=1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        h = torch.sigmoid(o) * torch.tanh(c)
        hs.append(h)
    return torch.stack(hs, dim=1)


def main():
    g = Golden("lstm")
    k = 1.0 / np.sqrt(HIDDEN)  # torch.nn.LSTM's init range, as a scale
    g.param("lstm.weight_ih_l0", (4 * HIDDEN, INPUT), k)
    g.param("lstm.weight_hh_l0", (4 * HIDDEN, HIDDEN), k)
    g.param("lstm.bias_l0", (4 * HIDDEN,), k)
    g.param("head.weight", (CLASSES, HIDDEN), k)
    g.param("head.bias", (CLASSES,), k)
    cell = sum(v.numel() for k_, v in g.params.items() if k_.startswith("lstm."))
    n, h = HIDDEN, INPUT
    assert cell == 4 * (n * h + n * n + n) == 416, cell
    torch_count = sum(v.numel() for v in torch.nn.LSTM(INPUT, HIDDEN).parameters())
    assert torch_count == cell + 4 * n, torch_count

    # Drawn [steps, batch, features] (the generator's order), made batch-first.
    x = g.input("x", g.normal((STEPS, BATCH, INPUT)).transpose(1, 0, 2))
    h0 = g.input("h0", g.normal((BATCH, HIDDEN), 0.5))
    c0 = g.input("c0", g.normal((BATCH, HIDDEN), 0.5))
    y = g.input("y", g.rng.integers(0, CLASSES, BATCH))
    batch = {"x": x, "h0": h0, "c0": c0, "y": y}
    out = forward(g.params, batch)
    by_hand = gate_equations(g.params, x, h0, c0)
    assert torch.allclose(out["outputs"], by_hand, rtol=1e-12, atol=1e-12)
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(loss(g.params, batch))
    g.save_weights()


if __name__ == "__main__":
    main()
