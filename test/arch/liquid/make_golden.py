#!/usr/bin/python3
"""Golden data of arch/liquid: models/arch/liquid.mlir in PyTorch.

An LTC layer (the ODE dh/dt = -(1/tau + f) h + f A, f = sigmoid(x W_in^T +
h W_rec^T + b), two fused solver steps per sample) and a CfC cell (the
closed form sigmoid(-f t) g + (1 - sigmoid(-f t)) k on a shared tanh
backbone) over an irregularly sampled sequence, with linear readouts; @loss
is the mean squared error of both readouts against a target.
Checks (asserted here): the fused solver step is the exact solution of its
linearised implicit Euler equation; tau_sys = tau / (1 + tau f) lies in
(0, tau] and varies with the input; more solver steps converge to the ODE's
solution (the two-step LTC differs from a 400-step solve by less than the
one-step one does); the CfC state with t = 0 equals k and tends to g as
f t grows (the gate interpolates between its two heads).
Writes models/arch/liquid.safetensors and test/arch/data/liquid/
(arch_golden.py). Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

STEPS, BATCH, INPUT, HIDDEN, BACKBONE = 16, 2, 3, 6, 8


def ltc_f(p, u_t, h):
    return torch.sigmoid(u_t + h @ p["ltc.recurrent_weight"].T)


def ltc(p, x, dt, h0, unfolds=2):
    """The LTC layer: states, tau_sys and readouts at every step."""
    tau = F.softplus(p["ltc.tau_raw"])
    a = p["ltc.reversal"]
    u = x @ p["ltc.input_weight"].T + p["ltc.bias"]
    h, hs, taus = h0, [], []
    for t in range(x.shape[0]):
        d = dt[t] / unfolds
        for _ in range(unfolds):
            f = ltc_f(p, u[t], h)
            h = (h + d * f * a) / (1 + d * (1 / tau + f))
        hs.append(h)
        taus.append(tau / (1 + tau * f))
    hs = torch.stack(hs)
    y = hs @ p["ltc_head.weight"].T + p["ltc_head.bias"]
    return hs, torch.stack(taus), y


def cfc_step(p, x_t, h, t):
    z = torch.tanh(torch.cat([x_t, h], 1) @ p["cfc.backbone.weight"].T
                   + p["cfc.backbone.bias"])
    f = z @ p["cfc.f.weight"].T + p["cfc.f.bias"]
    g = torch.tanh(z @ p["cfc.g.weight"].T + p["cfc.g.bias"])
    k = torch.tanh(z @ p["cfc.k.weight"].T + p["cfc.k.bias"])
    gate = torch.sigmoid(-f * t)
    return gate * g + (1 - gate) * k, f, g, k


def cfc(p, x, dt, h0):
    h, hs = h0, []
    for t in range(x.shape[0]):
        h = cfc_step(p, x[t], h, dt[t])[0]
        hs.append(h)
    hs = torch.stack(hs)
    return hs, hs @ p["cfc_head.weight"].T + p["cfc_head.bias"]


def forward(p, x):
    """@forward: both layers' states and readouts, and the LTC's tau_sys."""
    ltc_states, tau_sys, ltc_y = ltc(p, x["x"], x["dt"], x["h0"])
    cfc_states, cfc_y = cfc(p, x["x"], x["dt"], x["h0"])
    return {"ltc_states": ltc_states, "ltc_tau_sys": tau_sys, "ltc_y": ltc_y,
            "cfc_states": cfc_states, "cfc_y": cfc_y}


def check(p, x, dt, h0, out):
    """The properties of the docstring, on PyTorch's float64 numbers."""
    with torch.no_grad():
        # The fused step solves h' = h + d (-(1/tau + f) h' + f A) for h'.
        tau = F.softplus(p["ltc.tau_raw"])
        u = x[0] @ p["ltc.input_weight"].T + p["ltc.bias"]
        f = ltc_f(p, u, h0)
        d = dt[0] / 2
        h1 = (h0 + d * f * p["ltc.reversal"]) / (1 + d * (1 / tau + f))
        residual = h1 - h0 - d * (-(1 / tau + f) * h1 + f * p["ltc.reversal"])
        assert residual.abs().max() < 1e-12
        taus = out["ltc_tau_sys"]
        assert (taus > 0).all() and (taus <= tau + 1e-12).all()
        assert taus.std(0).min() > 1e-3, "tau_sys should vary with the input"
        fine = ltc(p, x, dt, h0, unfolds=400)[0]
        one = ltc(p, x, dt, h0, unfolds=1)[0]
        assert (out["ltc_states"] - fine).abs().max() < (one - fine).abs().max()
        # CfC: t = 0 gives (g + k) / 2; f t -> +inf gives k, -inf gives g.
        h, f, g, k = cfc_step(p, x[0], h0, torch.zeros_like(dt[0]))
        assert torch.allclose(h, (g + k) / 2, rtol=0, atol=1e-15)
        for sign, limit in ((1, k), (-1, g)):
            t = sign * 1e6 * torch.sign(f)
            h = cfc_step(p, x[0], h0, t)[0]
            assert torch.allclose(h, limit, rtol=0, atol=1e-12)


def main():
    g = Golden("liquid")
    g.param("ltc.input_weight", (HIDDEN, INPUT), 1.0 / np.sqrt(INPUT))
    g.param("ltc.recurrent_weight", (HIDDEN, HIDDEN), 1.0 / np.sqrt(HIDDEN))
    g.param("ltc.bias", (HIDDEN,), 0.5)
    g.param("ltc.tau_raw", (HIDDEN,), 0.5)
    g.param("ltc.reversal", (HIDDEN,), 1.0)
    g.param("ltc_head.weight", (1, HIDDEN), 1.0 / np.sqrt(HIDDEN))
    g.param("ltc_head.bias", (1,), 0.1)
    g.param("cfc.backbone.weight", (BACKBONE, INPUT + HIDDEN),
            1.0 / np.sqrt(INPUT + HIDDEN))
    g.param("cfc.backbone.bias", (BACKBONE,), 0.1)
    for head in "fgk":
        g.param("cfc.%s.weight" % head, (HIDDEN, BACKBONE), 1.0 / np.sqrt(BACKBONE))
        g.param("cfc.%s.bias" % head, (HIDDEN,), 0.1)
    g.param("cfc_head.weight", (1, HIDDEN), 1.0 / np.sqrt(HIDDEN))
    g.param("cfc_head.bias", (1,), 0.1)
    x = g.input("x", g.normal((STEPS, BATCH, INPUT)))
    dt = g.input("dt", g.rng.uniform(0.2, 1.5, (STEPS, BATCH, 1)))
    h0 = g.input("h0", g.normal((BATCH, HIDDEN), 0.5))
    target = g.input("target", np.sin(np.cumsum(dt.numpy(), 0)))
    out = forward(g.params, {"x": x, "dt": dt, "h0": h0})
    check(g.params, x, dt, h0, out)
    for name, value in out.items():
        g.expect(name, value)
    loss = F.mse_loss(out["ltc_y"], target) + F.mse_loss(out["cfc_y"], target)
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
