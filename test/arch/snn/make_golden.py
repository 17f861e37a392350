#!/usr/bin/python3
"""Golden data of arch/snn: models/arch/snn.mlir in PyTorch.

Two layers of leaky integrate-and-fire neurons (snnTorch's Leaky, reset by
subtraction, the reset detached) over 25 steps, each with beta =
exp(-dt / tau) from a learned time constant per neuron; spikes are a
Heaviside step whose backward is the fast-sigmoid surrogate
1 / (25 |v| + 1)^2 (snntorch.surrogate.fast_sigmoid, its default), written
as a torch.autograd.Function. @loss is the cross-entropy of the output
spike counts. Asserts: the surrogate's backward is that formula while its
forward is the step; every membrane stays at least MARGIN away from the
threshold (so float32 and float64 fire the same spikes); both layers fire
but not always; the loss reaches every weight only through the surrogate
(nonzero gradients, where the step's true derivative would give zero).
Writes models/arch/snn.safetensors and test/arch/data/snn/ (arch_golden.py).
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

STEPS, BATCH, INPUTS, HIDDEN, CLASSES = 25, 4, 5, 8, 3
DT, THRESHOLD, SLOPE = 1.0, 1.0, 25.0
MARGIN = 1e-4  # smallest |mem - threshold|: 100x float32 rounding of mem


class FastSigmoidSpike(torch.autograd.Function):
    """Heaviside step forward; fast-sigmoid surrogate derivative backward."""

    @staticmethod
    def forward(ctx, v):
        ctx.save_for_backward(v)
        return (v > 0).to(v.dtype)

    @staticmethod
    def backward(ctx, grad):
        (v,) = ctx.saved_tensors
        return grad / (SLOPE * v.abs() + 1.0) ** 2


def lif_step(beta, mem, current):
    """One Leaky step: the detached reset from mem, the new mem and spike."""
    reset = FastSigmoidSpike.apply(mem - THRESHOLD).detach()
    mem = beta * mem + current - reset * THRESHOLD
    return mem, FastSigmoidSpike.apply(mem - THRESHOLD)


def run(p, x):
    """Both layers over time: layer 1's spikes and membranes, layer 2's."""
    beta1 = torch.exp(-DT / p["lif1.tau"])
    beta2 = torch.exp(-DT / p["lif2.tau"])
    current1 = x @ p["fc1.weight"].T + p["fc1.bias"]
    mem1 = torch.zeros(x.shape[1], HIDDEN, dtype=x.dtype)
    mem2 = torch.zeros(x.shape[1], CLASSES, dtype=x.dtype)
    record = {"spk1": [], "mem1": [], "mem2": [], "spk2": []}
    for current in current1:
        mem1, spk1 = lif_step(beta1, mem1, current)
        mem2, spk2 = lif_step(beta2, mem2, spk1 @ p["fc2.weight"].T + p["fc2.bias"])
        for name, value in zip(record, (spk1, mem1, mem2, spk2)):
            record[name].append(value)
    return {k: torch.stack(v) for k, v in record.items()}


def forward(p, x):
    """@forward: layer 1's spikes, layer 2's membranes, output counts."""
    r = run(p, x["x"])
    return {"spk1": r["spk1"], "mem2": r["mem2"], "counts": r["spk2"].sum(0)}


def check_surrogate():
    v = torch.linspace(-0.5, 0.5, 101, dtype=torch.float64, requires_grad=True)
    spikes = FastSigmoidSpike.apply(v)
    assert torch.equal(spikes, (v > 0).double())
    spikes.sum().backward()
    assert torch.allclose(v.grad, 1.0 / (SLOPE * v.detach().abs() + 1.0) ** 2)


def main():
    check_surrogate()
    g = Golden("snn")
    g.param("fc1.weight", (HIDDEN, INPUTS), 1.0)
    g.param("fc1.bias", (HIDDEN,), 0.1)
    g.param("lif1.tau", (HIDDEN,), 0.0)
    g.param("fc2.weight", (CLASSES, HIDDEN), 1.0)
    g.param("fc2.bias", (CLASSES,), 0.1)
    g.param("lif2.tau", (CLASSES,), 0.0)
    with torch.no_grad():  # time constants 2 .. 8 steps
        g.params["lif1.tau"].copy_(torch.tensor(
            g.rng.uniform(2.0, 8.0, HIDDEN).astype(np.float32), dtype=torch.float64))
        g.params["lif2.tau"].copy_(torch.tensor(
            g.rng.uniform(2.0, 8.0, CLASSES).astype(np.float32), dtype=torch.float64))
    x = g.input("x", g.normal((STEPS, BATCH, INPUTS), 0.8) + 0.3)
    y = g.input("y", g.rng.integers(0, CLASSES, BATCH))

    r = run(g.params, x)
    beta = torch.exp(-DT / g.params["lif1.tau"])
    assert torch.all((beta > 0) & (beta < 1))
    for mem in (r["mem1"], r["mem2"]):
        gap = (mem - THRESHOLD).abs().min().item()
        assert gap > MARGIN, "a membrane %.2e from the threshold" % gap
    for spikes in (r["spk1"], r["spk2"]):
        rate = spikes.mean().item()
        assert 0.1 < rate < 0.9, "firing rate %.2f" % rate
    out = forward(g.params, {"x": x})
    assert torch.equal(out["spk1"], r["spk1"])
    for name, value in out.items():
        g.expect(name, value)
    g.expect_gradients(F.cross_entropy(out["counts"], y))
    for name, p in g.params.items():
        assert p.grad.abs().max() > 0, name + " gets no gradient"
    g.save_weights()


if __name__ == "__main__":
    main()
