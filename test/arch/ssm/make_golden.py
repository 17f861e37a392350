#!/usr/bin/python3
"""Golden data of arch/ssm: models/arch/ssm.mlir in PyTorch.

S4 with HiPPO-LegS A and B, zero-order-hold discretisation by
torch.linalg.matrix_exp and torch.linalg.solve, run as a recurrence and as
a convolution with the kernel (C A_bar^k B_bar)_k by torch.fft over 2L;
Mamba's selective SSM (input-dependent Delta, B, C) as a Python loop.
@loss: mean((S4 convolution - target)^2) + mean((Mamba - target)^2).
Asserts: A and B are HiPPO-LegS (A's eigenvalues are -1..-N, it being
lower triangular); B_bar equals the ZOH integral int_0^Delta exp(sA) B ds
(by the block-matrix exponential of [[A, B], [0, 0]]); the kernel equals
C A_bar^k B_bar from explicit powers; the two S4 forms agree (1e-12 in
float64) and the FFT convolution equals the direct causal sum; the
selective step sizes differ across steps (so the SSM is input-dependent).
Writes models/arch/ssm.safetensors and test/arch/data/ssm/ (arch_golden.py).
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
from arch_golden import Golden  # noqa: E402

STEPS, BATCH, CHANNELS, STATE = 16, 2, 2, 4


def hippo_legs(n):
    """HiPPO-LegS: A[i, j] = -sqrt(2i+1) sqrt(2j+1) below the diagonal,
    -(i+1) on it, 0 above; B[i] = sqrt(2i+1)."""
    q = np.sqrt(2 * np.arange(n) + 1.0)
    a = -np.tril(np.outer(q, q), -1) - np.diag(np.arange(n) + 1.0)
    return a, q[:, None]


def s4_discretize(p):
    """(A_bar [H, N, N], B_bar [H, N, 1]) by zero-order hold."""
    dt = torch.exp(p["s4.log_dt"])[:, None, None]
    dt_a = dt * p["s4.A"]
    a_bar = torch.linalg.matrix_exp(dt_a)
    eye = torch.eye(STATE, dtype=dt_a.dtype)
    b_bar = torch.linalg.solve(dt_a, (a_bar - eye) @ (dt * p["s4.B"]))
    return a_bar, b_bar


def s4_recurrent(p, u, a_bar, b_bar):
    x = torch.zeros(BATCH, CHANNELS, STATE, dtype=u.dtype)
    ys = []
    for u_t in u:
        x = (a_bar @ x[..., None])[..., 0] + b_bar[..., 0] * u_t[..., None]
        ys.append((x * p["s4.C"]).sum(-1) + p["s4.D"] * u_t)
    return torch.stack(ys)


def s4_kernel(p, a_bar, b_bar):
    columns, v = [], b_bar
    for _ in range(STEPS):
        columns.append(v)
        v = a_bar @ v
    return (p["s4.C"][:, None, :] @ torch.cat(columns, dim=2))[:, 0, :]


def s4_convolution(p, u, kernel):
    n = 2 * STEPS
    u_f = torch.fft.fft(u.permute(1, 2, 0), n=n)
    k_f = torch.fft.fft(kernel, n=n)
    y = torch.fft.ifft(u_f * k_f).real[..., :STEPS].permute(2, 0, 1)
    return y + p["s4.D"] * u


def mamba(p, u):
    delta = F.softplus(u @ p["mamba.dt_proj.weight"].T + p["mamba.dt_proj.bias"])
    b_sel = u @ p["mamba.B_proj.weight"].T
    c_sel = u @ p["mamba.C_proj.weight"].T
    a = -torch.exp(p["mamba.A_log"])
    h = torch.zeros(BATCH, CHANNELS, STATE, dtype=u.dtype)
    ys = []
    for t in range(STEPS):
        a_t = torch.exp(delta[t][..., None] * a)
        h = a_t * h + (delta[t] * u[t])[..., None] * b_sel[t][:, None, :]
        ys.append((h * c_sel[t][:, None, :]).sum(-1) + p["mamba.D"] * u[t])
    return delta, torch.stack(ys)


def forward(p, x):
    """@forward: S4's discretisation, kernel and both forms; Mamba."""
    u = x["u"]
    a_bar, b_bar = s4_discretize(p)
    kernel = s4_kernel(p, a_bar, b_bar)
    delta, y_m = mamba(p, u)
    return {"s4_A_bar": a_bar, "s4_B_bar": b_bar, "s4_kernel": kernel,
            "s4_y_recurrent": s4_recurrent(p, u, a_bar, b_bar),
            "s4_y_conv": s4_convolution(p, u, kernel),
            "mamba_delta": delta, "mamba_y": y_m}


def set_param(g, name, value):
    """Param `name` with the given (float32-rounded) initial value."""
    value = np.asarray(value, dtype=np.float32)
    g.params[name] = torch.tensor(value, dtype=torch.float64, requires_grad=True)


def check_s4(p, out, u):
    a, b = hippo_legs(STATE)
    assert np.allclose(p["s4.A"].detach().numpy(), a, rtol=1e-7)
    assert np.allclose(p["s4.B"].detach().numpy(), b, rtol=1e-7)
    eig = np.sort(np.linalg.eigvals(a).real)
    assert np.allclose(eig, -np.arange(STATE, 0, -1.0)), eig
    # ZOH: [[A_bar, B_bar], [0, 1]] = exp(Delta [[A, B], [0, 0]]).
    for h in range(CHANNELS):
        dt = torch.exp(p["s4.log_dt"][h]).detach()
        block = torch.zeros(STATE + 1, STATE + 1, dtype=torch.float64)
        block[:STATE, :STATE] = p["s4.A"].detach()
        block[:STATE, STATE:] = p["s4.B"].detach()
        zoh = torch.linalg.matrix_exp(dt * block)
        assert torch.allclose(zoh[:STATE, :STATE], out["s4_A_bar"][h], atol=1e-12)
        assert torch.allclose(zoh[:STATE, STATE:], out["s4_B_bar"][h], atol=1e-12)
    a_bar, b_bar = out["s4_A_bar"].detach(), out["s4_B_bar"].detach()
    for k in range(STEPS):
        power = torch.linalg.matrix_power(a_bar, k)
        expected = (p["s4.C"].detach()[:, None, :] @ power @ b_bar)[:, 0, 0]
        assert torch.allclose(out["s4_kernel"][:, k], expected, atol=1e-12)
    kernel = out["s4_kernel"].detach()
    direct = torch.stack([
        sum(kernel[:, j] * u[t - j] for j in range(t + 1)) for t in range(STEPS)])
    direct = direct + p["s4.D"].detach() * u
    assert torch.allclose(out["s4_y_conv"], direct, atol=1e-12)
    gap = (out["s4_y_conv"] - out["s4_y_recurrent"]).abs().max()
    assert gap < 1e-12, gap


def main():
    g = Golden("ssm")
    a, b = hippo_legs(STATE)
    set_param(g, "s4.A", a)
    set_param(g, "s4.B", b)
    g.param("s4.C", (CHANNELS, STATE), 0.5)
    g.param("s4.D", (CHANNELS,), 1.0)
    set_param(g, "s4.log_dt", np.log([0.05, 0.2]))
    set_param(g, "mamba.A_log", np.log(np.tile(np.arange(1.0, STATE + 1), (CHANNELS, 1))))
    g.param("mamba.dt_proj.weight", (CHANNELS, CHANNELS))
    dt = np.array([0.05, 0.2])
    set_param(g, "mamba.dt_proj.bias", dt + np.log(-np.expm1(-dt)))  # softplus^-1
    g.param("mamba.B_proj.weight", (STATE, CHANNELS))
    g.param("mamba.C_proj.weight", (STATE, CHANNELS))
    set_param(g, "mamba.D", np.ones(CHANNELS))
    u = g.input("u", g.normal((STEPS, BATCH, CHANNELS)))
    target = g.input("target", g.normal((STEPS, BATCH, CHANNELS), 0.5))
    out = forward(g.params, {"u": u})
    check_s4(g.params, out, u)
    delta = out["mamba_delta"].detach()
    assert (delta.amax(0) - delta.amin(0)).min() > 0.01, delta
    for name, value in out.items():
        g.expect(name, value)
    loss = (((out["s4_y_conv"] - target) ** 2).mean()
            + ((out["mamba_y"] - target) ** 2).mean())
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
