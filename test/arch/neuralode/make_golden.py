#!/usr/bin/python3
"""Golden data of arch/neuralode: models/arch/neuralode.mlir in PyTorch.

dz/dt = f(z) = tanh(z W1^T + b1) W2^T + b2 on [0, 1], solved by 8 RK4 steps,
by adaptive Dormand-Prince 5(4) (rtol = atol = 1e-5, first step 1) and,
for the gradients of L = mse(z(1), target), by the adjoint method (the
augmented system [z, a, g] integrated backward by 8 RK4 steps, the
vector-Jacobian products a df/d(z, theta) by torch.autograd.grad).
@loss is L through RK4; its expected gradients are autograd's, i.e.
backpropagation through the solver.
Checks (asserted here): the adjoint gradients agree with backpropagation
through RK4 within ADJOINT_RTOL of the largest gradient (they differ by
the solvers' O(h^4) discretisation errors: with 4x the steps the gap
shrinks by more than 50x); both solvers agree with a 1000-step RK4 solution
(8-step RK4 within 5e-5; Dormand-Prince within 20 times its per-step
tolerance, the global error summing the local ones); Dormand-Prince
rejects at least one step (the first, of 1) and accepts several; no
error estimate lies within 5% of the acceptance threshold 1 and no step
ends within 1e-5 of the end test (so float32 takes the same decisions).
Writes models/arch/neuralode.safetensors and test/arch/data/neuralode/
(arch_golden.py). Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys
from fractions import Fraction

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden  # noqa: E402

BATCH, DIM, HIDDEN, STEPS = 4, 2, 16, 8
PARAMS = ("dynamics.fc1.weight", "dynamics.fc1.bias",
          "dynamics.fc2.weight", "dynamics.fc2.bias")
# Largest |adjoint - backprop| over the largest |gradient|, at 8 steps.
ADJOINT_RTOL = 1e-4

# Dormand-Prince 5(4): the tableau's rows and the 5th- and 4th-order weights.
A = [[], [Fraction(1, 5)], [Fraction(3, 40), Fraction(9, 40)],
     [Fraction(44, 45), Fraction(-56, 15), Fraction(32, 9)],
     [Fraction(19372, 6561), Fraction(-25360, 2187), Fraction(64448, 6561),
      Fraction(-212, 729)],
     [Fraction(9017, 3168), Fraction(-355, 33), Fraction(46732, 5247),
      Fraction(49, 176), Fraction(-5103, 18656)]]
B5 = [Fraction(35, 384), 0, Fraction(500, 1113), Fraction(125, 192),
      Fraction(-2187, 6784), Fraction(11, 84), 0]
B4 = [Fraction(5179, 57600), 0, Fraction(7571, 16695), Fraction(393, 640),
      Fraction(-92097, 339200), Fraction(187, 2100), Fraction(1, 40)]
TOL, FIRST_STEP, T_END = 1e-5, 1.0, 0.99999


def dynamics(p, z):
    hidden = torch.tanh(z @ p["dynamics.fc1.weight"].T + p["dynamics.fc1.bias"])
    return hidden @ p["dynamics.fc2.weight"].T + p["dynamics.fc2.bias"]


def rk4_step(f, z, h):
    k1 = f(z)
    k2 = f(z + h / 2 * k1)
    k3 = f(z + h / 2 * k2)
    k4 = f(z + h * k3)
    return z + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def rk4(p, z0, steps=STEPS):
    z = z0
    for _ in range(steps):
        z = rk4_step(lambda y: dynamics(p, y), z, 1.0 / steps)
    return z


def dopri(p, z0, log=None):
    """z(1), accepted and rejected steps; appends (err, t) to `log`."""
    z, t, h_try = z0, 0.0, FIRST_STEP
    accepted = rejected = 0
    while t < T_END:
        h = min(h_try, 1.0 - t)
        ks = [dynamics(p, z)]
        for row in A[1:]:
            ks.append(dynamics(p, z + h * sum(float(a) * k for a, k in zip(row, ks))))
        y = z + h * sum(float(b) * k for b, k in zip(B5, ks) if b)
        ks.append(dynamics(p, y))
        err_vec = h * sum(float(b - c) * k for b, c, k in zip(B5, B4, ks) if b != c)
        scale = TOL + TOL * torch.maximum(z.abs(), y.abs())
        err = float(torch.sqrt(((err_vec / scale) ** 2).mean()))
        if err <= 1.0:
            z, t = y, t + h
            accepted += 1
        else:
            rejected += 1
        if log is not None:
            log.append((err, t))
        factor = min(max(0.9 * err ** -0.2 if err > 0 else float("inf"), 0.2), 10.0)
        h_try = h * factor
    return z, accepted, rejected


def adjoint(p, z0, target, steps=STEPS):
    """dL/dz0 and dL/dtheta (as a list in PARAMS order), adjoint method."""
    theta = [p[name] for name in PARAMS]
    with torch.no_grad():
        z1 = rk4(p, z0, steps)

    def augmented(state):
        z, a = state[0], state[1]
        with torch.enable_grad():
            z = z.detach().requires_grad_(True)
            params = [t.detach().requires_grad_(True) for t in theta]
            f = dynamics(dict(zip(PARAMS, params)), z)
            vjps = torch.autograd.grad(f, [z] + params, grad_outputs=a)
        return [-f.detach()] + list(vjps)

    state = [z1, 2 * (z1 - target) / z1.numel()] + [torch.zeros_like(t) for t in theta]
    h = 1.0 / steps
    for _ in range(steps):
        k1 = augmented(state)
        k2 = augmented([s + h / 2 * k for s, k in zip(state, k1)])
        k3 = augmented([s + h / 2 * k for s, k in zip(state, k2)])
        k4 = augmented([s + h * k for s, k in zip(state, k3)])
        state = [s + h / 6 * (a + 2 * b + 2 * c + d)
                 for s, a, b, c, d in zip(state, k1, k2, k3, k4)]
    return state[1], state[2:]


def forward(p, x):
    """@forward: both solvers' z(1), the step counts, the adjoint gradients."""
    z0, target = x["z0"], x["target"]
    z1_dopri, accepted, rejected = dopri(p, z0)
    gz, gtheta = adjoint(p, z0, target)
    out = {"z1_rk4": rk4(p, z0), "z1_dopri": z1_dopri,
           "dopri_accepted": torch.tensor(float(accepted), dtype=z0.dtype),
           "dopri_rejected": torch.tensor(float(rejected), dtype=z0.dtype),
           "adjoint.z0": gz}
    for name, grad in zip(PARAMS, gtheta):
        out["adjoint." + name] = grad
    return out


def backprop(p, z0, target, steps):
    """d mse(rk4(z0), target) / dtheta through the solver (autograd)."""
    theta = [p[name] for name in PARAMS]
    loss = F.mse_loss(rk4(p, z0, steps), target)
    return torch.autograd.grad(loss, theta)


def check(p, z0, target, out):
    """The properties of the docstring."""
    def gap(steps):
        adj = adjoint(p, z0, target, steps)[1]
        ref = backprop(p, z0, target, steps)
        largest = max(float(g.abs().max()) for g in ref)
        return max(float((a - b).abs().max()) for a, b in zip(adj, ref)) / largest

    assert gap(STEPS) < ADJOINT_RTOL, gap(STEPS)
    assert gap(4 * STEPS) < gap(STEPS) / 50, (gap(STEPS), gap(4 * STEPS))
    with torch.no_grad():
        fine = rk4(p, z0, 1000)
        assert (out["z1_rk4"] - fine).abs().max() < 5e-5
        assert (out["z1_dopri"] - fine).abs().max() < 20 * TOL
        log = []
        dopri(p, z0, log)
    assert out["dopri_rejected"] >= 1 and out["dopri_accepted"] >= 3, out
    for err, t in log:
        assert abs(err - 1.0) > 0.05, log
        assert not (T_END - 1e-5 < t < 1.0 - 1e-9), log


def main():
    g = Golden("neuralode")
    g.param(PARAMS[0], (HIDDEN, DIM), 1.0)
    g.param(PARAMS[1], (HIDDEN,), 0.5)
    g.param(PARAMS[2], (DIM, HIDDEN), 1.0)
    g.param(PARAMS[3], (DIM,), 0.5)
    z0 = g.input("z0", g.normal((BATCH, DIM)))
    target = g.input("target", g.normal((BATCH, DIM)))
    out = forward(g.params, {"z0": z0, "target": target})
    check(g.params, z0, target, out)
    print("dopri: %d accepted, %d rejected steps" % (
        out["dopri_accepted"], out["dopri_rejected"]))
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(F.mse_loss(rk4(g.params, z0), target))
    g.save_weights()


if __name__ == "__main__":
    main()
