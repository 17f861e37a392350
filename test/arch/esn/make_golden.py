#!/usr/bin/python3
"""Golden data of arch/esn: models/arch/esn.mlir in PyTorch.

An echo state network: a fixed random reservoir of 16 leaky tanh units
(leak 0.3) whose weight matrix is scaled to spectral radius 0.9, driven by
a scaled 1-D signal; after a washout of 8 steps the readout is fitted by
ridge regression, W_out = solve(X^T X + 0.1 I, X^T (Y - c)), to predict the
signal's next value. @loss is the readout's mean squared error; its
gradient reaches the input scaling s and the readout bias c.
Asserts: the reservoir's spectral radius is 0.9 < 1; the echo state
property (runs from two different initial states converge on the same
input); the readout solves the ridge problem's normal equations and equals
the least-squares solution of the stacked system [X; sqrt(lambda) I].
Writes models/arch/esn.safetensors and test/arch/data/esn/ (arch_golden.py).
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

STEPS, BATCH, INPUT, UNITS, OUTPUT = 48, 2, 1, 16, 1
WASHOUT, LEAK, RIDGE, SPECTRAL_RADIUS = 8, 0.3, 0.1, 0.9


def reservoir(p, u, h0):
    """Every state x_t of the leaky reservoir driven by s * u."""
    drive = (u * p["input.scale"]) @ p["input.weight"].T + p["reservoir.bias"]
    h, states = h0, []
    for d_t in drive:
        h = (1 - LEAK) * h + LEAK * torch.tanh(d_t + h @ p["reservoir.weight"].T)
        states.append(h)
    return torch.stack(states)


def forward(p, x):
    """@forward: the states, the ridge readout and its predictions."""
    states = reservoir(p, x["u"], x["h0"])
    design = states[WASHOUT:].reshape(-1, UNITS)
    targets = x["y"].reshape(-1, OUTPUT) - p["readout.bias"]
    eye = torch.eye(UNITS, dtype=design.dtype)
    readout = torch.linalg.solve(design.T @ design + RIDGE * eye, design.T @ targets)
    prediction = design @ readout + p["readout.bias"]
    return {"states": states, "readout": readout,
            "prediction": prediction.reshape(STEPS - WASHOUT, BATCH, OUTPUT)}


def main():
    g = Golden("esn")
    w = g.rng.standard_normal((UNITS, UNITS))
    w *= SPECTRAL_RADIUS / np.max(np.abs(np.linalg.eigvals(w)))
    w = w.astype(np.float32)
    radius = np.max(np.abs(np.linalg.eigvals(w.astype(np.float64))))
    assert abs(radius - SPECTRAL_RADIUS) < 1e-6 and radius < 1, radius
    p = dict(g.params)
    p["reservoir.weight"] = g.buffer("reservoir.weight", w)
    p["input.weight"] = g.buffer("input.weight", g.rng.uniform(-1, 1, (UNITS, INPUT)))
    p["reservoir.bias"] = g.buffer("reservoir.bias", g.rng.uniform(-0.2, 0.2, UNITS))
    g.params["input.scale"] = torch.full((INPUT,), 0.75, dtype=torch.float64,
                                         requires_grad=True)
    p["input.scale"] = g.params["input.scale"]
    p["readout.bias"] = g.param("readout.bias", (OUTPUT,), 0.1)

    # Two sine waves of different frequency and phase plus a little noise;
    # the target is the next sample.
    t = np.arange(STEPS + 1)[:, None]
    signal = np.sin(np.array([0.3, 0.45]) * t + np.array([0.0, 1.0]))
    signal = signal + 0.05 * g.rng.standard_normal(signal.shape)
    u = g.input("u", signal[:STEPS, :, None])
    y = g.input("y", signal[WASHOUT + 1:, :, None])
    h0 = g.input("h0", np.zeros((BATCH, UNITS)))
    out = forward(p, {"u": u, "y": y, "h0": h0})

    # Echo state property: another initial state forgets itself.
    other = reservoir(p, u, torch.tensor(g.normal((BATCH, UNITS))).double())
    gap = (other - out["states"]).abs().amax(dim=(1, 2))
    assert gap[-1] < 0.02 * gap[0], (gap[0], gap[-1])
    # The readout solves the ridge problem.
    design = out["states"][WASHOUT:].reshape(-1, UNITS).detach()
    targets = (y.reshape(-1, OUTPUT) - p["readout.bias"]).detach()
    readout = out["readout"].detach()
    eye = torch.eye(UNITS, dtype=torch.float64)
    residual = (design.T @ design + RIDGE * eye) @ readout - design.T @ targets
    assert residual.abs().max() < 1e-9, residual.abs().max()
    stacked = torch.cat([design, RIDGE ** 0.5 * eye])
    lstsq = torch.linalg.lstsq(stacked, torch.cat([targets, torch.zeros(UNITS, OUTPUT,
                                                   dtype=torch.float64)])).solution
    assert torch.allclose(readout, lstsq, rtol=1e-8, atol=1e-10)
    print("condition number of X^T X + lambda I: %.3g"
          % np.linalg.cond((design.T @ design + RIDGE * eye).numpy()))

    for name, value in out.items():
        g.expect(name, value)
    loss = ((out["prediction"] - y) ** 2).mean()
    print("readout MSE %.4g (signal variance %.4g)" % (loss.item(), y.var().item()))
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
