#!/usr/bin/python3
"""Golden data of arch/ntm: models/arch/ntm.mlir in PyTorch.

A neural Turing machine with a feed-forward controller, one write head
(erase and add) and one read head over an 8 x 4 memory, 6 steps; @loss is
the binary cross-entropy of the logits against target bits.
Checks (asserted here): every head weighting is a distribution over the
slots; the cosine similarity equals torch.nn.functional.cosine_similarity;
the circular shift by rolls equals the circulant matmul W~ = W_g S with
S[j, i] = s[(i - j) mod N]; sharpening with gamma = 1 changes nothing and
a larger gamma concentrates the weighting (its maximum grows); a write with
e = 1 and a = v at a one-hot weighting replaces that slot by v and leaves
the others unchanged.
Writes models/arch/ntm.safetensors and test/arch/data/ntm/ (arch_golden.py).
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

STEPS, BATCH, INPUT, OUTPUT = 6, 2, 4, 4
SLOTS, WIDTH, CONTROLLER = 8, 4, 16
HEADS = (WIDTH + 6) + 2 * WIDTH + (WIDTH + 6)  # write (+ erase, add), read
EPS = 1e-8


def cosine(k, m):
    """K(k, M_i) for every slot i: [B, N]."""
    dot = (m @ k[:, :, None])[:, :, 0]
    return dot / (m.norm(dim=2) * k.norm(dim=1, keepdim=True) + EPS)


def shift(w, s):
    """w~(i) = sum over offsets o in (-1, 0, 1) of s_o w(i - o)."""
    return (s[:, 0:1] * torch.roll(w, -1, 1) + s[:, 1:2] * w
            + s[:, 2:3] * torch.roll(w, 1, 1))


def sharpen(w, gamma):
    p = w ** gamma
    return p / p.sum(1, keepdim=True)


def address(k, beta_raw, g_raw, s_raw, gamma_raw, w_prev, m):
    w_c = torch.softmax(F.softplus(beta_raw) * cosine(k, m), 1)
    g = torch.sigmoid(g_raw)
    w_g = g * w_c + (1 - g) * w_prev
    w_s = shift(w_g, torch.softmax(s_raw, 1))
    return sharpen(w_s, 1 + F.softplus(gamma_raw))


def write(m, w, e, a):
    return m * (1 - w[:, :, None] * e[:, None, :]) + w[:, :, None] * a[:, None, :]


def forward(p, x):
    """@forward: logits, read and write weights at every step."""
    xs, w0, r = x["x"], x["w0"], x["r0"]
    m = p["memory.init"].expand(xs.shape[1], SLOTS, WIDTH)
    wr, ww = w0, w0
    ys, wrs, wws = [], [], []
    for x_t in xs:
        c = torch.tanh(torch.cat([x_t, r], 1) @ p["controller.weight"].T
                       + p["controller.bias"])
        h = c @ p["heads.weight"].T + p["heads.bias"]
        ww = address(h[:, 0:4], h[:, 4:5], h[:, 5:6], h[:, 6:9], h[:, 9:10], ww, m)
        m = write(m, ww, torch.sigmoid(h[:, 10:14]), torch.tanh(h[:, 14:18]))
        wr = address(h[:, 18:22], h[:, 22:23], h[:, 23:24], h[:, 24:27],
                     h[:, 27:28], wr, m)
        r = (wr[:, None, :] @ m)[:, 0, :]
        ys.append(torch.cat([c, r], 1) @ p["output.weight"].T + p["output.bias"])
        wrs.append(wr)
        wws.append(ww)
    return {"logits": torch.stack(ys), "read_weights": torch.stack(wrs),
            "write_weights": torch.stack(wws)}


def check(g, out):
    """The properties of the docstring."""
    for name in ("read_weights", "write_weights"):
        w = out[name].detach()
        assert (w > 0).all() and torch.allclose(w.sum(2), torch.ones(()).double())
    rng = g.rng
    k = torch.tensor(rng.standard_normal((BATCH, WIDTH)))
    m = torch.tensor(rng.standard_normal((BATCH, SLOTS, WIDTH)))
    expected = F.cosine_similarity(k[:, None, :], m, dim=2, eps=EPS)
    # Equal up to where eps enters (torch clamps the norms, we add it).
    assert torch.allclose(cosine(k, m), expected, rtol=1e-7, atol=0)
    w = torch.softmax(torch.tensor(rng.standard_normal((BATCH, SLOTS))), 1)
    s = torch.softmax(torch.tensor(rng.standard_normal((BATCH, 3))), 1)
    circulant = torch.zeros(BATCH, SLOTS, SLOTS, dtype=torch.float64)
    for j in range(SLOTS):
        for i in range(SLOTS):
            offset = (i - j) % SLOTS
            if offset in (SLOTS - 1, 0, 1):
                circulant[:, j, i] = s[:, {SLOTS - 1: 0, 0: 1, 1: 2}[offset]]
    assert torch.allclose(shift(w, s), (w[:, None, :] @ circulant)[:, 0, :],
                          rtol=1e-12, atol=1e-15)
    assert torch.allclose(sharpen(w, torch.ones(BATCH, 1)), w, rtol=1e-12)
    assert (sharpen(w, 3 * torch.ones(BATCH, 1)).max(1).values > w.max(1).values).all()
    one_hot = F.one_hot(torch.tensor([2, 5]), SLOTS).double()
    v = torch.tensor(rng.standard_normal((BATCH, WIDTH)))
    m2 = write(m, one_hot, torch.ones(BATCH, WIDTH), v)
    for b, slot in enumerate((2, 5)):
        assert torch.allclose(m2[b, slot], v[b])
        others = [i for i in range(SLOTS) if i != slot]
        assert torch.equal(m2[b, others], m[b, others])


def main():
    g = Golden("ntm")
    g.param("controller.weight", (CONTROLLER, INPUT + WIDTH), 1.0 / np.sqrt(INPUT + WIDTH))
    g.param("controller.bias", (CONTROLLER,), 0.1)
    g.param("heads.weight", (HEADS, CONTROLLER), 1.0 / np.sqrt(CONTROLLER))
    g.param("heads.bias", (HEADS,), 0.3)
    g.param("output.weight", (OUTPUT, CONTROLLER + WIDTH), 1.0 / np.sqrt(CONTROLLER + WIDTH))
    g.param("output.bias", (OUTPUT,), 0.1)
    g.param("memory.init", (SLOTS, WIDTH), 0.5)
    bits = g.rng.integers(0, 2, (STEPS, BATCH, INPUT)).astype(np.float32)
    x = g.input("x", bits)
    w0 = g.input("w0", np.eye(SLOTS)[[0, 0]])
    r0 = g.input("r0", np.zeros((BATCH, WIDTH)))
    target = g.input("target", bits[::-1].copy())
    out = forward(g.params, {"x": x, "w0": w0, "r0": r0})
    check(g, out)
    for name, value in out.items():
        g.expect(name, value)
    loss = F.binary_cross_entropy_with_logits(out["logits"], target)
    g.expect_gradients(loss)
    g.save_weights()


if __name__ == "__main__":
    main()
