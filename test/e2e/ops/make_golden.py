#!/usr/bin/python3
"""Writes the inputs and PyTorch's expected outputs of the per-op models.

Each test/e2e/ops/<group>.mlir is a `@forward` that applies a few nn ops to
its inputs; this script makes those inputs (float32, or i32/i64/bool where
the model says so) and computes every output with the PyTorch function that the
op's reference semantics name (ir/NNOps.td), in float32 as PyTorch does.

Writes, relative to this folder, for every group:
  data/<group>/<input>.npy            each `nn.input` of the model
  data/<group>/expected_<output>.npy  each `nn.output`, as computed by torch
and checks that the names it writes are exactly the model's `nn.input` and
`nn.output` names (so a renamed output cannot go untested).

Rerun (from anywhere; needs python3-torch and python3-numpy):
  /usr/bin/python3 test/e2e/ops/make_golden.py
Every value is fixed or drawn from a seeded generator, so a rerun reproduces
the same files byte for byte. The outputs are committed test data: rerun only
when a model or an input changes, and commit the regenerated files together.
"""

import os
import re
import shutil
import sys

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from attention_reference import attention as attention_reference  # noqa: E402,E501
from counter_random import keep_mask  # noqa: E402
SEED = 0

f32 = np.float32


def t(a):
    """A torch tensor that shares the numpy array's dtype."""
    return torch.from_numpy(np.ascontiguousarray(a))


# ----------------------------------------------------------------------------
# Groups: each returns (inputs, expected outputs), both {name: numpy array}.
# ----------------------------------------------------------------------------

def activations(rng):
    # Zero, tiny and moderate values, both sides of softplus's thresholds
    # (beta*x = 5 at x = 2.5 for beta 2; x = 20 for the default), and tails
    # where exp overflows float32 (x > 88.7) or sigmoid/gelu saturate.
    x = np.array([
        -100, -30, -20.5, -10, -5, -3, -2.6,
        -2.4, -2, -1.5, -1, -0.75, -0.5, -0.25,
        -0.1, -0.01, -1e-4, 0, 1e-4, 0.01, 0.1,
        0.25, 0.5, 0.75, 1, 1.5, 2, 2.4,
        2.5, 2.6, 3, 5, 8, 10, 15,
        19.5, 20.5, 25, 30, 50, 88, 100,
    ], dtype=f32).reshape(6, 7)
    # Positive inputs of log, sqrt, rsqrt over six decades (1.0 included).
    p = np.logspace(-3, 3, 42).astype(f32)
    p[20] = 1.0
    p = rng.permutation(p).reshape(6, 7)

    tx, tp = t(x), t(p)
    out = {
        "neg": torch.neg(tx),
        "abs": torch.abs(tx),
        "exp": torch.exp(tx),
        "log": torch.log(tp),
        "sqrt": torch.sqrt(tp),
        "rsqrt": torch.rsqrt(tp),
        "sigmoid": torch.sigmoid(tx),
        "tanh": torch.tanh(tx),
        "relu": F.relu(tx),
        "silu": F.silu(tx),
        "mish": F.mish(tx),
        "leaky_relu": F.leaky_relu(tx, negative_slope=0.2),
        "elu": F.elu(tx, alpha=0.5),
        "gelu_none": F.gelu(tx, approximate="none"),
        "gelu_tanh": F.gelu(tx, approximate="tanh"),
        "softplus": F.softplus(tx),
        "softplus_b2_t5": F.softplus(tx, beta=2.0, threshold=5.0),
        "sin": torch.sin(tx),
        "cos": torch.cos(tx),
    }
    return {"x": x, "p": p}, out


def binary(rng):
    a = rng.standard_normal((2, 3, 4)).astype(f32)
    a[np.abs(a) < 0.05] = 0.5  # keep s / a finite and well conditioned
    col = np.array([[1.5], [-0.7], [2.5]], dtype=f32)
    # Used as an addend and as pow's exponents: negative, fractional, integral.
    row = np.array([-2.0, -0.5, 1.5, 3.0], dtype=f32)
    mid = rng.uniform(-2, 2, (2, 1, 4)).astype(f32)
    wide = rng.standard_normal((1, 4)).astype(f32)
    s = np.array(0.75, dtype=f32)
    base = rng.uniform(0.1, 4.0, (2, 3, 4)).astype(f32)
    ia = rng.integers(-50, 50, (2, 3)).astype(np.int32)
    ib = rng.integers(-10, 10, (3,)).astype(np.int32)

    ta, tcol, trow, tmid, twide, ts, tbase = map(t, (a, col, row, mid, wide, s, base))
    tia, tib = t(ia), t(ib)
    out = {
        "add_row": torch.add(ta, trow),
        "add_scalar": torch.add(ts, ta),
        "sub_col": torch.sub(tcol, ta),
        "mul_mid": torch.mul(ta, tmid),
        "div_col": torch.div(ta, tcol),
        "div_scalar": torch.div(ts, ta),
        "pow_row": torch.pow(tbase, trow),
        "pow_mid": torch.pow(tbase, tmid),
        "maximum_both": torch.maximum(twide, tcol),
        "minimum_mid": torch.minimum(tmid, ta),
        "iadd": torch.add(tia, tib),
        "isub": torch.sub(tia, tib),
        "imul": torch.mul(tia, tib),
        "imaximum": torch.maximum(tia, tib),
        "iminimum": torch.minimum(tib, tia),
    }
    inputs = {"a": a, "col": col, "row": row, "mid": mid, "wide": wide,
              "s": s, "base": base, "ia": ia, "ib": ib}
    return inputs, out


def reductions(rng):
    x = rng.standard_normal((3, 4, 5)).astype(f32)
    big = (3 * rng.standard_normal((3, 4, 5))).astype(f32)
    big[0, 1, :] = [1e4, -1e4, 9999, 1e4 - 0.5, 0]
    big[1, 2, :] = -np.inf          # logsumexp and amax of it: -inf
    big[2, :, 0] = -1e4             # a whole axis-1 slice at -1e4
    big[2, 3, 4] = 1e4

    tx, tb = t(x), t(big)
    every = list(range(x.ndim))
    out = {
        "sum_1": torch.sum(tx, dim=[1]),
        "sum_0_2_keep": torch.sum(tx, dim=[0, 2], keepdim=True),
        "sum_all": torch.sum(tx, dim=every),
        "mean_neg1": torch.mean(tx, dim=[-1]),
        "mean_neg1_0_keep": torch.mean(tx, dim=[-1, 0], keepdim=True),
        "mean_all_keep": torch.mean(tx, dim=every, keepdim=True),
        "max_2_keep": torch.amax(tx, dim=[2], keepdim=True),
        "max_2_neg3": torch.amax(tx, dim=[2, -3]),
        "max_all": torch.amax(tx, dim=every),
        "lse_1": torch.logsumexp(tx, dim=[1]),
        "lse_neg1_0_keep": torch.logsumexp(tx, dim=[-1, 0], keepdim=True),
        "lse_all": torch.logsumexp(tx, dim=every),
        "lse_big_neg1": torch.logsumexp(tb, dim=[-1]),
        "lse_big_1_keep": torch.logsumexp(tb, dim=[1], keepdim=True),
        "max_big_neg1": torch.amax(tb, dim=[-1]),
    }
    return {"x": x, "big": big}, out


def softmax(rng):
    x = (2 * rng.standard_normal((3, 4, 5))).astype(f32)
    x[0, 0, 0] = 1e4
    x[0, 2, 4] = -1e4
    x[1, 2, 3] = -1e4
    x[2, 3, 1] = 1e4
    x[2, 3, 2] = 1e4 - 1          # competes with x[2, 3, 1] along axis -1
    x[1, 0, 2] = -np.inf          # masked positions, never a whole slice
    x[2, 1, 3] = -np.inf

    tx = t(x)
    out = {}
    for axis, name in ((0, "0"), (1, "1"), (-1, "neg1")):
        out["softmax_" + name] = torch.softmax(tx, dim=axis)
        out["log_softmax_" + name] = torch.log_softmax(tx, dim=axis)
    return {"x": x}, out


def matmul(rng):
    shapes = {"a": (4, 5), "b": (5, 3), "c": (2, 4, 5), "d": (2, 5, 3),
              "e": (2, 1, 4, 5), "f": (3, 5, 3)}
    inputs = {n: rng.standard_normal(s).astype(f32) for n, s in shapes.items()}
    ti = {n: t(v) for n, v in inputs.items()}
    out = {
        "mm_2d": torch.matmul(ti["a"], ti["b"]),
        "mm_batched": torch.matmul(ti["c"], ti["d"]),
        "mm_broadcast": torch.matmul(ti["e"], ti["f"]),
        "mm_2d_3d": torch.matmul(ti["a"], ti["d"]),
        "mm_3d_2d": torch.matmul(ti["c"], ti["b"]),
    }
    return inputs, out


def shape(rng):
    # Distinct values, so a misplaced element cannot match by accident.
    x = (np.arange(24, dtype=f32) * 0.25 - 3).reshape(2, 3, 4)
    col = np.array([[10], [20], [30]], dtype=f32)
    y = rng.standard_normal((2, 1, 4)).astype(f32)
    z = rng.standard_normal((2, 2, 4)).astype(f32)

    tx, tcol, ty, tz = map(t, (x, col, y, z))
    tt = tx.permute(2, 0, 1)
    out = {
        "reshape_4_m1": torch.reshape(tx, (4, -1)),
        "reshape_flat": torch.reshape(tx, (-1,)),
        "transpose_201": tt,
        "reshape_transposed": torch.reshape(tt, (3, 8)),
        "broadcast_col": torch.broadcast_to(tcol, (2, 3, 4)),
        "broadcast_same": torch.broadcast_to(tx, (2, 3, 4)),
        "slice_step": tx[0:2, 1:3, 0:4:2],
        "slice_odd": tx[1:2, 0:3:2, 1:4:2],
        "slice_unit": tx[1:2, 1:3, 1:4],
        "concat_1": torch.cat([tx, ty, tz], dim=1),
        "concat_neg1": torch.cat([tx, tx], dim=-1),
    }
    return {"x": x, "col": col, "y": y, "z": z}, out


def losses(rng):
    pred = rng.standard_normal((3, 4)).astype(f32)
    y = rng.standard_normal((3, 4)).astype(f32)
    logits = (2 * rng.standard_normal((4, 5))).astype(f32)
    labels = np.array([2, 4, 3, 0], dtype=np.int64)
    logits[0, 2] = 1e4    # the target class dominates: loss ~0
    logits[1, 4] = -1e4   # the target class is -1e4: loss ~1e4
    logits[2, 0] = 1e4    # a wrong class dominates: loss ~1e4
    logits[2, 1] = -1e4
    logits[3, 0] = 1e4 - 1  # the target is 1 below the largest logit:
    logits[3, 1] = 1e4      # loss 1 + log(1 + 1/e) = 1.3133
    probs = F.softmax(t(rng.standard_normal((4, 5)).astype(f32)), dim=1).numpy()
    probs[1] = [0, 0, 0, 0, 1]  # one-hot on the -1e4 logit
    probs[3] = [1, 0, 0, 0, 0]  # one-hot, equal to labels[3]

    tp, ty, tl, tlab, tprob = map(t, (pred, y, logits, labels, probs))
    out = {
        "mse_none": F.mse_loss(tp, ty, reduction="none"),
        "mse_mean": F.mse_loss(tp, ty, reduction="mean"),
        "mse_sum": F.mse_loss(tp, ty, reduction="sum"),
        "ce_class_mean": F.cross_entropy(tl, tlab, reduction="mean"),
        "ce_class_sum": F.cross_entropy(tl, tlab, reduction="sum"),
        "ce_class_none": F.cross_entropy(tl, tlab, reduction="none"),
        "ce_prob_mean": F.cross_entropy(tl, tprob, reduction="mean"),
        "ce_prob_sum": F.cross_entropy(tl, tprob, reduction="sum"),
        "ce_prob_none": F.cross_entropy(tl, tprob, reduction="none"),
    }
    inputs = {"pred": pred, "y": y, "logits": logits, "labels": labels,
              "probs": probs}
    return inputs, out


def selection(rng):
    # Ties: row 0 of `a` equals `row` and row 1 shares two of its values, so
    # eq/le/ge hold and ne/lt/gt fail exactly there; zeros of both signs.
    row = np.array([-1.5, 0.0, 0.25, 2.0], dtype=f32)
    a = np.array([[-1.5, 0.0, 0.25, 2.0],
                  [-1.5, -0.0, 1.0, -3.0],
                  [0.5, 0.125, 0.25, 2.5]], dtype=f32)
    s = np.array(-7.0, dtype=f32)
    # Every column of `ia` has a value below, equal to and above `icol`.
    ia = np.array([[-3, 5, 0, 7],
                   [2, 2, -1, 4],
                   [9, -8, 1, 1]], dtype=np.int32)
    icol = np.array([[0], [2], [1]], dtype=np.int32)
    # Every pair of bools, in both orders.
    mask = np.array([[True], [False], [True]])
    flags = np.array([False, True, True, False])
    # Labels at 0 and C - 1 (classes 5 and 4), some repeated.
    labels = np.array([0, 4, 2, 4, 1, 0], dtype=np.int64)
    grid = np.array([[3, 0, 1], [2, 3, 0]], dtype=np.int32)
    # i8 labels for 300 classes: a class index taken modulo 256 would also
    # light class 261 for label 5 and class 299 (C - 1) for label 43.
    bytes_ = np.array([0, 5, 127, 43], dtype=np.int8)
    # Distinct values, so a misplaced element cannot match by accident.
    x = (np.arange(24, dtype=f32) * 0.5 - 6).reshape(4, 6)
    cols = (100 + np.arange(12, dtype=f32)).reshape(4, 3)
    block = np.array([[-10, -20], [-30, -40]], dtype=f32)
    # erf's whole range: 0, tiny, the tails where it saturates (|x| >= 4),
    # and moderate values; zeros of both signs for sign.
    v = np.concatenate([
        np.array([0, -0.0, 1e-6, -1e-6, 1e-3, -0.25, 0.5, -1, 1.5, -2,
                  3, -4, 5.5, -9], dtype=f32),
        rng.standard_normal(6).astype(f32)]).reshape(4, 5)

    ta, trow, ts, tia, ticol, tmask, tflags, tlabels, tgrid, tbytes, tx, \
        tcols, tblock, tv = map(t, (a, row, s, ia, icol, mask, flags, labels,
                                    grid, bytes_, x, cols, block, v))

    def scatter(into, source, index):
        out = into.clone()
        out[index] = source
        return out

    out = {
        "eq": torch.eq(ta, trow),
        "ne": torch.ne(ta, trow),
        "lt": torch.lt(ta, trow),
        "le": torch.le(ta, trow),
        "gt": torch.gt(ta, trow),
        "ge": torch.ge(ta, trow),
        "ieq": torch.eq(tia, ticol),
        "ine": torch.ne(tia, ticol),
        "ilt": torch.lt(tia, ticol),
        "ile": torch.le(tia, ticol),
        "igt": torch.gt(tia, ticol),
        "ige": torch.ge(tia, ticol),
        "mask_lt": torch.lt(tmask, tflags),
        "mask_ge": torch.ge(tmask, tflags),
        "select_broadcast": torch.where(tmask, trow, ts),
        "select_compared": torch.where(torch.gt(ta, trow), ta, ts),
        "select_int": torch.where(tflags, tia, ticol),
        "one_hot_float": F.one_hot(tlabels, num_classes=5).to(torch.float32),
        "one_hot_int": F.one_hot(tgrid.long(), num_classes=4).to(torch.int32),
        "one_hot_wide":
            F.one_hot(tbytes.long(), num_classes=300).to(torch.float32),
        "scatter_cols": scatter(tx, tcols, (slice(0, 4, 1), slice(0, 6, 2))),
        "scatter_steps": scatter(tx, tblock, (slice(1, 4, 2), slice(1, 5, 3))),
        "scatter_plain": scatter(tx, tblock, (slice(2, 4), slice(4, 6))),
        "erf": torch.erf(tv),
        "sign": torch.sign(tv),
        "stop_gradient": tv.detach(),
    }
    inputs = {"a": a, "row": row, "s": s, "ia": ia, "icol": icol,
              "mask": mask, "flags": flags, "labels": labels, "grid": grid,
              "bytes": bytes_, "x": x, "cols": cols, "block": block, "v": v}
    return inputs, out


def likelihood_losses(rng):
    # Probabilities at and within one float32 step of 0 and 1, where the
    # logs are clamped at -100, against hard and soft targets.
    p = rng.uniform(0.02, 0.98, (4, 5)).astype(f32)
    p[0, :4] = [0.0, 1.0, 0.0, 1.0]
    p[1, :2] = [1e-7, np.nextafter(f32(1), f32(0))]
    target = rng.uniform(0, 1, (4, 5)).astype(f32)
    target[0, :4] = [0.0, 1.0, 0.3, 0.3]
    target[1, :2] = [1.0, 0.0]
    target[2, :2] = [0.0, 1.0]
    # Logits of +-1e4 and +-100 (exp of either overflows float32) against
    # targets that agree, disagree and are soft.
    x = (3 * rng.standard_normal((3, 4))).astype(f32)
    x[0] = [1e4, -1e4, 100, -100]
    x[1, :2] = [1e4, -1e4]
    xt = rng.uniform(0, 1, (3, 4)).astype(f32)
    xt[0] = [1, 0, 0.3, 0.7]
    xt[1, :2] = [0, 1]
    logp = F.log_softmax(t(rng.standard_normal((5, 4)).astype(f32)), 1).numpy()
    labels = np.array([1, 3, -100, 0, 2], dtype=np.int64)  # one ignored
    logp_seq = F.log_softmax(
        t(rng.standard_normal((2, 4, 3)).astype(f32)), 1).numpy()
    labels_seq = np.array([[0, 1, 3], [2, 1, 0]], dtype=np.int32)
    mu_q = rng.standard_normal((3, 4)).astype(f32)
    mu_p = rng.standard_normal((3, 4)).astype(f32)
    logvar_q = rng.uniform(-3, 3, (3, 4)).astype(f32)
    logvar_p = rng.uniform(-3, 3, (3, 4)).astype(f32)
    mu_p[0], logvar_p[0] = 0, 0  # a standard normal prior, as in a VAE
    mu_p[1, 0], logvar_p[1, 0] = mu_q[1, 0], logvar_q[1, 0]  # KL of 0

    tp, ttarget, tx, txt = t(p), t(target), t(x), t(xt)
    tlogp, tlabels = t(logp), t(labels)
    tseq, tseq_labels = t(logp_seq), t(labels_seq.astype(np.int64))
    normal = torch.distributions.Normal
    kl = torch.distributions.kl_divergence(
        normal(t(mu_q), torch.exp(0.5 * t(logvar_q))),
        normal(t(mu_p), torch.exp(0.5 * t(logvar_p))))
    out = {
        "bce_mean": F.binary_cross_entropy(tp, ttarget, reduction="mean"),
        "bce_sum": F.binary_cross_entropy(tp, ttarget, reduction="sum"),
        "bce_none": F.binary_cross_entropy(tp, ttarget, reduction="none"),
        "bce_logits_mean": F.binary_cross_entropy_with_logits(
            tx, txt, reduction="mean"),
        "bce_logits_sum": F.binary_cross_entropy_with_logits(
            tx, txt, reduction="sum"),
        "bce_logits_none": F.binary_cross_entropy_with_logits(
            tx, txt, reduction="none"),
        "nll_mean": F.nll_loss(tlogp, tlabels, reduction="mean"),
        "nll_sum": F.nll_loss(tlogp, tlabels, reduction="sum"),
        "nll_none": F.nll_loss(tlogp, tlabels, reduction="none"),
        "nll_seq_mean": F.nll_loss(tseq, tseq_labels, ignore_index=1,
                                   reduction="mean"),
        "nll_seq_none": F.nll_loss(tseq, tseq_labels, ignore_index=1,
                                   reduction="none"),
        "kl_mean": kl.mean(),
        "kl_sum": kl.sum(),
        "kl_none": kl,
    }
    inputs = {"p": p, "t": target, "x": x, "xt": xt, "logp": logp,
              "labels": labels, "logp_seq": logp_seq,
              "labels_seq": labels_seq, "mu_q": mu_q, "logvar_q": logvar_q,
              "mu_p": mu_p, "logvar_p": logvar_p}
    return inputs, out


def normalization(rng):
    # Channels (batch_norm) and rows (layer_norm) of different means and
    # spreads, one channel constant but for one element.
    x = rng.standard_normal((4, 3, 2, 5)).astype(f32)
    x[:, 0] = 2 * x[:, 0] - 3
    x[:, 2] = 0.1 * x[:, 2] + 5
    x2 = (rng.standard_normal((6, 3)) * [1, 3, 0.5] + [0, -2, 4]).astype(f32)
    w = rng.uniform(0.5, 1.5, 3).astype(f32)
    b = rng.standard_normal(3).astype(f32)
    rm = rng.standard_normal(3).astype(f32)
    rv = rng.uniform(0.5, 2, 3).astype(f32)
    h = (2 * rng.standard_normal((2, 3, 8)) + 1).astype(f32)
    h[1, 2] = 7
    h[1, 2, 3] = 7.5
    g1 = rng.uniform(0.5, 1.5, 8).astype(f32)
    b1 = rng.standard_normal(8).astype(f32)
    g2 = rng.uniform(0.5, 1.5, (3, 8)).astype(f32)
    b2 = rng.standard_normal((3, 8)).astype(f32)

    tx, tw, tb, tx2, th = t(x), t(w), t(b), t(x2), t(h)

    def batch_norm(value, training, **kw):
        """y and the running statistics after F.batch_norm updates copies."""
        mean, var = t(rm.copy()), t(rv.copy())
        y = F.batch_norm(value, mean, var, tw, tb, training=training, **kw)
        return y, mean, var

    def rms_norm(value, weight, dims, eps):
        """LLaMA's RMSNorm (torch 1.13 has no F.rms_norm)."""
        ms = value.pow(2).mean(dim=dims, keepdim=True)
        return value * torch.rsqrt(ms + eps) * weight

    y0, m0, v0 = batch_norm(tx, True)
    y1, m1, v1 = batch_norm(tx2, True, momentum=0.3, eps=1e-3)
    y2, m2, v2 = batch_norm(tx, False)
    out = {
        "bn_train": y0, "bn_train_mean": m0, "bn_train_var": v0,
        "bn_2d": y1, "bn_2d_mean": m1, "bn_2d_var": v1,
        "bn_eval": y2, "bn_eval_mean": m2, "bn_eval_var": v2,
        "ln_last": F.layer_norm(th, (8,), t(g1), t(b1)),
        "ln_last2_eps": F.layer_norm(th, (3, 8), t(g2), t(b2), eps=1e-2),
        "rms_last": rms_norm(th, t(g1), (-1,), 1e-6),
        "rms_last2_eps": rms_norm(th, t(g2), (-2, -1), 1e-2),
    }
    inputs = {"x": x, "w": w, "b": b, "rm": rm, "rv": rv, "x2": x2, "h": h,
              "g1": g1, "b1": b1, "g2": g2, "b2": b2}
    return inputs, out


def dropout(rng):
    x = rng.standard_normal((32, 64)).astype(f32)
    cube = rng.standard_normal((4, 8, 16)).astype(f32)
    key, other_key = 42, -7

    def apply(value, key, p):
        """F.dropout's arithmetic (input * mask / (1 - p)) with our mask,
        after checking that the mask keeps about 1 - p of the elements."""
        keep = keep_mask(key, value.shape, p)
        n = keep.size
        sigma = np.sqrt(p * (1 - p) / n)
        assert abs(keep.mean() - (1 - p)) <= 4 * sigma, (key, p, keep.mean())
        noise = t(keep.astype(f32))
        if p < 1:
            noise = noise / (1 - p)
        return t(value) * noise

    out = {
        "half": apply(x, key, 0.5),
        "tenth": apply(x, key, 0.1),
        "half_other_key": apply(x, other_key, 0.5),
        "all": apply(x, key, 1.0),
        "none": F.dropout(t(x), 0.0),
        "inference": F.dropout(t(x), 0.5, training=False),
        "cube_quarter": apply(cube, key, 0.25),
    }
    # Another key draws another mask; a smaller p keeps a superset.
    half = keep_mask(key, x.shape, 0.5)
    other = keep_mask(other_key, x.shape, 0.5)
    assert 0.4 < np.mean(half == other) < 0.6
    assert np.all(keep_mask(key, x.shape, 0.1)[half])
    return {"x": x, "cube": cube, "key": np.array(key, dtype=np.int64),
            "other_key": np.array(other_key, dtype=np.int64)}, out


def inference_mode(rng):
    x = rng.standard_normal((4, 3, 5)).astype(f32)
    w = rng.uniform(0.5, 1.5, 3).astype(f32)
    b = rng.standard_normal(3).astype(f32)
    rm = rng.standard_normal(3).astype(f32)
    rv = rng.uniform(0.5, 2, 3).astype(f32)
    model = torch.nn.Sequential(torch.nn.Dropout(0.5), torch.nn.BatchNorm1d(3))
    with torch.no_grad():
        model[1].weight.copy_(t(w))
        model[1].bias.copy_(t(b))
        model[1].running_mean.copy_(t(rm))
        model[1].running_var.copy_(t(rv))
    model.eval()
    with torch.no_grad():
        y = model(t(x))
    out = {"y": y, "running_mean": model[1].running_mean.clone(),
           "running_var": model[1].running_var.clone()}
    inputs = {"x": x, "key": np.array(7, dtype=np.int64), "w": w, "b": b,
              "rm": rm, "rv": rv}
    return inputs, out


def convolution(rng):
    def normal(*shape):
        return rng.standard_normal(shape).astype(f32)

    inputs = {
        "x2": normal(2, 4, 9, 8), "x1": normal(2, 3, 11),
        "x3": normal(1, 2, 5, 6, 4),
        "wa": normal(5, 4, 3, 3), "ba": normal(5), "wg": normal(6, 2, 3, 2),
        "wdw": normal(8, 1, 3, 3), "wpw": normal(5, 8, 1, 1),
        "w1": normal(4, 3, 3), "w3": normal(3, 2, 2, 3, 2), "b3": normal(3),
        "wta": normal(4, 3, 2, 2), "bt": normal(3), "wtb": normal(4, 3, 3, 3),
        "wtg": normal(4, 2, 3, 3), "wt1": normal(3, 2, 3),
        "wt3": normal(2, 3, 2, 2, 2),
    }
    v = {k: t(a) for k, a in inputs.items()}
    x2 = v["x2"]
    depthwise = F.conv2d(x2, v["wdw"], groups=4, padding=1)
    # Asymmetric padding (begins h, w then ends h, w): pad, then convolve;
    # a transposed convolution's asymmetric padding crops its output.
    asym = F.conv2d(F.pad(x2, (1, 1, 0, 2)), v["wa"], v["ba"])
    asym_t = F.conv_transpose2d(x2, v["wta"], stride=2)[:, :, 1:18, 0:15]
    out = {
        "conv_basic": F.conv2d(x2, v["wa"], v["ba"]),
        "conv_stride_pad": F.conv2d(x2, v["wa"], v["ba"], stride=2, padding=1),
        "conv_dilated": F.conv2d(x2, v["wa"], dilation=2, padding=2),
        "conv_groups": F.conv2d(x2, v["wg"], groups=2, stride=(2, 1),
                                padding=(1, 0)),
        "conv_depthwise": depthwise,
        "conv_separable": F.conv2d(depthwise, v["wpw"]),
        "conv_asym_pad": asym,
        "conv1d": F.conv1d(v["x1"], v["w1"], stride=2, dilation=3, padding=2),
        "conv3d": F.conv3d(v["x3"], v["w3"], v["b3"], stride=(1, 2, 1)),
        "convt_up2": F.conv_transpose2d(x2, v["wta"], v["bt"], stride=2),
        "convt_pad_outpad": F.conv_transpose2d(x2, v["wtb"], stride=2,
                                               padding=1, output_padding=1),
        "convt_groups_dil": F.conv_transpose2d(x2, v["wtg"], groups=2,
                                               stride=3, padding=(1, 2),
                                               dilation=2),
        "convt_outpad_dil": F.conv_transpose2d(x2, v["wtb"], v["bt"],
                                               dilation=2, output_padding=1),
        "convt1d_wide_pad": F.conv_transpose1d(v["x1"], v["wt1"], stride=3,
                                               padding=3),
        "convt_asym_pad": asym_t,
        "convt3d": F.conv_transpose3d(v["x3"], v["wt3"], stride=(2, 1, 2)),
    }
    return inputs, out
def pooling(rng):
    x1 = rng.standard_normal((2, 3, 9)).astype(f32)
    x2 = rng.standard_normal((2, 3, 7, 8)).astype(f32)
    x3 = rng.standard_normal((1, 2, 5, 6, 5)).astype(f32)
    # Values in {0, 1, 2}: most 2x2 windows hold a tied maximum.
    xt = rng.integers(0, 3, (1, 2, 4, 5)).astype(f32)
    t1, t2, t3, tt = t(x1), t(x2), t(x3), t(xt)
    # padding = [1, 0, 0, 1]: one row before, one column after, as F.pad's
    # (left, right, top, bottom).
    t2_asym = F.pad(t2, (0, 1, 1, 0), value=-float("inf"))
    out = {
        "max1d": F.max_pool1d(t1, 3, stride=2, padding=1),
        "max1d_dil_ceil": F.max_pool1d(t1, 2, stride=2, dilation=3,
                                       ceil_mode=True),
        "max2d_default_stride": F.max_pool2d(t2, 3),
        "max2d_pad": F.max_pool2d(t2, (3, 2), stride=(2, 1), padding=1),
        "max2d_ceil": F.max_pool2d(t2, 3, stride=2, padding=1,
                                   ceil_mode=True),
        "max2d_dil": F.max_pool2d(t2, (2, 3), stride=(1, 2), padding=1,
                                  dilation=2),
        "max2d_asym": F.max_pool2d(t2_asym, 2, stride=1),
        "max3d": F.max_pool3d(t3, (2, 3, 2), stride=(2, 1, 2),
                              padding=(1, 1, 0), ceil_mode=True),
        "max_ties": F.max_pool2d(tt, 2, stride=1),
        "avg1d": F.avg_pool1d(t1, 3, stride=2, padding=1),
        "avg1d_excl": F.avg_pool1d(t1, 3, stride=2, padding=1,
                                   count_include_pad=False),
        "avg2d_default_stride": F.avg_pool2d(t2, 2),
        "avg2d_ceil": F.avg_pool2d(t2, 3, stride=2, padding=1,
                                   ceil_mode=True),
        "avg2d_ceil_excl": F.avg_pool2d(t2, 3, stride=2, padding=1,
                                        ceil_mode=True,
                                        count_include_pad=False),
        "avg2d_ceil_nopad": F.avg_pool2d(t2, (2, 3), stride=2,
                                         ceil_mode=True),
        "avg3d_excl": F.avg_pool3d(t3, (2, 3, 2), stride=(1, 2, 2),
                                   padding=(1, 1, 0), ceil_mode=True,
                                   count_include_pad=False),
        "avg3d": F.avg_pool3d(t3, (3, 2, 2), stride=(2, 2, 1),
                              padding=(1, 0, 1)),
    }
    return {"x1": x1, "x2": x2, "x3": x3, "xt": xt}, out


def indexing(rng):
    table = rng.standard_normal((6, 4)).astype(f32)
    ids = np.array([[0, 5, 2], [2, 2, 4]], dtype=np.int64)
    x3 = rng.standard_normal((2, 5, 3)).astype(f32)
    cols = np.array([4, 0, 0, 3], dtype=np.int32)
    counts = np.array([-7, 3, 0, 2**31 - 1, 11, -2**31], dtype=np.int32)
    dest = rng.standard_normal((5, 4)).astype(f32)
    targets = np.array([1, 3, 1, 0, 3, 1, 4], dtype=np.int64)  # 2 unused
    messages = rng.standard_normal((7, 4)).astype(f32)
    dest2 = rng.standard_normal((3, 6)).astype(f32)
    targets2 = np.array([5, 0, 5, 2], dtype=np.int32)
    src2 = rng.standard_normal((3, 4)).astype(f32)
    # Row 0: a tied maximum and a tied minimum; row 1: a NaN after the
    # maximum and a second NaN; row 2: -inf throughout but one value;
    # row 3: all equal.
    scores = rng.standard_normal((4, 6)).astype(f32)
    scores[0] = [1.0, 3.0, -2.0, 3.0, -2.0, 0.5]
    scores[1, 1], scores[1, 3], scores[1, 4] = 9.0, np.nan, np.nan
    scores[2] = [-np.inf, -np.inf, -np.inf, 2.0, -np.inf, -np.inf]
    scores[3] = 0.25
    c = rng.standard_normal((3, 5)).astype(f32)
    # Truncation toward zero on both sides, exact integers, a value f16
    # rounds (1/3) and one it rounds to even (2049 -> 2048).
    f = np.array([-2.7, -0.5, -0.0, 0.0, 0.4, 1.0, 2.999, -3.0, 1 / 3, 2049],
                 dtype=f32)
    # 2^24 + 1 rounds to 2^24 in f32; 2^33 + 5 wraps to 5 in i32.
    big = np.array([2**24 + 1, -3, 2**33 + 5, 0], dtype=np.int64)
    flags = np.array([True, False, False, True])
    v = rng.standard_normal((3, 4)).astype(f32)
    v[0, 0], v[1, 1], v[2, 2] = 0.0, -0.0, np.nan

    tt, tx3, tcounts, tscores, tc, tf, tbig = map(
        t, (table, x3, counts, scores, c, f, big))
    out = {
        "gather_rows": tt[t(ids)],
        "gather_mid": torch.index_select(tx3, -2, t(cols).long()),
        "gather_int": tcounts[t(ids)],
        "scatter_rows": torch.index_add(t(dest), 0, t(targets), t(messages)),
        "scatter_cols": torch.index_add(t(dest2), -1, t(targets2).long(),
                                        t(src2)),
        "argmax_1": torch.argmax(tscores, dim=1),
        "argmax_0_keep": torch.argmax(tscores, dim=0, keepdim=True),
        "argmin_neg1_keep": torch.argmin(tscores, dim=-1, keepdim=True),
        "argmin_0": torch.argmin(tscores, dim=0),
        "cumsum_1": torch.cumsum(tc, dim=1),
        "cumsum_0_rev": torch.flip(torch.cumsum(torch.flip(tc, [0]), 0), [0]),
        "cumsum_neg1_rev": torch.flip(torch.cumsum(torch.flip(tc, [-1]), -1),
                                      [-1]),
        "to_i64": tf.to(torch.int64),
        "to_i32": tf.to(torch.int32),
        "to_bool": tf.to(torch.bool),
        "via_f16": tf.to(torch.float16).to(torch.float32),
        "to_f64": tf.to(torch.float64),
        "bool_to_f32": t(flags).to(torch.float32),
        "i64_to_f32": tbig.to(torch.float32),
        "i64_to_i32": tbig.to(torch.int32),
        "i32_to_i64": tcounts.to(torch.int64),
        "i64_to_bool": tbig.to(torch.bool),
        "heaviside": (t(v) > 0).float(),
    }
    inputs = {"table": table, "ids": ids, "x3": x3, "cols": cols,
              "counts": counts, "dest": dest, "targets": targets,
              "messages": messages, "dest2": dest2, "targets2": targets2,
              "src2": src2, "scores": scores, "c": c, "f": f, "big": big,
              "flags": flags, "v": v}
    return inputs, out


def linear_solve(rng):
    # Expected values in float64 from the float32 inputs: the exact solution
    # to within float64 rounding, which nnc's float32 elimination must
    # approach as closely as the conditioning allows (CMakeLists.txt).
    a = (rng.standard_normal((4, 4)) + 3 * np.eye(4)).astype(f32)
    b = rng.standard_normal((4, 3)).astype(f32)
    # Zeros on the whole diagonal: every step must swap rows.
    pivoting = rng.standard_normal((5, 5)).astype(f32)
    np.fill_diagonal(pivoting, 0)
    b5 = rng.standard_normal((5, 2)).astype(f32)
    # Q diag(1 .. 1e-3) Q^T: condition number 1e3.
    q, _ = np.linalg.qr(rng.standard_normal((6, 6)))
    ill = (q @ np.diag(np.logspace(0, -3, 6)) @ q.T).astype(f32)
    b6 = rng.standard_normal((6, 2)).astype(f32)
    batched_a = (rng.standard_normal((2, 1, 3, 3))
                 + 2 * np.eye(3)).astype(f32)
    batched_b = rng.standard_normal((3, 3, 4)).astype(f32)
    features = rng.standard_normal((20, 4)).astype(f32)
    targets = rng.standard_normal((20, 2)).astype(f32)
    ridge = (0.1 * np.eye(4)).astype(f32)
    # Rank 1 (the last pivot is 0: -inf and inf) and all zeros (0 / 0: NaN).
    singular = np.array([[[1, 2], [2, 4]], [[0, 0], [0, 0]]], dtype=f32)
    b2 = np.ones((2, 1), dtype=f32)

    def solve(m, r):
        return torch.linalg.solve(t(m).double(), t(r).double()).float()

    tf, ty = t(features).double(), t(targets).double()
    readout = torch.linalg.solve(tf.T @ tf + t(ridge).double(), tf.T @ ty)
    singular_result, _ = torch.linalg.solve_ex(t(singular), t(b2))
    out = {
        "general": solve(a, b),
        "pivoted": solve(pivoting, b5),
        "ill_conditioned": solve(ill, b6),
        "batched": solve(batched_a, batched_b),
        "ridge_readout": readout.float(),
        "singular_result": singular_result,
    }
    inputs = {"a": a, "b": b, "pivoting": pivoting, "b5": b5, "ill": ill,
              "b6": b6, "batched_a": batched_a, "batched_b": batched_b,
              "features": features, "targets": targets, "ridge": ridge,
              "singular": singular, "b2": b2}
    return inputs, out


def fft(rng):
    # Expected values from complex128 transforms of the float32 inputs, so
    # that they carry no float32 rounding of their own.
    def signal(shape):
        return rng.standard_normal(shape + (2,)).astype(f32)

    x1, x2, x8 = signal((3, 1)), signal((3, 2)), signal((2, 8))
    x64, x1024 = signal((2, 64)), signal((2, 1024))
    x_real = np.stack([rng.standard_normal(16), np.zeros(16)],
                      axis=-1).astype(f32)

    def transform(x, inverse=False, norm="backward"):
        z = torch.view_as_complex(t(x).double().contiguous())
        y = (torch.fft.ifft if inverse else torch.fft.fft)(z, dim=-1,
                                                           norm=norm)
        return torch.view_as_real(y).float()

    out = {
        "fft_1": transform(x1),
        "ifft_1": transform(x1, inverse=True),
        "fft_2": transform(x2),
        "fft_8": transform(x8),
        "ifft_8": transform(x8, inverse=True),
        "fft_8_ortho": transform(x8, norm="ortho"),
        "fft_8_forward": transform(x8, norm="forward"),
        "ifft_8_ortho": transform(x8, inverse=True, norm="ortho"),
        "ifft_8_forward": transform(x8, inverse=True, norm="forward"),
        "fft_64": transform(x64),
        "ifft_64_ortho": transform(x64, inverse=True, norm="ortho"),
        "fft_1024": transform(x1024),
        "ifft_1024": transform(x1024, inverse=True),
        "fft_1024_ortho": transform(x1024, norm="ortho"),
        "round_trip_64": transform(transform(x64).numpy(), inverse=True),
        "fft_real": transform(x_real),
    }
    inputs = {"x1": x1, "x2": x2, "x8": x8, "x64": x64, "x1024": x1024,
              "x_real": x_real}
    return inputs, out


def segment_reduction(rng):
    dest = rng.standard_normal((6, 3)).astype(f32)
    # Unsorted, repeated; nodes 2 and 5 receive nothing.
    targets = np.array([3, 0, 4, 3, 1, 0, 3, 4, 1], dtype=np.int64)
    messages = rng.standard_normal((9, 3)).astype(f32)
    # Node 3, column 0: a maximum tied between two messages; column 1: a
    # minimum tied between two messages.
    messages[0, 0] = messages[6, 0] = 4.0
    messages[3, 1] = messages[6, 1] = -4.0
    dest2 = rng.standard_normal((3, 5)).astype(f32)
    targets2 = np.array([4, 0, 4, 2], dtype=np.int32)
    src2 = rng.standard_normal((3, 4)).astype(f32)
    dest3 = rng.standard_normal((2, 4, 3)).astype(f32)
    targets3 = np.array([2, 0, 2, 2, 3], dtype=np.int64)
    src3 = rng.standard_normal((2, 5, 3)).astype(f32)
    nan_src = messages.copy()
    nan_src[5, 2] = np.nan  # node 0, column 2

    td, tt, tm = t(dest), t(targets), t(messages)

    def reduce(d, axis, idx, src, how, self):
        if how == "sum":
            if self:
                return torch.index_add(d, axis, idx, src)
            # index_reduce has no "sum": the receiving slices start at 0.
            zeroed = d.index_fill(axis, idx, 0.0)
            return torch.index_add(zeroed, axis, idx, src)
        return d.index_reduce(axis, idx, src, how, include_self=self)

    out = {}
    for how in ("sum", "mean", "amax", "amin"):
        out[how + "_self"] = reduce(td, 0, tt, tm, how, True)
        out[how] = reduce(td, 0, tt, tm, how, False)
    out["cols_mean"] = reduce(t(dest2), -1, t(targets2).long(), t(src2),
                              "mean", False)
    out["cols_amax_self"] = reduce(t(dest2), 1, t(targets2).long(), t(src2),
                                   "amax", True)
    out["mid_amin"] = reduce(t(dest3), -2, t(targets3), t(src3), "amin", False)
    out["mid_mean_self"] = reduce(t(dest3), 1, t(targets3), t(src3), "mean",
                                  True)
    out["nan_amax"] = reduce(td, 0, tt, t(nan_src), "amax", False)
    inputs = {"dest": dest, "targets": targets, "messages": messages,
              "dest2": dest2, "targets2": targets2, "src2": src2,
              "dest3": dest3, "targets3": targets3, "src3": src3,
              "nan_src": nan_src}
    return inputs, out


def pool_indices(rng):
    x1 = rng.standard_normal((2, 3, 9)).astype(f32)
    x2 = rng.standard_normal((2, 3, 7, 8)).astype(f32)
    x3 = rng.standard_normal((1, 2, 5, 6, 5)).astype(f32)
    xt = rng.integers(0, 3, (1, 2, 4, 5)).astype(f32)
    t1, t2, t3, tt = t(x1), t(x2), t(x3), t(xt)

    def onnx_indices(pool, x, column_major=False, **kw):
        """ONNX's Indices from torch's: plus the (n, c) plane's offset;
        for column-major, the 2-d spatial position (h, w) as w * H + h."""
        _, idx = pool(x, return_indices=True, **kw)
        spatial = x.shape[2:]
        plane = int(np.prod(spatial))
        n, c = x.shape[:2]
        base = (torch.arange(n * c).reshape(n, c) * plane).reshape(
            (n, c) + (1,) * len(spatial))
        if column_major:
            h, w = idx // spatial[1], idx % spatial[1]
            idx = w * spatial[0] + h
        return idx + base

    wide = F.pad(t2, (2, 2, 2, 2), value=-float("inf"))
    out = {
        "idx1d": onnx_indices(F.max_pool1d, t1, kernel_size=3, stride=2,
                              padding=1),
        "idx2d_ceil": onnx_indices(F.max_pool2d, t2, kernel_size=3, stride=2,
                                   padding=1, ceil_mode=True),
        "idx2d_col": onnx_indices(F.max_pool2d, t2, column_major=True,
                                  kernel_size=3, stride=2, padding=1,
                                  ceil_mode=True),
        "idx2d_dil": onnx_indices(F.max_pool2d, t2, kernel_size=(2, 3),
                                  stride=(1, 2), padding=1, dilation=2),
        "idx3d": onnx_indices(F.max_pool3d, t3, kernel_size=(2, 3, 2),
                              stride=(2, 1, 2), padding=(1, 1, 0),
                              ceil_mode=True),
        "idx_ties": onnx_indices(F.max_pool2d, tt, kernel_size=2, stride=1),
        "max2d_wide_pad": F.max_pool2d(wide, 3, stride=2),
    }
    return {"x1": x1, "x2": x2, "x3": x3, "xt": xt}, out


def products(rng):
    # Magnitudes in [0.8, 1.25] so that products of up to 60 values stay
    # near 1; random signs, and one exact zero.
    x = (rng.uniform(0.8, 1.25, (3, 4, 5)) *
         rng.choice([-1.0, 1.0], (3, 4, 5))).astype(f32)
    x[1, 2, 3] = 0.0
    tx = t(x)
    prod = lambda v, dims, keep=False: _prod_over(v, dims, keep)  # noqa: E731
    out = {
        "prod_1": prod(tx, [1]),
        "prod_neg1_0_keep": prod(tx, [-1, 0], True),
        "prod_all": prod(tx, [0, 1, 2]),
        "prod_2_keep": prod(tx, [2], True),
    }
    return {"x": x}, out


def _prod_over(x, dims, keepdim):
    """torch.prod over several dims (torch 1.13 takes one at a time)."""
    for d in sorted((d % x.dim() for d in dims), reverse=True):
        x = torch.prod(x, dim=d, keepdim=keepdim)
    return x


def math(rng):
    # Quarter steps over [-4, 4] hit every halfway case of round (ties go to
    # the even neighbour) and the integers where floor = ceil.
    x = np.arange(-16, 17, dtype=f32).reshape(3, 11) / f32(4)
    u = np.linspace(-0.97, 0.97, 33, dtype=f32).reshape(3, 11)
    p = rng.permutation(np.linspace(1.0, 20.0, 33, dtype=f32)).reshape(3, 11)
    # Every sign combination of dividend and divisor, exact multiples (a
    # zero remainder, which remainder must not shift by b) included.
    b = np.array([2.5, -2.5, 0.75, -0.75, 3.0, -1.0], dtype=f32)
    a = np.array([
        [7.0, 7.0, -7.0, -7.0, 9.0, -3.0],
        [-5.0, 5.0, 1.5, -1.5, -9.0, 3.5],
        [0.3, -0.3, 2.2, -2.2, 4.5, -0.25],
        [12.0, -12.0, 0.0, 0.1, -6.0, 6.0],
    ], dtype=f32)
    i64 = np.int64
    lowest = np.iinfo(i64).min
    ia = np.array([
        [7, 7, -7, -7, 9, -9],
        [5, -5, 6, -6, 0, 1],
        [lowest, lowest, 100, -100, 13, -13],
        [3, -3, 8, -8, 11, 4],
    ], dtype=i64)
    ib = np.array([
        [3, -3, 3, -3, 3, 3],
        [2, 2, -4, -4, 5, 7],
        [-1, 0, 0, 7, -5, 5],
        [3, 3, 4, 4, -1, -2],
    ], dtype=i64)
    tx, tu, tp, ta, tb = t(x), t(u), t(p), t(a), t(b)
    # The ops define an integer remainder by 0 as 0 (torch raises instead)
    # and by -1 as 0 (its value, which torch traps on for the most negative
    # dividend): torch divides by 1 there, whose remainder is 0.
    safe = np.where((ib == 0) | (ib == -1), 1, ib)
    out = {
        "floor": torch.floor(tx),
        "ceil": torch.ceil(tx),
        "round": torch.round(tx),
        "tan": torch.tan(tx * torch.tensor(0.37, dtype=torch.float32)),
        "asin": torch.asin(tu),
        "acos": torch.acos(tu),
        "atan": torch.atan(tx),
        "sinh": torch.sinh(tx),
        "cosh": torch.cosh(tx),
        "asinh": torch.asinh(tx),
        "acosh": torch.acosh(tp),
        "atanh": torch.atanh(tu),
        "fmod": torch.fmod(ta, tb),
        "remainder": torch.remainder(ta, tb),
        "ifmod": torch.fmod(t(ia), t(safe)),
        "iremainder": torch.remainder(t(ia), t(safe)),
    }
    return {"x": x, "u": u, "p": p, "a": a, "b": b, "ia": ia, "ib": ib}, out


def attention(rng):
    # 256 positions are several flash-attention tiles; the bias has -inf
    # entries and one all -inf row (query 7: zeros); key padding masks out
    # keys 0..9, so with causal queries 0..9 see nothing (zeros).
    q = rng.standard_normal((1, 4, 256, 16)).astype(f32)
    k = rng.standard_normal((1, 2, 256, 16)).astype(f32)
    v = rng.standard_normal((1, 2, 256, 8)).astype(f32)
    qs = rng.standard_normal((1, 4, 96, 16)).astype(f32)
    bias = rng.standard_normal((256, 256)).astype(f32)
    bias[rng.random((256, 256)) < 0.1] = -np.inf
    bias[7, :] = -np.inf
    keep = np.ones((1, 1, 1, 256), dtype=np.bool_)
    keep[..., :10] = False
    tq, tk, tv = t(q), t(k), t(v)
    out = {
        "grouped": attention_reference(tq, tk, tv),
        "causal": attention_reference(tq, tk, tv, causal=True),
        "causal_window": attention_reference(tq, tk, tv, causal=True, window=100),
        "window": attention_reference(tq, tk, tv, window=50),
        "bias": attention_reference(tq, tk, tv, mask=t(bias)),
        "keep_causal": attention_reference(tq, tk, tv, mask=t(keep), causal=True),
        "short_scaled": attention_reference(t(qs), tk, tv, causal=True, scale=0.3),
    }
    return {"q": q, "k": k, "v": v, "bias": bias, "keep": keep,
            "qs": qs}, out


def dilated_convolution(rng):
    # The cases of nnc-dilated-conv-to-dense (see dilated_convolution.mlir);
    # asymmetric padding (begins then ends) is F.pad, then the convolution.
    def normal(*shape):
        return rng.standard_normal(shape).astype(f32)

    inputs = {
        "x2": normal(2, 5, 13, 11), "xd": normal(1, 5, 13, 11),
        "x1": normal(2, 3, 17), "x3": normal(1, 2, 5, 6, 7),
        "w": normal(6, 5, 3, 3), "b": normal(6), "wd": normal(5, 1, 3, 3),
        "bd": normal(5), "wm": normal(10, 1, 3, 3), "w1": normal(4, 3, 3),
        "b1": normal(4), "wd1": normal(3, 1, 5), "w3": normal(3, 2, 2, 3, 2),
        "b3": normal(3),
    }
    v = {k: t(a) for k, a in inputs.items()}
    x2, x1 = v["x2"], v["x1"]
    out = {
        "d2_bias": F.conv2d(x2, v["w"], v["b"], dilation=2, padding=2),
        "d32_pad_odd": F.conv2d(x2, v["w"], dilation=(3, 2), padding=(1, 3)),
        "depthwise_b1": F.conv2d(v["xd"], v["wd"], v["bd"], groups=5,
                                 dilation=2, padding=1),
        "grouped_asym_pad": F.conv2d(F.pad(x2, (2, 4, 3, 1)), v["wm"],
                                     groups=5, dilation=3),
        "conv1d": F.conv1d(F.pad(x1, (2, 5)), v["w1"], v["b1"], dilation=4),
        "depthwise1d": F.conv1d(x1, v["wd1"], groups=3, dilation=2),
        "mixed_stride": F.conv2d(x2, v["w"], dilation=(2, 1), stride=(1, 2),
                                 padding=(2, 1)),
        "conv3d": F.conv3d(v["x3"], v["w3"], v["b3"], dilation=(2, 1, 3),
                           padding=1),
        "strided_dilated": F.conv2d(x2, v["w"], dilation=2, stride=2,
                                    padding=1),
    }
    return inputs, out


def winograd_convolution(rng):
    # The convolutions of winograd_convolution.mlir; asymmetric padding
    # (begins then ends) is F.pad, then the convolution.
    def normal(*shape):
        return rng.standard_normal(shape).astype(f32)

    inputs = {"xa": normal(2, 16, 32, 36), "wa": normal(24, 16, 3, 3),
              "ba": normal(24), "xb": normal(1, 20, 50, 47),
              "wb": normal(16, 20, 3, 3), "xd": normal(2, 16, 20, 70)}
    v = {k: t(a) for k, a in inputs.items()}
    out = {
        "padded_bias": F.conv2d(v["xa"], v["wa"], v["ba"], padding=1),
        "ragged": F.conv2d(v["xb"], v["wb"]),
        "asym_pad": F.conv2d(F.pad(v["xb"], (0, 1, 2, 1)), v["wb"]),
        "dilated": F.conv2d(v["xd"], v["wa"], v["ba"], dilation=(3, 2),
                            padding=(3, 2)),
    }
    return inputs, out


def vector_loops(rng):
    # Rows of 100 (and 300, and 7 x 40): longer than a vector, not a
    # multiple of one.
    w = (2 * rng.standard_normal((6, 100))).astype(f32)
    w[1, 97] = 30.0                 # a maximum in the masked last vector
    near_one = (1 + 0.01 * rng.standard_normal((6, 100))).astype(f32)
    v = rng.standard_normal((3, 7, 40)).astype(f32)
    n = (100 + 0.5 * rng.standard_normal((5, 300))).astype(f32)
    g = rng.uniform(0.5, 1.5, 300).astype(f32)
    b = rng.standard_normal(300).astype(f32)
    labels = rng.integers(0, 100, 6).astype(np.int64)
    bias = rng.standard_normal(100).astype(f32)

    tw = t(w)
    out = {
        "sum_rows": torch.sum(tw, dim=[-1]),
        "max_rows_keep": torch.amax(tw, dim=[-1], keepdim=True),
        "prod_rows": torch.prod(t(near_one), dim=1),
        "lse_rows": torch.logsumexp(tw, dim=[1]),
        "softmax_rows": torch.softmax(tw, dim=-1),
        "log_softmax_rows": torch.log_softmax(tw, dim=1),
        "mean_last2": torch.mean(t(v), dim=[1, 2]),
        "layer_norm": F.layer_norm(t(n), (300,), t(g), t(b)),
        "cross_entropy": F.cross_entropy(tw, t(labels)),
        "gelu_bias": F.gelu(tw + t(bias)),
    }
    inputs = {"w": w, "near_one": near_one, "v": v, "n": n, "g": g, "b": b,
              "labels": labels, "bias": bias}
    return inputs, out


GROUPS = [activations, binary, reductions, softmax, matmul, shape, losses,
          selection, likelihood_losses, normalization, dropout,
          inference_mode, convolution, pooling, indexing, linear_solve, fft,
          segment_reduction, pool_indices, products, math, attention,
          dilated_convolution, vector_loops, winograd_convolution]


# ----------------------------------------------------------------------------

def model_names(group):
    """The nn.input and nn.output names of <group>.mlir, in order."""
    with open(os.path.join(HERE, group + ".mlir")) as f:
        text = f.read()
    return (re.findall(r'nn\.input\s*=\s*"([^"]+)"', text),
            re.findall(r'nn\.output\s*=\s*"([^"]+)"', text))


def main():
    torch.manual_seed(SEED)
    torch.set_num_threads(1)
    ok = True
    for i, make in enumerate(GROUPS):
        group = make.__name__
        # One generator per group, so editing one group leaves the others'
        # data unchanged.
        inputs, outputs = make(np.random.default_rng([SEED, i]))
        outputs = {k: v.numpy() for k, v in outputs.items()}

        want_in, want_out = model_names(group)
        if sorted(want_in) != sorted(inputs) or sorted(want_out) != sorted(outputs):
            print(f"{group}: names differ from {group}.mlir:\n"
                  f"  model inputs {want_in}\n  script inputs {list(inputs)}\n"
                  f"  model outputs {want_out}\n  script outputs {list(outputs)}",
                  file=sys.stderr)
            ok = False
            continue

        folder = os.path.join(DATA, group)
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        for name, value in inputs.items():
            np.save(os.path.join(folder, name + ".npy"), value)
        for name, value in outputs.items():
            assert value.dtype in (np.float32, np.float64, np.int32, np.int64,
                                   np.bool_), \
                (group, name, value.dtype)
            np.save(os.path.join(folder, "expected_" + name + ".npy"), value)
        print(f"{group}: {len(inputs)} inputs, {len(outputs)} outputs -> "
              f"{os.path.relpath(folder, HERE)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
