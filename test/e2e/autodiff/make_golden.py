#!/usr/bin/env python3
"""Golden data for test/e2e/autodiff: PyTorch autograd on the same weights.

For each model <case>.mlir here, writes <case>.safetensors (its weights, read
by `nnc compile --grad` from beside the model), data/<case>/<input>.npy and
data/<case>/expected_<output>.npy for the loss and every `<param>.grad`.
Run with /usr/bin/python3 (Debian's python3-torch).
"""
import os
import sys

import numpy as np
import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, "..", "..", "..", "scripts"))
import safetensors_io  # noqa: E402


def write(case, params, inputs, loss):
    """Saves weights, inputs, the loss and d loss / d param for each param."""
    loss.backward()
    safetensors_io.save({k: v.detach().numpy().astype(np.float32)
                         for k, v in params.items()},
                        os.path.join(here, case + ".safetensors"))
    out = os.path.join(here, "data", case)
    os.makedirs(out, exist_ok=True)
    for name, value in inputs.items():
        np.save(os.path.join(out, name + ".npy"),
                value.detach().numpy().astype(np.float32))
    np.save(os.path.join(out, "expected_loss.npy"),
            loss.detach().numpy().astype(np.float32))
    for name, p in params.items():
        np.save(os.path.join(out, "expected_%s.grad.npy" % name),
                p.grad.numpy().astype(np.float32))


def f32(t):
    """`t` rounded to float32 (what nnc reads), computed on in float64."""
    return t.float().double()


def param(*shape):
    return f32(torch.randn(*shape)).requires_grad_()


def recurrence(case):
    """h <- tanh(h U + b), 5 steps, loss sum(h^2): bptt_for.mlir as an
    scf.for and bptt_while.mlir as an scf.while."""
    torch.manual_seed(2)
    u, b = param(3, 3), param(3)
    h0 = f32(torch.randn(2, 3))
    h = h0
    for _ in range(5):
        h = torch.tanh(h @ u + b)
    write(case, {"u": u, "b": b}, {"h0": h0}, (h * h).sum())


def gradient_penalty():
    """A critic's score plus 10 (|d score / dx| - 1)^2, as WGAN-GP."""
    torch.manual_seed(1)
    w1, w2 = param(3, 5), param(5, 1)
    x = f32(torch.randn(4, 3)).requires_grad_()
    score = (torch.tanh(x @ w1) @ w2).sum()
    (dx,) = torch.autograd.grad(score, x, create_graph=True)
    penalty = ((dx.pow(2).sum(1).sqrt() - 1) ** 2).mean()
    write("gradient_penalty", {"w1": w1, "w2": w2}, {"x": x},
          score + 10 * penalty)


def deep_mlp():
    torch.manual_seed(3)
    params = {}
    x = f32(torch.randn(16, 32))
    t = f32(torch.randn(16, 32))
    h = x
    for i in range(8):
        params["l%d.weight" % i] = f32(torch.randn(32, 32) / 32 ** 0.5
                                       ).requires_grad_()
        params["l%d.bias" % i] = f32(0.1 * torch.randn(32)).requires_grad_()
        h = torch.tanh(h @ params["l%d.weight" % i] + params["l%d.bias" % i])
    write("deep_mlp", params, {"x": x, "t": t},
          torch.nn.functional.mse_loss(h, t))


def rnn_scan():
    """An Elman RNN over a projected sequence, as nn.scan."""
    torch.manual_seed(4)
    params = {"proj": param(3, 4), "wx": param(4, 5), "wh": param(5, 5),
              "b": param(5), "h0": param(2, 5)}
    xs, c = f32(torch.randn(6, 2, 3)), f32(torch.randn(6, 2, 5))
    p = xs @ params["proj"]
    h, ys = params["h0"], []
    for t in range(6):
        h = torch.tanh(p[t] @ params["wx"] + h @ params["wh"] + params["b"])
        ys.append(h)
    loss = (torch.stack(ys) * c).sum() + (h * h).sum()
    write("rnn_scan", params, {"xs": xs, "c": c}, loss)


if __name__ == "__main__":
    recurrence("bptt_for")
    recurrence("bptt_while")
    gradient_penalty()
    deep_mlp()
    rnn_scan()
