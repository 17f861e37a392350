#!/usr/bin/python3
"""Golden data of arch/hopfield: models/arch/hopfield.mlir in PyTorch.

Five random bipolar patterns of 64 units are stored by Hebb's rule, one per
@update step (W <- W + xi^T xi / 64, zero diagonal); @forward recalls them
from probes with 8 of 64 units flipped by 512 asynchronous single-unit
updates whose units come from nn.random_uniform's key (unit floor(64 u)),
recording the energy -1/2 s^T W s before and after every update; and
applies the modern Hopfield update X^T softmax(X xi / 8) to the probes,
also as scaled dot-product attention.
Asserts: the energy of every probe never increases over the 512 updates;
every probe is recalled as the pattern it was made from, a fixed point of
the dynamics;
the modern update equals torch.nn.MultiheadAttention (one head, identity
projections, no biases) on queries = probes and keys = values = patterns
(to 1e-12), and its sign recalls every pattern in one step.
Writes models/arch/hopfield.safetensors (the stored weights and the
patterns), test/arch/data/hopfield/ and test/arch/data/hopfield/learn/.
Run with /usr/bin/python3 (Debian's python3-torch).
"""

import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from arch_golden import Golden  # noqa: E402
import counter_random  # noqa: E402

UNITS, PATTERNS, FLIPS, UPDATES, KEY = 64, 5, 8, 512, 11
BETA = 1.0 / np.sqrt(UNITS)


def hebbian(w, xi):
    """Hebb's rule: W + xi^T xi / N with the diagonal kept at zero."""
    outer = xi.T @ xi / UNITS
    return w + outer * (1 - torch.eye(UNITS, dtype=w.dtype))


def energy(s, w):
    """E(s) = -1/2 s^T W s of every row of s."""
    return -0.5 * ((s @ w) * s).sum(1)


def update_units(key):
    """The unit of each asynchronous update: floor(64 u), u uniform from key."""
    u = counter_random.random_uniform(key, (UPDATES,), np.float32)
    return (u.astype(np.float64) * UNITS).astype(np.int64)


def asynchronous(w, probes, units):
    """The states after updating `units` one at a time, and the energies
    before and after every update ([len(units) + 1, batch])."""
    s = probes.clone()
    energies = [energy(s, w)]
    for i in units:
        field = s @ w[:, i]
        s[:, i] = torch.where(field > 0, 1.0, torch.where(field < 0, -1.0, s[:, i]))
        energies.append(energy(s, w))
    return s, torch.stack(energies)


def modern(patterns, probes):
    """The modern Hopfield update of every probe as a column:
    X^T softmax(beta X xi)."""
    separation = torch.softmax(BETA * patterns @ probes.T, dim=0)
    return (patterns.T @ separation).T


def forward(p, x):
    """@forward: classical recall with energies, the modern update and the
    same as attention."""
    recalled, energies = asynchronous(p["weight"], x["probes"],
                                      update_units(int(x["key"])))
    scores = x["probes"] @ p["patterns"].T / np.sqrt(UNITS)
    attention = torch.softmax(scores, dim=1) @ p["patterns"]
    return {"recalled": recalled, "energy": energies,
            "modern_recalled": modern(p["patterns"], x["probes"]),
            "attention": attention}


def main():
    g = Golden("hopfield")
    patterns = torch.tensor(g.rng.choice([-1.0, 1.0], (PATTERNS, UNITS)))
    w = torch.zeros(UNITS, UNITS, dtype=torch.float64)
    for t in range(PATTERNS):
        xi = patterns[t:t + 1]
        w_next = hebbian(w, xi)
        g.learn_step(t, {"weight": w, "new_patterns": xi}, {"weight": w_next})
        w = w_next
    assert torch.equal(w, patterns.T @ patterns / UNITS - PATTERNS / UNITS * torch.eye(UNITS))

    probes = patterns.clone()
    for row in probes:
        row[g.rng.choice(UNITS, FLIPS, replace=False)] *= -1
    g.params["weight"] = w
    g.params["patterns"] = patterns
    inputs = {"probes": g.input("probes", probes.numpy()),
              "key": g.input("key", np.array(KEY, dtype=np.int64))}
    out = forward(g.params, inputs)

    steps = out["energy"][1:] - out["energy"][:-1]
    assert (steps <= 0).all(), "the energy increased"
    recalled = out["recalled"]
    units = update_units(KEY)
    print("%d of %d units updated at least once; %d updates flipped a unit"
          % (len(set(units.tolist())), UNITS, int((steps < 0).sum())))
    assert torch.equal(recalled, patterns), "a pattern was not recalled"
    fields = recalled @ w
    assert (fields * recalled > 0).all(), "a recalled pattern is not a fixed point"
    print("energies of the stored patterns:", energy(patterns, w).tolist())

    # The modern update is attention: torch.nn.MultiheadAttention, one head
    # with identity projections, scales by 1/sqrt(64) = beta.
    attention = torch.nn.MultiheadAttention(UNITS, 1, bias=False).double()
    with torch.no_grad():
        attention.in_proj_weight.copy_(torch.eye(UNITS).repeat(3, 1))
        attention.out_proj.weight.copy_(torch.eye(UNITS))
        reference, _ = attention(probes[:, None], patterns[:, None], patterns[:, None])
    reference = reference[:, 0]
    assert torch.allclose(out["modern_recalled"], reference, rtol=0, atol=1e-12)
    assert torch.allclose(out["attention"], reference, rtol=0, atol=1e-12)
    assert torch.equal(torch.sign(out["modern_recalled"]), patterns)
    print("modern update: largest |xi_new - pattern| %.3g"
          % (out["modern_recalled"] - patterns).abs().max())

    for name, value in out.items():
        g.expect(name, value)
    g.save_weights()


if __name__ == "__main__":
    main()
