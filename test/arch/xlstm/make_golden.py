#!/usr/bin/python3
"""Golden data of arch/xlstm: models/arch/xlstm.mlir in PyTorch.

An sLSTM layer (exponential gating with normalizer and stabilizer states)
and an mLSTM layer (matrix memory) over 8 steps of batch 2, time-major, and
a linear head on the last step. The mLSTM runs in its recurrent form (as the
model's nn.scan) and its parallel form (as @mlstm_parallel); the script
asserts that both agree with the mLSTM written without stabilizer, that the
stabilized sLSTM agrees with the sLSTM written without stabilizer, and that
@loss's gradients are the same through either mLSTM form. Writes
models/arch/xlstm.safetensors and test/arch/data/xlstm/ (arch_golden.py);
ctest arch/xlstm/recurrent-grad holds @loss_recurrent's compiled gradient to
the same expected_*.grad.npy. Run with /usr/bin/python3.
"""

import math
import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

STEPS, BATCH, INPUT, HIDDEN, CLASSES = 8, 2, 4, 8, 3
IGATE_BIAS = 1.0


def slstm(p, x):
    """Stabilized sLSTM from zero states: every h_t, final n_T and m_T."""
    h = c = n = m = torch.zeros(BATCH, HIDDEN, dtype=x.dtype)
    hs = []
    for x_t in x:
        pre = x_t @ p["slstm.weight_ih"].T + h @ p["slstm.weight_hh"].T + p["slstm.bias"]
        pre_z, pre_i, pre_f, pre_o = pre.split(HIDDEN, dim=1)
        m_next = torch.maximum(pre_f + m, pre_i)
        i = torch.exp(pre_i - m_next)
        f = torch.exp(pre_f + m - m_next)
        c = f * c + i * torch.tanh(pre_z)
        n = f * n + i
        m = m_next
        h = torch.sigmoid(pre_o) * c / n
        hs.append(h)
    return torch.stack(hs), n, m


def slstm_unstabilized(p, x):
    """sLSTM with the gates exp(i~), exp(f~) as they are: every h_t."""
    h = c = n = torch.zeros(BATCH, HIDDEN, dtype=x.dtype)
    hs = []
    for x_t in x:
        pre = x_t @ p["slstm.weight_ih"].T + h @ p["slstm.weight_hh"].T + p["slstm.bias"]
        pre_z, pre_i, pre_f, pre_o = pre.split(HIDDEN, dim=1)
        c = torch.exp(pre_f) * c + torch.exp(pre_i) * torch.tanh(pre_z)
        n = torch.exp(pre_f) * n + torch.exp(pre_i)
        h = torch.sigmoid(pre_o) * c / n
        hs.append(h)
    return torch.stack(hs)


def mlstm_inputs(p, u):
    def linear(name):
        return u @ p["mlstm.%s.weight" % name].T + p["mlstm.%s.bias" % name]
    return (linear("q"), linear("k") / math.sqrt(HIDDEN), linear("v"),
            linear("igate"), F.logsigmoid(linear("fgate")),
            torch.sigmoid(linear("ogate")))


def mlstm_recurrent(q, k, v, pre_i, log_f):
    """Stabilized recurrence carrying (C, n, m): states before the output
    gate, and the final C."""
    c = torch.zeros(BATCH, HIDDEN, HIDDEN, dtype=q.dtype)
    n = torch.zeros(BATCH, HIDDEN, dtype=q.dtype)
    m = torch.zeros(BATCH, 1, dtype=q.dtype)
    hs = []
    for q_t, k_t, v_t, i_t, lf_t in zip(q, k, v, pre_i, log_f):
        m_next = torch.maximum(lf_t + m, i_t)
        i = torch.exp(i_t - m_next)
        f = torch.exp(lf_t + m - m_next)
        c = f[:, :, None] * c + i[:, :, None] * (v_t[:, :, None] @ k_t[:, None, :])
        n = f * n + i * k_t
        m = m_next
        den = torch.maximum((n * q_t).sum(1, keepdim=True).abs(), torch.exp(-m))
        hs.append((c @ q_t[:, :, None])[:, :, 0] / den)
    return torch.stack(hs), c


def mlstm_parallel(q, k, v, pre_i, log_f):
    """All steps at once from the log gate matrix D~ (batch-major inside)."""
    cum = torch.cumsum(log_f.permute(1, 0, 2), dim=1)  # [B, T, 1]
    log_d = cum - cum.transpose(1, 2) + pre_i.permute(1, 2, 0)
    future = torch.ones(STEPS, STEPS).triu(1).bool()
    log_d = torch.where(future, torch.full_like(log_d, -1e30), log_d)
    m = log_d.max(dim=2, keepdim=True).values
    s = (q.transpose(0, 1) @ k.permute(1, 2, 0)) * torch.exp(log_d - m)
    den = torch.maximum(s.sum(2, keepdim=True).abs(), torch.exp(-m))
    return ((s / den) @ v.transpose(0, 1)).transpose(0, 1)


def mlstm_unstabilized(q, k, v, pre_i, log_f):
    """The mLSTM's definition: C_t = f_t C + i_t v k^T, n_t = f_t n + i_t k,
    C_t q_t / max(|n_t . q_t|, 1), with f = sigmoid(f~), i = exp(i~).
    Also returns every |n_t . q_t|."""
    c = torch.zeros(BATCH, HIDDEN, HIDDEN, dtype=q.dtype)
    n = torch.zeros(BATCH, HIDDEN, dtype=q.dtype)
    hs, dots = [], []
    for q_t, k_t, v_t, i_t, lf_t in zip(q, k, v, pre_i, log_f):
        f, i = torch.exp(lf_t), torch.exp(i_t)
        c = f[:, :, None] * c + i[:, :, None] * (v_t[:, :, None] @ k_t[:, None, :])
        n = f * n + i * k_t
        dots.append((n * q_t).sum(1, keepdim=True).abs())
        hs.append((c @ q_t[:, :, None])[:, :, 0] / torch.clamp(dots[-1], min=1.0))
    return torch.stack(hs), torch.stack(dots)


def output(p, o, h_raw):
    h = o * h_raw
    return h, h[-1] @ p["head.weight"].T + p["head.bias"]


def forward(p, x):
    """@forward: the sLSTM's states, both mLSTM forms and their logits."""
    hs, n, m = slstm(p, x["x"])
    q, k, v, pre_i, log_f, o = mlstm_inputs(p, hs)
    raw_rec, c = mlstm_recurrent(q, k, v, pre_i, log_f)
    raw_par = mlstm_parallel(q, k, v, pre_i, log_f)
    h_rec, logits_rec = output(p, o, raw_rec)
    h_par, logits_par = output(p, o, raw_par)
    return {"slstm_h": hs, "slstm_n": n, "slstm_m": m,
            "mlstm_recurrent": h_rec, "mlstm_parallel": h_par, "mlstm_c": c,
            "logits_recurrent": logits_rec, "logits_parallel": logits_par}


def loss_of(h, logits, y):
    return F.cross_entropy(logits, y) + 0.01 * (h ** 2).mean()


def main():
    g = Golden("xlstm")
    g.param("slstm.weight_ih", (4 * HIDDEN, INPUT), 0.5)
    g.param("slstm.weight_hh", (4 * HIDDEN, HIDDEN), 0.3)
    g.param("slstm.bias", (4 * HIDDEN,), 0.5)
    for name in ("q", "k", "v", "igate", "fgate", "ogate"):
        rows = 1 if name in ("igate", "fgate") else HIDDEN
        g.param("mlstm.%s.weight" % name, (rows, HIDDEN), 0.5)
        g.param("mlstm.%s.bias" % name, (rows,), 0.5)
    # An input gate exp(i~) around e^IGATE_BIAS, so |n . q| falls on both
    # sides of the normalizer's floor 1.
    g.params["mlstm.igate.bias"] = torch.tensor(
        [IGATE_BIAS], dtype=torch.float64, requires_grad=True)
    g.param("head.weight", (CLASSES, HIDDEN), 0.5)
    g.param("head.bias", (CLASSES,), 0.5)

    x = g.input("x", g.normal((STEPS, BATCH, INPUT)))
    y = g.input("y", g.rng.integers(0, CLASSES, BATCH))
    out = forward(g.params, {"x": x})
    p = g.params
    assert torch.allclose(out["slstm_h"], slstm_unstabilized(p, x), rtol=1e-12, atol=1e-12)
    inputs = mlstm_inputs(p, out["slstm_h"])
    o = inputs[-1]
    by_definition, dots = mlstm_unstabilized(*inputs[:-1])
    for form in ("recurrent", "parallel"):
        assert torch.allclose(out["mlstm_" + form], o * by_definition,
                              rtol=1e-12, atol=1e-12), form
    # The data reaches both sides of the normalizer's max(|n . q|, 1), away
    # from the kink (where float32 rounding could pick the other side).
    assert (dots > 1.01).any() and (dots < 0.99).any(), dots
    assert ((dots - 1).abs() > 0.01).all(), dots
    for name, value in out.items():
        g.expect(name, value)

    loss_rec = loss_of(out["mlstm_recurrent"], out["logits_recurrent"], y)
    grads_rec = torch.autograd.grad(loss_rec, list(p.values()), retain_graph=True)
    loss = loss_of(out["mlstm_parallel"], out["logits_parallel"], y)
    grads_par = torch.autograd.grad(loss, list(p.values()), retain_graph=True)
    for name, a, b in zip(p, grads_rec, grads_par):
        assert torch.allclose(a, b, rtol=1e-10, atol=1e-12), name
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
