#!/usr/bin/python3
"""Golden data of arch/rwkv: models/arch/rwkv.mlir in PyTorch.

One RWKV-4 block (token-shift time mixing with WKV, channel mixing) and a
language-model head over 8 steps of batch 2, time-major. WKV is computed in
the recurrent O(1)-per-step form with the stabilizer p (as the model's
nn.scan) and in the parallel form (a softmax over a [T, T] matrix of
exponents per channel, as the model's @wkv_parallel); the script asserts
that both agree with the definition of WKV written as its two sums, and
that @loss's gradients are the same through either form. Writes
models/arch/rwkv.safetensors and test/arch/data/rwkv/ (arch_golden.py),
including expected_loss.npy and expected_*.grad.npy, which ctest
arch/rwkv/forms-agree also holds @loss_recurrent's gradient to. Run with
/usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

STEPS, BATCH, WIDTH, HIDDEN, VOCAB = 8, 2, 8, 16, 6
ATT, FFN = "blocks.0.att.", "blocks.0.ffn."


def token_shift(x):
    """x[t-1] at step t, zeros at step 0 ([T, B, C])."""
    return torch.cat([torch.zeros_like(x[:1]), x[:-1]])


def mix(x, prev, mu):
    return x * mu + prev * (1 - mu)


def wkv_recurrent(k, v, time_decay, u):
    """WKV step by step with O(1) state (a, b, p), as the model's scan."""
    w = -torch.exp(time_decay)
    a = torch.zeros_like(k[0])
    b = torch.zeros_like(k[0])
    p = torch.full_like(k[0], -1e30)
    out = []
    for k_t, v_t in zip(k, v):
        uk = u + k_t
        q = torch.maximum(p, uk)
        e1, e2 = torch.exp(p - q), torch.exp(uk - q)
        out.append((e1 * a + e2 * v_t) / (e1 * b + e2))
        pw = p + w
        q = torch.maximum(pw, k_t)
        e1, e2 = torch.exp(pw - q), torch.exp(k_t - q)
        a, b, p = e1 * a + e2 * v_t, e1 * b + e2, q
    return torch.stack(out)


def wkv_parallel(k, v, time_decay, u):
    """WKV of every step at once: softmax over i of the exponents
    k_i - (t-1-i) w (i < t), u + k_t (i = t), -1e30 (i > t)."""
    t = torch.arange(STEPS, dtype=k.dtype)
    lag = t[:, None] - 1 - t[None, :]  # [t, i]
    k_i = k.permute(1, 2, 0)[:, :, None, :]  # [B, C, 1, i]
    past = k_i - lag * torch.exp(time_decay)[:, None, None]
    now = k_i + u[:, None, None]
    exponents = torch.where(lag == -1, now, past)
    exponents = torch.where(lag < -1, torch.full_like(past, -1e30), exponents)
    weights = torch.softmax(exponents, dim=3)
    wkv = weights @ v.permute(1, 2, 0)[..., None]  # [B, C, T, 1]
    return wkv[..., 0].permute(2, 0, 1)


def wkv_definition(k, v, time_decay, u):
    """WKV as its two sums, term by term, no stabilizer (float64)."""
    w = torch.exp(time_decay)
    out = []
    for t in range(STEPS):
        num = torch.exp(u + k[t]) * v[t]
        den = torch.exp(u + k[t])
        for i in range(t):
            e = torch.exp(-(t - 1 - i) * w + k[i])
            num, den = num + e * v[i], den + e
        out.append(num / den)
    return torch.stack(out)


def time_mixing_inputs(p, tokens):
    x = p["emb.weight"][tokens]
    a = F.layer_norm(x, (WIDTH,), p["blocks.0.ln1.weight"], p["blocks.0.ln1.bias"])
    prev = token_shift(a)
    k = mix(a, prev, p[ATT + "time_mix_k"]) @ p[ATT + "key.weight"].T
    v = mix(a, prev, p[ATT + "time_mix_v"]) @ p[ATT + "value.weight"].T
    r = torch.sigmoid(mix(a, prev, p[ATT + "time_mix_r"]) @ p[ATT + "receptance.weight"].T)
    return x, k, v, r


def block_output(p, x, r, wkv):
    x1 = x + (r * wkv) @ p[ATT + "output.weight"].T
    c = F.layer_norm(x1, (WIDTH,), p["blocks.0.ln2.weight"], p["blocks.0.ln2.bias"])
    prev = token_shift(c)
    k = torch.relu(mix(c, prev, p[FFN + "time_mix_k"]) @ p[FFN + "key.weight"].T) ** 2
    gate = torch.sigmoid(mix(c, prev, p[FFN + "time_mix_r"]) @ p[FFN + "receptance.weight"].T)
    x2 = x1 + gate * (k @ p[FFN + "value.weight"].T)
    o = F.layer_norm(x2, (WIDTH,), p["ln_out.weight"], p["ln_out.bias"])
    return o @ p["head.weight"].T


def forward(p, x):
    """@forward: both forms' WKV and logits."""
    h, k, v, r = time_mixing_inputs(p, x["tokens"])
    decay, u = p[ATT + "time_decay"], p[ATT + "time_first"]
    wkv_rec = wkv_recurrent(k, v, decay, u)
    wkv_par = wkv_parallel(k, v, decay, u)
    return {"wkv_recurrent": wkv_rec, "wkv_parallel": wkv_par,
            "logits_recurrent": block_output(p, h, r, wkv_rec),
            "logits_parallel": block_output(p, h, r, wkv_par)}


def loss_of(logits, targets):
    return F.cross_entropy(logits.reshape(-1, VOCAB), targets)


def main():
    g = Golden("rwkv")
    g.param("emb.weight", (VOCAB, WIDTH), 1.0)
    for norm in ("blocks.0.ln1", "blocks.0.ln2", "ln_out"):
        g.params[norm + ".weight"] = torch.tensor(
            1 + g.normal((WIDTH,), 0.1), dtype=torch.float64, requires_grad=True)
        g.param(norm + ".bias", (WIDTH,), 0.1)
    for prefix, names in ((ATT, "kvr"), (FFN, "kr")):
        for name in names:
            g.params[prefix + "time_mix_" + name] = torch.tensor(
                g.rng.uniform(0.2, 0.9, WIDTH).astype(np.float32),
                dtype=torch.float64, requires_grad=True)
    for name in ("key", "value", "receptance"):
        g.param(ATT + name + ".weight", (WIDTH, WIDTH))
    # Decays e^{-exp(time_decay)} from 0.05 to 0.95 per step; bonus ~ N(0, 0.5).
    g.params[ATT + "time_decay"] = torch.tensor(
        np.log(-np.log(np.linspace(0.05, 0.95, WIDTH))).astype(np.float32),
        dtype=torch.float64, requires_grad=True)
    g.param(ATT + "time_first", (WIDTH,), 0.5)
    g.param(ATT + "output.weight", (WIDTH, WIDTH))
    g.param(FFN + "key.weight", (HIDDEN, WIDTH))
    g.param(FFN + "receptance.weight", (WIDTH, WIDTH))
    g.param(FFN + "value.weight", (WIDTH, HIDDEN))
    g.param("head.weight", (VOCAB, WIDTH))
    # Order the params as the model's arguments (the grads follow it).
    order = ["emb.weight", "blocks.0.ln1.weight", "blocks.0.ln1.bias"] + [
        ATT + n for n in ("time_mix_k", "time_mix_v", "time_mix_r", "key.weight",
                          "value.weight", "receptance.weight", "time_decay",
                          "time_first", "output.weight")] + [
        "blocks.0.ln2.weight", "blocks.0.ln2.bias"] + [
        FFN + n for n in ("time_mix_k", "time_mix_r", "key.weight",
                          "receptance.weight", "value.weight")] + [
        "ln_out.weight", "ln_out.bias", "head.weight"]
    assert sorted(order) == sorted(g.params)
    g.params = {name: g.params[name] for name in order}

    sequence = g.rng.integers(0, VOCAB, (STEPS + 1, BATCH))
    tokens = g.input("tokens", sequence[:-1])
    targets = g.input("targets", sequence[1:].reshape(-1))
    out = forward(g.params, {"tokens": tokens})
    _, k, v, _ = time_mixing_inputs(g.params, tokens)
    by_sums = wkv_definition(k, v, g.params[ATT + "time_decay"], g.params[ATT + "time_first"])
    for form in ("recurrent", "parallel"):
        assert torch.allclose(out["wkv_" + form], by_sums, rtol=1e-12, atol=1e-12), form
    assert torch.allclose(out["logits_recurrent"], out["logits_parallel"],
                          rtol=1e-12, atol=1e-12)
    for name, value in out.items():
        g.expect(name, value)

    # The recurrent form's gradients (BPTT) equal the parallel form's.
    loss_rec = loss_of(out["logits_recurrent"], targets)
    grads_rec = torch.autograd.grad(loss_rec, list(g.params.values()), retain_graph=True)
    loss = loss_of(out["logits_parallel"], targets)
    grads_par = torch.autograd.grad(loss, list(g.params.values()), retain_graph=True)
    for name, a, b in zip(g.params, grads_rec, grads_par):
        assert torch.allclose(a, b, rtol=1e-10, atol=1e-12), name
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
