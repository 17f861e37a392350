#!/usr/bin/python3
"""Golden data of arch/rnn: models/arch/rnn.mlir in PyTorch.

torch.nn.RNN (tanh, 3 -> 8) over 128 steps with the weights of
rnn.safetensors loaded in, and a linear head on the final state; @loss is
the cross-entropy of the head plus 0.01 * mean(h_t^2) over every step.
Also the gradient-norm experiment of test/arch/rnn/gradient_norms.mlir:
for W_hh = s * Q (Q orthogonal, so ||W_hh||_2 = s) it writes the weights
gradient_norms_<case>.safetensors, the inputs and PyTorch's d loss / d u_t,
and asserts (check_gradient_norms.check, which the ctest runs on nnc's
numbers) that the gradient norm changes per step by a factor within
[s min tanh'(z_t), s max tanh'(z_t)] (s: W_hh's smallest and largest
singular value, equal up to float32 rounding): vanishing when s * gamma < 1,
exploding when s * gamma > 1.
Writes models/arch/rnn.safetensors and test/arch/data/rnn/ (arch_golden.py).
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, HERE)
from arch_golden import Golden, recurrent_module  # noqa: E402
import safetensors_io  # noqa: E402  (on sys.path through arch_golden)
from check_gradient_norms import check  # noqa: E402

STEPS, BATCH, INPUT, HIDDEN, CLASSES = 128, 2, 3, 8, 4

# The gradient-norm cases: ||W_hh|| = scale; the drive u_t ~ N(0, drive^2).
# "vanishing": a drive of 0.3 bends tanh (tanh' down to ~0.1), and
# s * gamma < 1. "exploding": a tiny drive keeps the trajectory where
# tanh' ~ 1, and s * gamma > 1.
GRADIENT_NORM_CASES = {"vanishing": (0.9, 0.3), "exploding": (1.05, 1e-6)}


def forward(p, x):
    """@forward: every hidden state, the final one and the head's logits."""
    weights = {k[len("rnn."):]: v for k, v in p.items() if k.startswith("rnn.")}
    rnn = recurrent_module(torch.nn.RNN(INPUT, HIDDEN, nonlinearity="tanh"), weights)
    outputs, h_n = rnn(x["x"], x["h0"][None])
    logits = h_n[0] @ p["head.weight"].T + p["head.bias"]
    return {"outputs": outputs, "h_n": h_n[0], "logits": logits}


def gradient_norm_case(g, case, scale, drive_scale, h0, c):
    """Writes case's weights and PyTorch's d loss / d u; checks the bounds."""
    q, _ = np.linalg.qr(g.rng.standard_normal((HIDDEN, HIDDEN)))
    weights = {"weight_hh": (scale * q).astype(np.float32),
               "drive": g.normal((STEPS, BATCH, HIDDEN), drive_scale)}
    safetensors_io.save(weights, os.path.join(g.data, "gradient_norms_%s.safetensors" % case))
    w_hh = torch.tensor(weights["weight_hh"], dtype=torch.float64)
    drive = torch.tensor(weights["drive"], dtype=torch.float64, requires_grad=True)
    h, zs = h0, []
    for t in range(STEPS):
        z = drive[t] + h @ w_hh.T
        zs.append(z)
        h = torch.tanh(z)
    (h * c).sum().backward()
    grad = drive.grad.numpy()
    z = torch.stack(zs).detach().numpy()
    np.save(os.path.join(g.data, "expected_%s_drive.grad.npy" % case), grad.astype(np.float32))
    assert abs(np.linalg.norm(weights["weight_hh"], 2) - scale) < 1e-6
    failures = check(case, weights["weight_hh"], grad, z, grad, 1e-9)
    assert not failures, failures


def main():
    g = Golden("rnn")
    k = 1.0 / np.sqrt(HIDDEN)  # torch.nn.RNN's init range, as a scale
    g.param("rnn.weight_ih_l0", (HIDDEN, INPUT), k)
    g.param("rnn.weight_hh_l0", (HIDDEN, HIDDEN), k)
    g.param("rnn.bias_ih_l0", (HIDDEN,), k)
    g.param("rnn.bias_hh_l0", (HIDDEN,), k)
    g.param("head.weight", (CLASSES, HIDDEN), k)
    g.param("head.bias", (CLASSES,), k)
    x = g.input("x", g.normal((STEPS, BATCH, INPUT)))
    h0 = g.input("h0", g.normal((BATCH, HIDDEN), 0.5))
    y = g.input("y", g.rng.integers(0, CLASSES, BATCH))
    out = forward(g.params, {"x": x, "h0": h0})
    h, by_hand = h0, []
    for x_t in x:
        h = torch.tanh(x_t @ g.params["rnn.weight_ih_l0"].T + g.params["rnn.bias_ih_l0"]
                       + h @ g.params["rnn.weight_hh_l0"].T + g.params["rnn.bias_hh_l0"])
        by_hand.append(h)
    assert torch.allclose(out["outputs"], torch.stack(by_hand), rtol=1e-12, atol=1e-12)
    for name, value in out.items():
        g.expect(name, value)
    loss = (F.cross_entropy(out["logits"], y)
            + 0.01 * (out["outputs"] ** 2).mean())
    g.expect_gradients(loss)
    g.save_weights()

    norm_h0 = g.input("norm_h0", g.normal((BATCH, HIDDEN), 1e-6))
    norm_c = g.input("norm_c", g.normal((BATCH, HIDDEN)))
    for case, (scale, drive_scale) in GRADIENT_NORM_CASES.items():
        gradient_norm_case(g, case, scale, drive_scale, norm_h0, norm_c)


if __name__ == "__main__":
    main()
