#!/usr/bin/python3
"""Golden data of arch/rbm: models/arch/rbm.mlir in PyTorch.

A restricted Boltzmann machine (6 visible, 4 hidden binary units, batch 8):
energy, free energy, both conditionals, block Gibbs sampling with the
uniforms nn.random_uniform draws from the keys (scripts/counter_random.py),
and CD-k steps of @update for k = 1, 2, 3, 5 and 0 from one compiled model.
Asserts that the free energy is -log sum_h exp(-E(v, h)) (all 16 hidden
configurations), that the two conditionals are the normalized Boltzmann
weights, and that no uniform lies within 1e-5 of the probability it is
compared with (float32 and float64 make the same decisions). Writes
models/arch/rbm.safetensors and test/arch/data/rbm/ (arch_golden.py). Run
with /usr/bin/python3.
"""

import itertools
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden, Margin, float32_rounded, safe_key  # noqa: E402

B, NV, NH = 8, 6, 4
LR = 0.1
MARGIN = 1e-5
LEARN_KS = [1, 2, 3, 5, 1, 2, 0, 3, 1, 4]


def hidden_probability(v, p):
    return torch.sigmoid(p["hidden_bias"] + v @ p["weight"])


def visible_probability(h, p):
    return torch.sigmoid(p["visible_bias"] + h @ p["weight"].T)


def energy(v, h, p):
    return -(v @ p["visible_bias"] + h @ p["hidden_bias"]
             + ((v @ p["weight"]) * h).sum(1))


def free_energy(v, p):
    return -(v @ p["visible_bias"]
             + F.softplus(p["hidden_bias"] + v @ p["weight"]).sum(1))


def sample_chain(v0, key, k, p, margin):
    """h_0 from key, then k block Gibbs steps, step t from key + 1 + 2t
    (visible) and key + 2 + 2t (hidden): v_k, h_k."""
    v = v0
    h = margin.bernoulli(key, hidden_probability(v0, p))
    for t in range(k):
        v = margin.bernoulli(key + 1 + 2 * t, visible_probability(h, p))
        h = margin.bernoulli(key + 2 + 2 * t, hidden_probability(v, p))
    return v, h


def run_forward(p, x, margin):
    v, h = x["v"], x["h"]
    vk, hk = sample_chain(v, int(x["key"]), int(x["k"]), p, margin)
    return {"energy": energy(v, h, p), "free_energy": free_energy(v, p),
            "p_h_given_v": hidden_probability(v, p),
            "p_v_given_h": visible_probability(h, p), "v_k": vk, "h_k": hk}


def forward(p, x):
    """@forward: energies, conditionals and k Gibbs steps from v."""
    return run_forward(p, x, Margin())


def cd_step(p, v0, key, k, margin):
    """@update: one CD-k step; the new state, v_k and the reconstruction
    error."""
    ph0 = hidden_probability(v0, p)
    vk, _ = sample_chain(v0, key, k, p, margin)
    phk = hidden_probability(vk, p)
    return {
        "weight": p["weight"] + LR / B * (v0.T @ ph0 - vk.T @ phk),
        "visible_bias": p["visible_bias"] + LR * (v0 - vk).mean(0),
        "hidden_bias": p["hidden_bias"] + LR * (ph0 - phk).mean(0),
        "v_k": vk,
        "reconstruction_error": ((v0 - vk) ** 2).mean(),
    }


def check_distributions(p):
    """F(v) = -log sum_h exp(-E(v, h)), and p(h | v), p(v | h) are the
    normalized exp(-E) over the other layer's configurations."""
    hs = torch.tensor(list(itertools.product([0.0, 1.0], repeat=NH)),
                      dtype=torch.float64)
    vs = torch.tensor(list(itertools.product([0.0, 1.0], repeat=NV)),
                      dtype=torch.float64)
    for v in vs:
        e = energy(v.expand(len(hs), NV), hs, p)
        assert torch.allclose(free_energy(v[None], p)[0], -torch.logsumexp(-e, 0),
                              rtol=1e-12, atol=1e-12)
        weights = torch.softmax(-e, 0)
        assert torch.allclose(weights @ hs, hidden_probability(v[None], p)[0],
                              rtol=1e-12, atol=1e-12)
    for h in hs:
        e = energy(vs, h.expand(len(vs), NH), p)
        weights = torch.softmax(-e, 0)
        assert torch.allclose(weights @ vs, visible_probability(h[None], p)[0],
                              rtol=1e-12, atol=1e-12)


def main():
    g = Golden("rbm")
    p = {"weight": g.param("weight", (NV, NH), scale=1.0),
         "visible_bias": g.param("visible_bias", (NV,), scale=0.5),
         "hidden_bias": g.param("hidden_bias", (NH,), scale=0.5)}
    g.save_weights()
    p = {name: float32_rounded(t) for name, t in p.items()}
    check_distributions(p)

    v = torch.from_numpy((g.rng.random((B, NV)) < 0.5).astype(np.float32)).double()
    h = torch.from_numpy((g.rng.random((B, NH)) < 0.5).astype(np.float32)).double()
    k = 3
    key = safe_key(7, lambda key, m: sample_chain(v, key, k, p, m), MARGIN)
    x = {"v": g.input("v", v.numpy()), "h": g.input("h", h.numpy()),
         "key": g.input("key", np.array(key)), "k": g.input("k", np.array(k))}
    margin = Margin()
    out = run_forward(p, x, margin)
    assert margin.smallest > MARGIN
    for name, value in out.items():
        g.expect(name, value)

    # CD-k on a batch of two noisy prototypes, one step per k of LEARN_KS.
    prototypes = np.array([[1, 1, 1, 0, 0, 0], [0, 0, 0, 1, 1, 1]], np.float32)
    state = dict(p)
    for t, k in enumerate(LEARN_KS):
        flips = g.rng.random((B, NV)) < 0.1
        batch = np.abs(prototypes[np.arange(B) % 2] - flips).astype(np.float32)
        v0 = torch.from_numpy(batch).double()
        key = safe_key(100 + t, lambda key, m: cd_step(state, v0, key, k, m),
                       MARGIN)
        margin = Margin()
        after = cd_step(state, v0, key, k, margin)
        assert margin.smallest > MARGIN
        if k == 0:
            assert torch.equal(after["weight"], state["weight"])
        g.learn_step(t, {**state, "v": v0, "key": np.array(key), "k": np.array(k)},
                     after)
        state = {name: float32_rounded(after[name]) for name in p}


if __name__ == "__main__":
    main()
