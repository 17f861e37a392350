#!/usr/bin/python3
"""Golden data of arch/stdp: models/arch/stdp.mlir in PyTorch.

Spike-timing-dependent plasticity on a layer of 4 leaky integrate-and-fire
neurons driven by 8 Poisson inputs, in discrete steps (dt = 1):
    v      = BETA v + W s_pre;  s_post = (v > THRESHOLD);  v = v (1 - s_post)
    x_pre  = x_pre exp(-1 / TAU_PLUS);  x_post = x_post exp(-1 / TAU_MINUS)
    W      = clamp(W + A_PLUS s_post x_pre^T - A_MINUS x_post s_pre^T,
                   0, W_MAX)
    x_pre += s_pre;  x_post += s_post
The traces x_pre and x_post remember past spikes (decayed before this
step's spikes are added), so a post spike potentiates each synapse by
A_PLUS exp(-dt / TAU_PLUS) for a pre spike dt > 0 steps before it, and a
pre spike depresses it by A_MINUS exp(-dt / TAU_MINUS) for a post spike dt
steps before it (all pairs add up). @update runs STEPS_PER_UPDATE steps
with input spikes drawn by nn.random_uniform(key) < rates.

@forward shows the windows and the traces: `window` is the weight change
the same rule gives a synapse for one pre and one post spike at offsets
dt = t_post - t_pre in -10..10 (asserted equal to the exponentials above);
and on given input spike trains the layer's post spikes, membranes and both
traces at every step.

Asserts: every uniform is at least MARGIN from its rate and every membrane
at least MARGIN from the threshold (float32 and float64 spike alike); the
window is A_PLUS exp(-dt / TAU_PLUS) for dt > 0, -A_MINUS exp(dt /
TAU_MINUS) for dt < 0 and 0 at dt = 0; training both potentiates and
depresses synapses. Writes models/arch/stdp.safetensors, test/arch/data/stdp/
and learn/step_<t>/ (arch_golden.py). Run with /usr/bin/python3.
"""

import math
import os
import sys

import numpy as np
import torch

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from arch_golden import Golden  # noqa: E402
from counter_random import random_uniform  # noqa: E402

INPUTS, OUTPUTS = 8, 4
BETA, THRESHOLD = 0.9, 1.0
A_PLUS, A_MINUS, TAU_PLUS, TAU_MINUS, W_MAX = 0.05, 0.03, 4.0, 8.0, 1.0
STEPS_PER_UPDATE, UPDATES, FORWARD_STEPS = 25, 8, 25
OFFSETS = list(range(-10, 11))  # dt = t_post - t_pre of the window pairs
PAIR_TIME = 12  # the pre spike's step in every window pair
MARGIN = 1e-4  # smallest |v - threshold| and |u - rate|: ~1000x float32 rounding


def decays(dtype):
    return (torch.exp(torch.tensor(-1.0 / TAU_PLUS, dtype=dtype)),
            torch.exp(torch.tensor(-1.0 / TAU_MINUS, dtype=dtype)))


def layer_step(w, v, s_pre):
    """The neurons' step: membranes after reset and the post spikes."""
    v = BETA * v + w @ s_pre
    assert (v - THRESHOLD).abs().min() > MARGIN, "a membrane at the threshold"
    s_post = (v > THRESHOLD).to(v.dtype)
    return v * (1 - s_post), s_post


def plasticity(x_pre, x_post, s_pre, s_post):
    """The traces decayed, the weight change they give with this step's
    spikes, and the traces with the spikes added."""
    d_plus, d_minus = decays(x_pre.dtype)
    x_pre, x_post = x_pre * d_plus, x_post * d_minus
    ltp = A_PLUS * s_post[..., :, None] * x_pre[..., None, :]
    ltd = A_MINUS * x_post[..., :, None] * s_pre[..., None, :]
    return ltp, ltd, x_pre + s_pre, x_post + s_post


def window(pre, post):
    """The weight change of synapse k for spike trains pre[:, k] and
    post[:, k] (the rule without neurons and clamping)."""
    dw = torch.zeros(pre.shape[1], dtype=pre.dtype)
    x_pre, x_post = torch.zeros_like(dw), torch.zeros_like(dw)
    for s_pre, s_post in zip(pre, post):
        d_plus, d_minus = decays(dw.dtype)
        x_pre, x_post = x_pre * d_plus, x_post * d_minus
        dw = dw + A_PLUS * s_post * x_pre - A_MINUS * x_post * s_pre
        x_pre, x_post = x_pre + s_pre, x_post + s_post
    return dw


def forward(p, x):
    """@forward: the STDP window of the pairs, and the layer on spike
    trains (post spikes, membranes, traces at every step)."""
    w, spikes = p["weights"], x["spikes"]
    v = torch.zeros(OUTPUTS, dtype=w.dtype)
    x_pre = torch.zeros(INPUTS, dtype=w.dtype)
    x_post = torch.zeros(OUTPUTS, dtype=w.dtype)
    record = {"post_spikes": [], "membrane": [], "pre_trace": [],
              "post_trace": []}
    for s_pre in spikes:
        v, s_post = layer_step(w, v, s_pre)
        _, _, x_pre, x_post = plasticity(x_pre, x_post, s_pre, s_post)
        for name, value in zip(record, (s_post, v, x_pre, x_post)):
            record[name].append(value)
    out = {k: torch.stack(v) for k, v in record.items()}
    out["window"] = window(x["pair_pre"], x["pair_post"])
    return out


def update(state, rates, key):
    """@update: STEPS_PER_UPDATE steps of the layer learning by STDP."""
    u = torch.from_numpy(random_uniform(key, (STEPS_PER_UPDATE, INPUTS))).double()
    assert (u - rates).abs().min() > MARGIN, "a uniform at its rate"
    pre = (u < rates).double()
    w, x_pre, x_post, v = (state[k] for k in
                           ("weights", "pre_trace", "post_trace", "membrane"))
    posts, potentiation, depression = [], 0.0, 0.0
    for s_pre in pre:
        v, s_post = layer_step(w, v, s_pre)
        ltp, ltd, x_pre, x_post = plasticity(x_pre, x_post, s_pre, s_post)
        w = (w + ltp - ltd).clamp(0, W_MAX)
        potentiation += float(ltp.sum())
        depression += float(ltd.sum())
        posts.append(s_post)
    new = {"weights": w, "pre_trace": x_pre, "post_trace": x_post,
           "membrane": v}
    return new, pre, torch.stack(posts), potentiation, depression


def pairs():
    """Spike trains of the window: pair k has one pre spike at PAIR_TIME and
    one post spike at PAIR_TIME + OFFSETS[k]."""
    pre = np.zeros((FORWARD_STEPS, len(OFFSETS)), np.float32)
    post = np.zeros_like(pre)
    for k, dt in enumerate(OFFSETS):
        pre[PAIR_TIME, k] = 1
        post[PAIR_TIME + dt, k] = 1
    return pre, post


def check_window(dw):
    for k, dt in enumerate(OFFSETS):
        if dt > 0:
            expected = A_PLUS * math.exp(-dt / TAU_PLUS)
        elif dt < 0:
            expected = -A_MINUS * math.exp(dt / TAU_MINUS)
        else:
            expected = 0.0
        assert abs(float(dw[k]) - expected) < 1e-12, (dt, float(dw[k]))


def main():
    gold = Golden("stdp", seed=7)
    rng = gold.rng
    f32 = lambda a: torch.tensor(np.asarray(a, np.float32), dtype=torch.float64)
    gold.params["weights"] = f32(rng.uniform(0.1, 0.5, (OUTPUTS, INPUTS)))
    pair_pre, pair_post = pairs()
    x = {"spikes": gold.input(
             "spikes", rng.random((FORWARD_STEPS, INPUTS)) < 0.3),
         "pair_pre": gold.input("pair_pre", pair_pre),
         "pair_post": gold.input("pair_post", pair_post)}
    out = forward(gold.params, x)
    check_window(out["window"])
    assert 0 < float(out["post_spikes"].sum()) < out["post_spikes"].numel()
    for name, value in out.items():
        gold.expect(name, value)

    state = {"weights": gold.params["weights"],
             "pre_trace": torch.zeros(INPUTS, dtype=torch.float64),
             "post_trace": torch.zeros(OUTPUTS, dtype=torch.float64),
             "membrane": torch.zeros(OUTPUTS, dtype=torch.float64)}
    rates = f32(np.linspace(0.05, 0.4, INPUTS))
    potentiation = depression = 0.0
    for k in range(UPDATES):
        key = 1000 + k
        new, pre, post, ltp, ltd = update(state, rates, key)
        potentiation, depression = potentiation + ltp, depression + ltd
        gold.learn_step(k, dict(state, rates=rates, key=np.int64(key)),
                        dict(new, pre_spikes=pre, post_spikes=post))
        state = {k: f32(v.numpy()) for k, v in new.items()}
    print("potentiation %.4f, depression %.4f; weights by input rate:"
          % (potentiation, depression), state["weights"].mean(0).numpy())
    assert potentiation > 0 and depression > 0
    gold.save_weights()


if __name__ == "__main__":
    main()
