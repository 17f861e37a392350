#!/usr/bin/python3
"""Golden data of arch/transformer: models/arch/transformer.mlir in PyTorch.

The encoder-decoder runs torch.nn.TransformerEncoderLayer and
torch.nn.TransformerDecoderLayer (post-norm, ReLU, dropout 0, batch_first)
with the model's weights loaded in (torch keeps Linear weights [out, in],
the model [in, out]: they are passed transposed), over embeddings scaled by
sqrt(16) plus the sinusoidal positional encoding. The LLaMA-style language
model (RMS norm, grouped-query attention with 4 query heads over 2
key/value heads, RoPE, SwiGLU) is written out here, its key/value heads
repeated over their query groups with repeat_interleave. @loss is the sum
of both models' cross-entropies against the next tokens. Writes
models/arch/transformer.safetensors and test/arch/data/transformer/
(arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, T, V, E, HEADS, FFN = 2, 6, 11, 16, 4, 32
KV_HEADS, HEAD = 2, E // HEADS
BOS = 0

# Dropout 0 and training mode (the layers' fused eval fast path is not
# taken), so these compute exactly the equations of the layers.
ENCODER = torch.nn.TransformerEncoderLayer(E, HEADS, FFN, dropout=0.0,
                                           batch_first=True)
DECODER = torch.nn.TransformerDecoderLayer(E, HEADS, FFN, dropout=0.0,
                                           batch_first=True)


def load_weights(module, p, prefix):
    """Makes the model's weights `prefix` + NAME the module's parameters
    NAME (Linear and attention weights, 2-D, transposed back to torch's
    [out, in]): set in place of the owning submodules' parameters, so that
    autograd reaches p's tensors and the module keeps its own forward."""
    for name, _ in list(module.named_parameters()):
        value = p[prefix + name]
        owner, _, leaf = name.rpartition(".")
        module.get_submodule(owner)._parameters[leaf] = (
            value.t() if value.dim() == 2 else value)
    return module


def sinusoidal_positions(dtype):
    """PE[pos, 2i] = sin(pos / 10000^(2i/E)), PE[pos, 2i+1] = cos(same)."""
    pos = torch.arange(T, dtype=dtype)[:, None]
    angle = pos / 10000.0 ** (torch.arange(0, E, 2, dtype=dtype) / E)
    return torch.stack([angle.sin(), angle.cos()], -1).reshape(T, E)


def rotary(x, positions):
    """RoPE, rotate-half form, of x [..., T, heads, HEAD] at `positions`."""
    freq = 10000.0 ** (-torch.arange(0, HEAD, 2, dtype=x.dtype) / HEAD)
    angle = positions.to(x.dtype)[:, None] * freq  # [T, HEAD/2]
    cos = torch.cat([angle.cos(), angle.cos()], -1)[:, None, :]
    sin = torch.cat([angle.sin(), angle.sin()], -1)[:, None, :]
    x1, x2 = x[..., :HEAD // 2], x[..., HEAD // 2:]
    return x * cos + torch.cat([-x2, x1], -1) * sin


def rms_norm(x, weight):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight


def causal_blocked():
    """True above the diagonal: the future steps a position may not see."""
    return torch.ones(T, T, dtype=torch.bool).triu(1)


def gqa_language_model(p, tokens):
    x = F.embedding(tokens, p["lm.embedding"])
    h = rms_norm(x, p["lm.attn_norm.weight"])
    q, k, v = (h @ p["lm.attn.qkv.weight"]).split(
        [HEADS * HEAD, KV_HEADS * HEAD, KV_HEADS * HEAD], -1)
    positions = torch.arange(T)
    q = rotary(q.reshape(B, T, HEADS, HEAD), positions).transpose(1, 2)
    k = rotary(k.reshape(B, T, KV_HEADS, HEAD), positions).transpose(1, 2)
    v = v.reshape(B, T, KV_HEADS, HEAD).transpose(1, 2)
    # Each key/value head serves HEADS // KV_HEADS consecutive query heads.
    k = k.repeat_interleave(HEADS // KV_HEADS, 1)
    v = v.repeat_interleave(HEADS // KV_HEADS, 1)
    scores = (q @ k.transpose(-1, -2) / HEAD ** 0.5).masked_fill(
        causal_blocked(), float("-inf"))
    o = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, T, E)
    x = x + o @ p["lm.attn.out.weight"]
    h = rms_norm(x, p["lm.ffn_norm.weight"])
    x = x + (F.silu(h @ p["lm.ffn.gate.weight"]) * (h @ p["lm.ffn.up.weight"])
             @ p["lm.ffn.down.weight"])
    return rms_norm(x, p["lm.norm.weight"]) @ p["lm.head.weight"]


def forward(p, x):
    """@forward: positional encoding, encoder output, both models' logits."""
    dtype = p["embedding"].dtype
    pe = sinusoidal_positions(dtype)
    src = F.embedding(x["src_tokens"], p["embedding"]) * E ** 0.5 + pe
    tgt = F.embedding(x["tgt_tokens"], p["embedding"]) * E ** 0.5 + pe
    memory = load_weights(ENCODER, p, "encoder.")(src)
    y = load_weights(DECODER, p, "decoder.")(tgt, memory, tgt_mask=causal_blocked())
    return {"positional_encoding": pe,
            "encoder_output": memory,
            "logits": y @ p["generator.weight"] + p["generator.bias"],
            "lm_logits": gqa_language_model(p, x["tgt_tokens"])}


def loss(p, x):
    """@loss: the sum of both models' cross-entropies against the next
    tokens tgt_labels [B, T]."""
    out = forward(p, x)
    labels = x["tgt_labels"].reshape(B * T)
    return (F.cross_entropy(out["logits"].reshape(B * T, V), labels)
            + F.cross_entropy(out["lm_logits"].reshape(B * T, V), labels))


def check_properties(p, x, out):
    """What the model must show, checked on the PyTorch side."""
    # Causal masks: changing the last target token changes no earlier
    # position of either model's logits.
    changed = dict(x, tgt_tokens=x["tgt_tokens"].clone())
    changed["tgt_tokens"][:, -1] = (changed["tgt_tokens"][:, -1] % (V - 1)) + 1
    again = forward(p, changed)
    for name in ("logits", "lm_logits"):
        assert torch.equal(again[name][:, :-1], out[name][:, :-1]), name
        assert not torch.equal(again[name][:, -1], out[name][:, -1]), name
    # RoPE: a rotated query-key product depends only on the offset m - n.
    a = torch.randn(1, 1, HEAD, dtype=torch.float64).expand(T, 1, HEAD)
    b = torch.randn(1, 1, HEAD, dtype=torch.float64).expand(T, 1, HEAD)
    ra, rb = rotary(a, torch.arange(T)), rotary(b, torch.arange(T))
    dots = (ra[:, None, 0] * rb[None, :, 0]).sum(-1)  # [m, n]
    for offset in range(-T + 1, T):
        diagonal = dots.diagonal(-offset)
        assert torch.allclose(diagonal, diagonal[0].expand_as(diagonal)), offset
    # Grouped-query attention: the key/value projections are KV_HEADS /
    # HEADS of multi-head attention's.
    assert p["lm.attn.qkv.weight"].shape[1] == (HEADS + 2 * KV_HEADS) * HEAD
    assert p["decoder.self_attn.in_proj_weight"].shape[1] == 3 * HEADS * HEAD


def main():
    g = Golden("transformer")
    torch.manual_seed(0)
    p = {}

    def param(name, shape, scale=None):
        p[name] = g.param(name, shape, scale)

    def norm(name, bias=True):
        param(name + ".weight", (E,), 0.1)
        with torch.no_grad():
            p[name + ".weight"] += 1.0
        if bias:
            param(name + ".bias", (E,), 0.1)

    param("embedding", (V, E), 0.25)
    attn = {"encoder": ("self_attn",), "decoder": ("self_attn", "multihead_attn")}
    for block, attentions in attn.items():
        for a in attentions:
            param("%s.%s.in_proj_weight" % (block, a), (E, 3 * E))
            param("%s.%s.in_proj_bias" % (block, a), (3 * E,), 0.1)
            param("%s.%s.out_proj.weight" % (block, a), (E, E))
            param("%s.%s.out_proj.bias" % (block, a), (E,), 0.1)
        param(block + ".linear1.weight", (E, FFN))
        param(block + ".linear1.bias", (FFN,), 0.1)
        param(block + ".linear2.weight", (FFN, E))
        param(block + ".linear2.bias", (E,), 0.1)
        for n in range(1, len(attentions) + 2):
            norm("%s.norm%d" % (block, n))
    param("generator.weight", (E, V))
    param("generator.bias", (V,), 0.1)
    param("lm.embedding", (V, E))
    norm("lm.attn_norm", bias=False)
    param("lm.attn.qkv.weight", (E, (HEADS + 2 * KV_HEADS) * HEAD))
    param("lm.attn.out.weight", (E, E))
    norm("lm.ffn_norm", bias=False)
    param("lm.ffn.gate.weight", (E, FFN))
    param("lm.ffn.up.weight", (E, FFN))
    param("lm.ffn.down.weight", (FFN, E))
    norm("lm.norm", bias=False)
    param("lm.head.weight", (E, V))

    # Teacher forcing: the decoder reads BOS and the targets shifted right
    # and predicts every target.
    targets = g.rng.integers(1, V, (B, T))
    x = {"src_tokens": g.input("src_tokens", g.rng.integers(1, V, (B, T))),
         "tgt_tokens": g.input("tgt_tokens",
                               [[BOS] + list(row[:-1]) for row in targets])}
    labels = g.input("tgt_labels", targets)
    out = forward(p, x)
    for name, value in out.items():
        g.expect(name, value)
    check_properties(p, x, out)

    g.expect_gradients(loss(p, dict(x, tgt_labels=labels)))
    g.save_weights()


if __name__ == "__main__":
    main()
