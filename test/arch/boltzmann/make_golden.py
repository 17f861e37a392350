#!/usr/bin/python3
"""Golden data of arch/boltzmann: models/arch/boltzmann.mlir in PyTorch.

A Boltzmann machine of 6 binary units (4 visible, 2 hidden), symmetric
weights with a zero diagonal: energies, local fields, unit probabilities at
temperature T, asynchronous stochastic sweeps with the uniforms
nn.random_uniform draws from the keys (scripts/counter_random.py), and
steps of the learning rule @update (clamped minus free correlations, with
persistent free chains). Asserts that sigmoid(a_i / T) is the Boltzmann
conditional exp(-E(s_i = 1) / T) / sum over s_i of exp(-E / T), that the
weights stay symmetric with a zero diagonal, and that no uniform lies within
1e-5 of the probability it is compared with. Writes
models/arch/boltzmann.safetensors and test/arch/data/boltzmann/
(arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from arch_golden import Golden, Margin, float32_rounded, safe_key  # noqa: E402
from counter_random import random_uniform  # noqa: E402

B, N, NV = 8, 6, 4
LR = 0.05
MARGIN = 1e-5
STEPS = 10


def energy(s, p):
    return -(0.5 * ((s @ p["weight"]) * s).sum(1) + s @ p["bias"])


def local_field(s, p):
    return s @ p["weight"] + p["bias"]


def sweep(s, key, sweeps, t, free, p, margin):
    """`sweeps` asynchronous sweeps at temperature t over the units where
    `free`; sweep i draws from key + i. Returns the states and next key."""
    s = s.clone()
    for i in range(sweeps):
        u = torch.from_numpy(random_uniform(key + i, (B, N))).to(s.dtype)
        for unit in range(N):
            if not free[unit]:
                continue
            prob = torch.sigmoid(local_field(s, p)[:, unit] / t)
            margin.record(u[:, unit], prob)
            s[:, unit] = (u[:, unit] < prob).to(s.dtype)
    return s, key + sweeps


def run_forward(p, x, margin):
    s, t = x["s"], x["temperature"]
    field = local_field(s, p)
    samples, _ = sweep(s, int(x["key"]), int(x["sweeps"]), t, [True] * N, p,
                       margin)
    return {"energy": energy(s, p), "local_field": field,
            "p_on": torch.sigmoid(field / t), "samples": samples,
            "sample_energy": energy(samples, p)}


def forward(p, x):
    """@forward: energies, fields, probabilities and samples at T."""
    return run_forward(p, x, Margin())


def learn_step(p, chains, v, key, sweeps, margin):
    """@update: clamped and free phases at T = 1, then the rule."""
    s0 = torch.cat([v, torch.zeros(B, N - NV, dtype=v.dtype)], 1)
    clamped, key1 = sweep(s0, key, sweeps, 1.0, [False] * NV + [True] * (N - NV),
                          p, margin)
    free, _ = sweep(chains, key1, sweeps, 1.0, [True] * N, p, margin)
    off_diagonal = 1 - torch.eye(N, dtype=v.dtype)
    dw = (clamped.T @ clamped - free.T @ free) * off_diagonal
    return {"weight": p["weight"] + LR / B * dw,
            "bias": p["bias"] + LR * (clamped - free).mean(0),
            "chains": free, "clamped": clamped}


def check_conditional(s, p, t):
    """sigmoid(a_i / T) = exp(-E(s_i=1)/T) / (exp(-E(s_i=0)/T) + exp(-E(s_i=1)/T))."""
    for unit in range(N):
        on, off = s.clone(), s.clone()
        on[:, unit], off[:, unit] = 1, 0
        e = torch.stack([energy(off, p), energy(on, p)], 1)
        boltzmann = torch.softmax(-e / t, 1)[:, 1]
        assert torch.allclose(boltzmann, torch.sigmoid(local_field(s, p)[:, unit] / t),
                              rtol=1e-12, atol=1e-12)


def check_symmetric(w):
    assert torch.equal(w, w.T) and torch.all(torch.diagonal(w) == 0)


def main():
    g = Golden("boltzmann")
    raw = g.rng.standard_normal((N, N)) * 0.8
    weight = np.triu(raw, 1)
    weight = (weight + weight.T).astype(np.float32)
    g.params["weight"] = torch.tensor(weight, dtype=torch.float64)
    g.param("bias", (N,), scale=0.5)
    g.save_weights()
    p = {name: float32_rounded(t) for name, t in g.params.items()}
    check_symmetric(p["weight"])

    s = torch.from_numpy((g.rng.random((B, N)) < 0.5).astype(np.float32)).double()
    t, sweeps = 0.7, 3
    check_conditional(s, p, t)
    key = safe_key(11, lambda key, m: sweep(s, key, sweeps, t, [True] * N, p, m),
                   MARGIN)
    x = {"s": g.input("s", s.numpy()), "key": g.input("key", np.array(key)),
         "temperature": g.input("temperature", np.array(t, np.float32)),
         "sweeps": g.input("sweeps", np.array(sweeps))}
    margin = Margin()
    out = run_forward(p, x, margin)
    assert margin.smallest > MARGIN
    for name, value in out.items():
        g.expect(name, value)

    # Learning on noisy copies of two visible patterns, with 1 or 2 sweeps
    # per phase, free chains persisting from step to step.
    patterns = np.array([[1, 1, 0, 0], [0, 0, 1, 1]], np.float32)
    state = dict(p)
    chains = torch.from_numpy((g.rng.random((B, N)) < 0.5).astype(np.float32)).double()
    for step in range(STEPS):
        flips = g.rng.random((B, NV)) < 0.1
        v = torch.from_numpy(np.abs(patterns[np.arange(B) % 2] - flips)
                             .astype(np.float32)).double()
        sweeps = 1 + step % 2
        key = safe_key(200 + step, lambda key, m: learn_step(
            state, chains, v, key, sweeps, m), MARGIN)
        margin = Margin()
        after = learn_step(state, chains, v, key, sweeps, margin)
        assert margin.smallest > MARGIN
        check_symmetric(float32_rounded(after["weight"]))
        g.learn_step(step, {**state, "chains": chains, "v": v,
                            "key": np.array(key), "sweeps": np.array(sweeps)},
                     after)
        state = {name: float32_rounded(after[name]) for name in p}
        chains = float32_rounded(after["chains"])


if __name__ == "__main__":
    main()
