#!/usr/bin/python3
"""Golden data of arch/bert: models/arch/bert.mlir in PyTorch.

A tiny BERT written out by hand with torch ops (torch 1.13 has no
transformers package), computing what BERT's reference code computes with
the model's weights: the masked-language-model input corruption drawn from
the key with the counter-based generator of nn.random_uniform
(scripts/counter_random.py), token + segment + position embeddings summed
and layer-normalized, two post-LN encoder layers (2-head self-attention
under the padding mask, GELU FFN), the MLM head with its decoder tied to
the token embedding table, the pooler with the NSP and classification
heads. @loss = MLM cross-entropy over the selected positions + NSP
cross-entropy + classification cross-entropy. Also asserts the masking
scheme's rates over a large draw and the padding mask's effect. Writes
models/arch/bert.safetensors and test/arch/data/bert/ (arch_golden.py).
Run with /usr/bin/python3.
"""

import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from arch_golden import Golden, ROOT  # noqa: E402
sys.path.insert(0, os.path.join(ROOT, "scripts"))
from counter_random import random_uniform  # noqa: E402

B, T, V, E, HEADS, FFN, LAYERS = 2, 8, 20, 16, 2, 64, 2
HEAD = E // HEADS
MAX_POSITIONS, SEGMENTS, CLASSES = 16, 2, 3
EPS = 1e-12  # BERT's layer-norm epsilon
# The special ids; the words are the ids FIRST_WORD..V-1.
PAD, UNK, CLS, SEP, MASK = 0, 1, 2, 3, 4
FIRST_WORD = 5
WORDS = V - FIRST_WORD
# The masking scheme (float32, as the model compares).
SELECT_P = np.float32(0.15)
MASK_P = np.float32(0.8)        # u < 0.8: [MASK]
MASK_OR_RANDOM_P = np.float32(0.9)  # 0.8 <= u < 0.9: a random word
IGNORE = -100  # the MLM label of a position that is not predicted


def mlm_masking(ids, key):
    """BERT's input corruption of int64 array `ids`, drawn from int `key`
    exactly as the model draws it: returns (masked ids, selected).

    Uniform draws per position: u_select (key), u_branch (key + 1), u_word
    (key + 2). A word position (id >= FIRST_WORD; [PAD], [UNK], [CLS],
    [SEP] and [MASK] never) is selected when u_select < 0.15; a selected
    position becomes [MASK] when u_branch < 0.8, the word FIRST_WORD +
    min(floor(u_word * WORDS), WORDS - 1) when u_branch < 0.9 (float32
    product, as the model computes it: the min catches the product rounding
    up to WORDS), else keeps its id."""
    u_select = random_uniform(key, ids.shape)
    u_branch = random_uniform(key + 1, ids.shape)
    u_word = random_uniform(key + 2, ids.shape)
    selected = (ids >= FIRST_WORD) & (u_select < SELECT_P)
    word = FIRST_WORD + np.minimum((u_word * np.float32(WORDS)).astype(np.int64),
                                   WORDS - 1)
    replacement = np.where(u_branch < MASK_P, MASK,
                           np.where(u_branch < MASK_OR_RANDOM_P, word, ids))
    return np.where(selected, replacement, ids), selected


def check_masking_rates():
    """The scheme over 10^6 positions (a fifth of them special ids): 15% of
    the word positions selected, no special one ever; of the selected, 80%
    [MASK], 10% a random word (uniform over the WORDS words: 14/15 of them
    differ from the original), 10% unchanged. Each rate within 4 standard
    errors."""
    n = 1_000_000
    rng = np.random.default_rng(1)
    ids = np.where(rng.random(n) < 0.2, rng.integers(0, FIRST_WORD, n),
                   rng.integers(FIRST_WORD, V, n))
    masked, selected = mlm_masking(ids, 12345)

    def near(count, total, p, what):
        se = np.sqrt(p * (1 - p) / total)
        rate = count / total
        assert abs(rate - p) < 4 * se, "%s: %.5f, expected %.5f" % (what, rate, p)

    words = ids >= FIRST_WORD
    assert not selected[~words].any(), "a special token was selected"
    assert (masked[~selected] == ids[~selected]).all()
    near(selected.sum(), words.sum(), 0.15, "selected")
    m, o = masked[selected], ids[selected]
    near((m == MASK).sum(), m.size, 0.8, "[MASK]")
    changed = (m != MASK) & (m != o)
    near(changed.sum(), m.size, 0.1 * (WORDS - 1) / WORDS, "random word")
    near((m == o).sum(), m.size, 0.1 + 0.1 / WORDS, "unchanged")
    assert ((m[changed] >= FIRST_WORD) & (m[changed] < V)).all()
    # The random words are uniform over the words: a chi-square test of
    # their counts (10^-3 critical value for WORDS - 1 = 14 degrees of
    # freedom: 36.12).
    counts = np.bincount(m[changed] - FIRST_WORD, minlength=WORDS)
    expected = changed.sum() / WORDS
    assert ((counts - expected) ** 2 / expected).sum() < 36.12, counts


def layer_norm(x, p, name):
    return F.layer_norm(x, (E,), p[name + ".weight"], p[name + ".bias"], EPS)


def dense(x, p, name):
    return x @ p[name + ".weight"] + p[name + ".bias"]


def encoder_layer(x, bias, p, name):
    """One post-LN BERT layer; `bias` [B, 1, 1, T] is added to the scores."""
    heads = lambda t: t.reshape(B, T, HEADS, HEAD).transpose(1, 2)
    q = heads(dense(x, p, name + ".attention.query"))
    k = heads(dense(x, p, name + ".attention.key"))
    v = heads(dense(x, p, name + ".attention.value"))
    scores = q @ k.transpose(-1, -2) / HEAD ** 0.5 + bias
    context = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, T, E)
    x = layer_norm(x + dense(context, p, name + ".attention.output"), p,
                   name + ".attention.norm")
    h = F.gelu(dense(x, p, name + ".intermediate"))
    return layer_norm(x + dense(h, p, name + ".output"), p, name + ".output.norm")


def forward(p, x):
    """@forward: the corrupted input and its selection, the MLM logits, the
    NSP logits and the classification logits."""
    masked, selected = mlm_masking(x["input_ids"].numpy(), int(x["key"]))
    masked, selected = torch.from_numpy(masked), torch.from_numpy(selected)
    positions = torch.arange(T)
    h = (F.embedding(masked, p["embeddings.word"])
         + F.embedding(positions, p["embeddings.position"])
         + F.embedding(x["token_type_ids"], p["embeddings.token_type"]))
    h = layer_norm(h, p, "embeddings.norm")
    # BERT's extended attention mask: -10000 added to the scores of padding.
    keep = x["attention_mask"].to(h.dtype)
    bias = ((1.0 - keep) * -10000.0)[:, None, None, :]
    for layer in range(LAYERS):
        h = encoder_layer(h, bias, p, "encoder.%d" % layer)
    t = layer_norm(F.gelu(dense(h, p, "mlm.transform")), p, "mlm.norm")
    mlm_logits = t @ p["embeddings.word"].t() + p["mlm.bias"]
    pooled = torch.tanh(dense(h[:, 0], p, "pooler"))
    return {"masked_input_ids": masked, "mlm_selected": selected,
            "mlm_logits": mlm_logits,
            "nsp_logits": dense(pooled, p, "nsp"),
            "cls_logits": dense(pooled, p, "classifier")}


def loss(p, x):
    """@loss: MLM cross-entropy over the selected positions (their original
    ids; the mean over them) + NSP + classification cross-entropy."""
    out = forward(p, x)
    labels = torch.where(out["mlm_selected"], x["input_ids"],
                         torch.tensor(IGNORE)).reshape(B * T)
    mlm = F.cross_entropy(out["mlm_logits"].reshape(B * T, V), labels,
                          ignore_index=IGNORE)
    return (mlm + F.cross_entropy(out["nsp_logits"], x["next_sentence_labels"])
            + F.cross_entropy(out["cls_logits"], x["class_labels"]))


def check_padding(p, x, out):
    """The padding mask: other ids at the padded positions change nothing at
    the others; without the mask the others change."""
    pad = x["attention_mask"] == 0
    assert pad.any()
    other = dict(x, input_ids=torch.where(pad, torch.tensor(FIRST_WORD + 3),
                                          x["input_ids"]))
    again = forward(p, other)["mlm_logits"]
    assert torch.allclose(again[~pad], out["mlm_logits"][~pad], rtol=0, atol=1e-12)
    unmasked = forward(p, dict(x, attention_mask=torch.ones_like(pad, dtype=torch.int64)))
    assert not torch.allclose(unmasked["mlm_logits"][~pad], out["mlm_logits"][~pad])


def exercising_key(ids):
    """The first key from 1 whose draw on `ids` selects positions of all
    three kinds ([MASK], a different random word, unchanged), so that the
    golden data tests every branch of the scheme."""
    for key in range(1, 100000):
        masked, selected = mlm_masking(ids, key)
        m, o = masked[selected], ids[selected]
        if (m == MASK).any() and ((m != MASK) & (m != o)).any() and (m == o).any():
            return key
    raise AssertionError("no key exercises every branch")


def main():
    check_masking_rates()
    g = Golden("bert")
    p = {}

    def param(name, shape, scale=None):
        p[name] = g.param(name, shape, scale)

    def norm(name):
        param(name + ".weight", (E,), 0.1)
        with torch.no_grad():
            p[name + ".weight"] += 1.0
        param(name + ".bias", (E,), 0.1)

    def linear(name, n_in, n_out):
        param(name + ".weight", (n_in, n_out))
        param(name + ".bias", (n_out,), 0.1)

    param("embeddings.word", (V, E), 0.5)
    param("embeddings.position", (MAX_POSITIONS, E), 0.5)
    param("embeddings.token_type", (SEGMENTS, E), 0.5)
    norm("embeddings.norm")
    for layer in range(LAYERS):
        name = "encoder.%d" % layer
        for proj in ("query", "key", "value", "output"):
            linear(name + ".attention." + proj, E, E)
        norm(name + ".attention.norm")
        linear(name + ".intermediate", E, FFN)
        linear(name + ".output", FFN, E)
        norm(name + ".output.norm")
    linear("mlm.transform", E, E)
    norm("mlm.norm")
    param("mlm.bias", (V,), 0.1)
    linear("pooler", E, E)
    linear("nsp", E, 2)
    linear("classifier", E, CLASSES)

    # Sentence pairs [CLS] A [SEP] B [SEP], the second padded.
    w = lambda n: list(g.rng.integers(FIRST_WORD, V, n))
    ids = np.array([[CLS] + w(2) + [SEP] + w(3) + [SEP],
                    [CLS] + w(2) + [SEP] + w(1) + [SEP, PAD, PAD]])
    types = [[0, 0, 0, 0, 1, 1, 1, 1], [0, 0, 0, 0, 1, 1, 0, 0]]
    attention = [[1] * 8, [1] * 6 + [0, 0]]
    x = {"input_ids": g.input("input_ids", ids),
         "token_type_ids": g.input("token_type_ids", types),
         "attention_mask": g.input("attention_mask", attention),
         "key": g.input("key", np.array(exercising_key(ids), np.int64))}
    out = forward(p, x)
    for name, value in out.items():
        g.expect(name, value)
    check_padding(p, x, out)

    x["next_sentence_labels"] = g.input("next_sentence_labels", [0, 1])
    x["class_labels"] = g.input("class_labels", g.rng.integers(0, CLASSES, B))
    g.expect_gradients(loss(p, x))
    g.save_weights()


if __name__ == "__main__":
    main()
