#!/usr/bin/python3
"""Golden data of arch/gru: models/arch/gru.mlir in PyTorch.

torch.nn.GRU (4 -> 8, gate order r, z, n) over 12 steps with the weights of
gru.safetensors loaded in (the one bias as bias_ih_l0, bias_hh_l0 = 0), and
a linear head on the final state; @loss is the head's cross-entropy plus
0.01 * mean(h_t^2) over every step. Asserts that the cell has
3(nh + n^2 + n) parameters, 3/4 of an LSTM cell of the same sizes (25%
fewer; torch.nn.GRU: 3n more, its second bias) and that torch.nn.GRU agrees
with the gate equations written out step by step (so its gate order is the
model's). Writes models/arch/gru.safetensors and test/arch/data/gru/
(arch_golden.py). Run with /usr/bin/python3 (Debian's python3-torch).
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
    """@forward: every hidden state, h_n and the head's logits."""
    weights = {"weight_ih_l0": p["gru.weight_ih_l0"],
               "weight_hh_l0": p["gru.weight_hh_l0"],
               "bias_ih_l0": p["gru.bias_l0"],
               "bias_hh_l0": torch.zeros_like(p["gru.bias_l0"])}
    gru = recurrent_module(torch.nn.GRU(INPUT, HIDDEN), weights)
    outputs, h_n = gru(x["x"], x["h0"][None])
    logits = h_n[0] @ p["head.weight"].T + p["head.bias"]
    return {"outputs": outputs, "h_n": h_n[0], "logits": logits}


def gate_equations(p, x, h):
    """The model's equations, gate order r, z, n: every hidden state."""
    hs = []
    for x_t in x:
        u_r, u_z, u_n = (x_t @ p["gru.weight_ih_l0"].T + p["gru.bias_l0"]).split(HIDDEN, 1)
        v_r, v_z, v_n = (h @ p["gru.weight_hh_l0"].T).split(HIDDEN, 1)
        r, z = torch.sigmoid(u_r + v_r), torch.sigmoid(u_z + v_z)
        n = torch.tanh(u_n + r * v_n)
        h = (1 - z) * n + z * h
        hs.append(h)
    return torch.stack(hs)


def main():
    g = Golden("gru")
    k = 1.0 / np.sqrt(HIDDEN)  # torch.nn.GRU's init range, as a scale
    g.param("gru.weight_ih_l0", (3 * HIDDEN, INPUT), k)
    g.param("gru.weight_hh_l0", (3 * HIDDEN, HIDDEN), k)
    g.param("gru.bias_l0", (3 * HIDDEN,), k)
    g.param("head.weight", (CLASSES, HIDDEN), k)
    g.param("head.bias", (CLASSES,), k)
    cell = sum(v.numel() for k_, v in g.params.items() if k_.startswith("gru."))
    n, h = HIDDEN, INPUT
    lstm_cell = 4 * (n * h + n * n + n)
    assert cell == 3 * (n * h + n * n + n) == 312, cell
    assert 4 * cell == 3 * lstm_cell  # 25% fewer than the LSTM
    torch_count = sum(v.numel() for v in torch.nn.GRU(INPUT, HIDDEN).parameters())
    assert torch_count == cell + 3 * n, torch_count

    x = g.input("x", g.normal((STEPS, BATCH, INPUT)))
    h0 = g.input("h0", g.normal((BATCH, HIDDEN), 0.5))
    y = g.input("y", g.rng.integers(0, CLASSES, BATCH))
    out = forward(g.params, {"x": x, "h0": h0})
    by_hand = gate_equations(g.params, x, h0)
    assert torch.allclose(out["outputs"], by_hand, rtol=1e-12, atol=1e-12)
    for name, value in out.items():
        g.expect(name, value)
    loss = (F.cross_entropy(out["logits"], y)
            + 0.01 * (out["outputs"] ** 2).mean())
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
