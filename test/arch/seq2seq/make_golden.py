#!/usr/bin/python3
"""Golden data of arch/seq2seq: models/arch/seq2seq.mlir in PyTorch.

Three encoder-decoders over a vocabulary of 12 tokens (0 = <bos>), batch 2,
sources of 6 tokens, targets of 5, with the model's weights (stored
[in, out]; passed transposed where torch wants [out, in]):
- rnn: torch.nn.GRU encodes the source (one bias per gate as bias_ih,
  bias_hh = 0), its final state starts a decoder of torch.gru_cell steps
  and a linear output layer;
- attention: the same with Bahdanau attention over all encoder states at
  every decoder step;
- transformer: a T5-style pre-RMS-norm encoder-decoder (bias-free
  projections, 4 heads, causal decoder self-attention, cross-attention to
  the encoder output) with sinusoidal positions, written out here.
forward() decodes greedily from <bos> for 5 steps, one Python loop per
model feeding the argmax back; loss() is teacher forcing (decoder input
<bos> + target[:-1]) with the three cross-entropies summed. main() asserts
that every greedy argmax wins by more than 1e-3 (so float32 against float64
cannot flip it and the token ids must match nnc's exactly), that the
teacher-forced decoders fed the greedy tokens reproduce the greedy logits
(one decoder, two drivers), that the transformer decoder is causal, and
that 200 Adam steps of teacher forcing teach all three models to decode
the golden targets greedily.
Writes models/arch/seq2seq.safetensors and test/arch/data/seq2seq/
(arch_golden.py). Run with /usr/bin/python3.
"""

import os
import sys

import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden, recurrent_module  # noqa: E402

B, SRC, TGT, V = 2, 6, 5, 12
EMBED, HIDDEN = 8, 8
WIDTH, HEADS, FFN = 16, 4, 32
HEAD = WIDTH // HEADS
BOS = 0
MARGIN = 1e-3  # the smallest top-2 logit gap a greedy step may have


def shift_right(tgt):
    """The decoder input of teacher forcing: <bos>, then tgt[:, :-1]."""
    return torch.cat([torch.full_like(tgt[:, :1], BOS), tgt[:, :-1]], 1)


# --------------------------------------------------------------------------
# Drivers shared by the recurrent decoders
# --------------------------------------------------------------------------

def greedy_recurrent(step, state, embedding):
    """Greedy decoding: from <bos>, TGT steps of `step(state, x)` ->
    (state, logits [B, V], extra) on the embedded previous argmax. Returns
    the tokens [B, TGT], the logits [B, TGT, V] and the extras stacked on
    axis 1."""
    token = torch.full((B,), BOS, dtype=torch.int64)
    tokens, logits, extras = [], [], []
    for _ in range(TGT):
        state, step_logits, extra = step(state, embedding[token])
        token = step_logits.argmax(1)
        tokens.append(token)
        logits.append(step_logits)
        extras.append(extra)
    return torch.stack(tokens, 1), torch.stack(logits, 1), torch.stack(extras, 1)


def teacher_forced_recurrent(step, state, embedding, dec_in):
    """The logits [B, TGT, V] of `step` reading the tokens dec_in [B, TGT]."""
    logits = []
    for t in range(TGT):
        state, step_logits, _ = step(state, embedding[dec_in[:, t]])
        logits.append(step_logits)
    return torch.stack(logits, 1)


# --------------------------------------------------------------------------
# rnn and attention: GRU encoder-decoders
# --------------------------------------------------------------------------

def gru_encoder(p, model, src):
    """torch.nn.GRU of MODEL.encoder.* over the source [B, SRC] embedded by
    MODEL.src_embedding, from a zero state: the final state [B, HIDDEN] and
    every state [B, SRC, HIDDEN]."""
    w = {k: p["%s.encoder.%s" % (model, k)] for k in ("weight_ih", "weight_hh", "bias")}
    gru = recurrent_module(
        torch.nn.GRU(EMBED, HIDDEN),
        {"weight_ih_l0": w["weight_ih"].t(), "weight_hh_l0": w["weight_hh"].t(),
         "bias_ih_l0": w["bias"], "bias_hh_l0": torch.zeros_like(w["bias"])})
    states, h_n = gru(F.embedding(src.t(), p[model + ".src_embedding"]))
    return h_n[0], states.transpose(0, 1)


def gru_cell(p, model, x, h):
    """One step of MODEL's decoder GRU (torch.gru_cell, second bias 0)."""
    w_ih, w_hh, b = (p["%s.decoder.%s" % (model, k)]
                     for k in ("weight_ih", "weight_hh", "bias"))
    return torch.gru_cell(x, h, w_ih.t(), w_hh.t(), b, torch.zeros_like(b))


def rnn_step(p):
    """The plain decoder's step: the GRU, then the output layer on the new
    state (no extra output)."""
    def step(h, x):
        h = gru_cell(p, "rnn", x, h)
        return h, h @ p["rnn.out.weight"] + p["rnn.out.bias"], h[:, :0]
    return step


def attention_step(p, memory):
    """Bahdanau: e_j = v . tanh(s W_q + h_j W_k) over the encoder states
    `memory` [B, SRC, H] with the previous state s; context c; the GRU on
    [x; c]; the logits from [new state; c]."""
    keys = memory @ p["attention.key.weight"]

    def step(s, x):
        e = torch.tanh((s @ p["attention.query.weight"])[:, None] + keys) @ p["attention.v"]
        alpha = torch.softmax(e[..., 0], -1)
        c = (alpha[:, None] @ memory)[:, 0]
        s = gru_cell(p, "attention", torch.cat([x, c], 1), s)
        logits = torch.cat([s, c], 1) @ p["attention.out.weight"] + p["attention.out.bias"]
        return s, logits, alpha
    return step


# --------------------------------------------------------------------------
# transformer: T5-style encoder-decoder
# --------------------------------------------------------------------------

def sinusoidal_positions(length, dtype):
    """PE[pos, 2i] = sin(pos / 10000^(2i/WIDTH)), PE[pos, 2i+1] = cos(same)."""
    pos = torch.arange(length, dtype=dtype)[:, None]
    angle = pos / 10000.0 ** (torch.arange(0, WIDTH, 2, dtype=dtype) / WIDTH)
    return torch.stack([angle.sin(), angle.cos()], -1).reshape(length, WIDTH)


def rms_norm(x, weight):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight


def attention(p, prefix, x, memory, causal):
    """4-head attention of x [B, Lq, WIDTH] over memory [B, Lk, WIDTH] with
    PREFIX.{q,k,v,o}.weight, scores scaled by 1/sqrt(HEAD)."""
    def heads(t):
        return t.reshape(B, -1, HEADS, HEAD).transpose(1, 2)
    q = heads(x @ p[prefix + "q.weight"])
    k = heads(memory @ p[prefix + "k.weight"])
    v = heads(memory @ p[prefix + "v.weight"])
    scores = q @ k.transpose(-1, -2) / HEAD ** 0.5
    if causal:
        n = x.shape[1]
        scores = scores.masked_fill(torch.ones(n, n, dtype=torch.bool).triu(1),
                                    float("-inf"))
    o = (torch.softmax(scores, -1) @ v).transpose(1, 2).reshape(B, -1, WIDTH)
    return o @ p[prefix + "o.weight"]


def feed_forward(p, prefix, x):
    return torch.relu(x @ p[prefix + "wi.weight"]) @ p[prefix + "wo.weight"]


def transformer_encoder(p, src):
    e = "transformer.encoder."
    x = p["transformer.embedding"][src] + sinusoidal_positions(SRC, p["transformer.embedding"].dtype)
    h = rms_norm(x, p[e + "attn_norm.weight"])
    x = x + attention(p, e + "self_attn.", h, h, causal=False)
    x = x + feed_forward(p, e + "ffn.", rms_norm(x, p[e + "ffn_norm.weight"]))
    return rms_norm(x, p[e + "final_norm.weight"])


def transformer_decoder(p, dec_in, memory):
    """The logits [B, TGT, V] at every position of dec_in [B, TGT]."""
    d = "transformer.decoder."
    y = p["transformer.embedding"][dec_in] + sinusoidal_positions(TGT, memory.dtype)
    h = rms_norm(y, p[d + "self_attn_norm.weight"])
    y = y + attention(p, d + "self_attn.", h, h, causal=True)
    y = y + attention(p, d + "cross_attn.", rms_norm(y, p[d + "cross_attn_norm.weight"]),
                      memory, causal=False)
    y = y + feed_forward(p, d + "ffn.", rms_norm(y, p[d + "ffn_norm.weight"]))
    return rms_norm(y, p[d + "final_norm.weight"]) @ p["transformer.lm_head.weight"]


def transformer_greedy(p, memory):
    """Greedy decoding: the decoder reruns on the prefix decoded so far
    (later positions hold <bos>, hidden by the causal mask); the argmax at
    position t is written at t + 1."""
    dec_in = torch.full((B, TGT), BOS, dtype=torch.int64)
    tokens, logits = [], []
    for t in range(TGT):
        step_logits = transformer_decoder(p, dec_in, memory)[:, t]
        token = step_logits.argmax(1)
        if t + 1 < TGT:
            dec_in = dec_in.clone()
            dec_in[:, t + 1] = token
        tokens.append(token)
        logits.append(step_logits)
    return torch.stack(tokens, 1), torch.stack(logits, 1)


# --------------------------------------------------------------------------
# The twins of @forward and @loss
# --------------------------------------------------------------------------

def forward(p, x):
    """@forward: greedy decoding of src_tokens by the three models."""
    src = x["src_tokens"]
    h, _ = gru_encoder(p, "rnn", src)
    rnn_tokens, rnn_logits, _ = greedy_recurrent(rnn_step(p), h, p["rnn.tgt_embedding"])
    s, memory = gru_encoder(p, "attention", src)
    att_tokens, att_logits, att_weights = greedy_recurrent(
        attention_step(p, memory), s, p["attention.tgt_embedding"])
    tf_tokens, tf_logits = transformer_greedy(p, transformer_encoder(p, src))
    return {"rnn_tokens": rnn_tokens, "rnn_logits": rnn_logits,
            "attention_tokens": att_tokens, "attention_logits": att_logits,
            "attention_weights": att_weights,
            "transformer_tokens": tf_tokens, "transformer_logits": tf_logits}


def teacher_forced_logits(p, src, tgt):
    """Every model's logits [B, TGT, V] with the decoder reading
    <bos> + tgt[:, :-1]."""
    dec_in = shift_right(tgt)
    h, _ = gru_encoder(p, "rnn", src)
    s, memory = gru_encoder(p, "attention", src)
    return {
        "rnn": teacher_forced_recurrent(rnn_step(p), h, p["rnn.tgt_embedding"], dec_in),
        "attention": teacher_forced_recurrent(attention_step(p, memory), s,
                                              p["attention.tgt_embedding"], dec_in),
        "transformer": transformer_decoder(p, dec_in, transformer_encoder(p, src))}


def loss(p, x):
    """@loss: the sum over the models of the cross-entropy (mean over the
    B x TGT positions) of the teacher-forced logits against tgt_tokens."""
    tgt = x["tgt_tokens"]
    logits = teacher_forced_logits(p, x["src_tokens"], tgt)
    return sum(F.cross_entropy(l.reshape(B * TGT, V), tgt.reshape(B * TGT))
               for l in logits.values())


def check_properties(p, src, out):
    """What the model must show, checked on the PyTorch side."""
    for model in ("rnn", "attention", "transformer"):
        top2 = out[model + "_logits"].topk(2, -1).values
        margin = float((top2[..., 0] - top2[..., 1]).min())
        assert margin > MARGIN, (model, margin)
        # Teacher forcing on the greedy output gives the greedy logits back:
        # the same decoder under both drivers.
        forced = teacher_forced_logits(p, src, out[model + "_tokens"])[model]
        assert torch.allclose(forced, out[model + "_logits"], rtol=1e-12, atol=1e-12), model
    weights = out["attention_weights"]
    assert torch.allclose(weights.sum(-1), torch.ones(B, TGT, dtype=weights.dtype))
    # The transformer decoder is causal: a changed last input token changes
    # only the last position's logits.
    memory = transformer_encoder(p, src)
    dec_in = shift_right(out["transformer_tokens"])
    changed = dec_in.clone()
    changed[:, -1] = (changed[:, -1] + 1) % V
    a, b = transformer_decoder(p, dec_in, memory), transformer_decoder(p, changed, memory)
    assert torch.equal(a[:, :-1], b[:, :-1]) and not torch.equal(a[:, -1], b[:, -1])


def check_training(p, x):
    """Teacher forcing trains what greedy decoding uses: 200 Adam steps
    (lr 0.03) of loss() on the golden batch, from copies of the weights,
    and every model then decodes the targets exactly (as ctest
    arch/seq2seq/learns-to-decode checks of nnc's compiled train step)."""
    trained = {k: v.detach().clone().requires_grad_(True) for k, v in p.items()}
    optimizer = torch.optim.Adam(trained.values(), lr=0.03)
    for _ in range(200):
        optimizer.zero_grad()
        loss(trained, x).backward()
        optimizer.step()
    with torch.no_grad():
        out = forward(trained, x)
    for model in ("rnn", "attention", "transformer"):
        assert torch.equal(out[model + "_tokens"], x["tgt_tokens"]), model


def main():
    g = Golden("seq2seq")
    torch.manual_seed(0)
    for model in ("rnn", "attention"):
        g.param(model + ".src_embedding", (V, EMBED), 1.0)
        g.param(model + ".encoder.weight_ih", (EMBED, 3 * HIDDEN))
        g.param(model + ".encoder.weight_hh", (HIDDEN, 3 * HIDDEN))
        g.param(model + ".encoder.bias", (3 * HIDDEN,), 0.3)
        if model == "attention":
            g.param("attention.key.weight", (HIDDEN, HIDDEN))
            g.param("attention.query.weight", (HIDDEN, HIDDEN))
            g.param("attention.v", (HIDDEN, 1), 1.0)
        g.param(model + ".tgt_embedding", (V, EMBED), 1.0)
        decoder_in = EMBED + (HIDDEN if model == "attention" else 0)
        g.param(model + ".decoder.weight_ih", (decoder_in, 3 * HIDDEN))
        g.param(model + ".decoder.weight_hh", (HIDDEN, 3 * HIDDEN))
        g.param(model + ".decoder.bias", (3 * HIDDEN,), 0.3)
        out_in = HIDDEN * (2 if model == "attention" else 1)
        g.param(model + ".out.weight", (out_in, V), 2.0 / out_in ** 0.5)
        g.param(model + ".out.bias", (V,), 0.3)

    def norm(name):
        weight = g.param(name, (WIDTH,), 0.1)
        with torch.no_grad():
            weight += 1.0

    t = "transformer."
    g.param(t + "embedding", (V, WIDTH), 1.0)
    norm(t + "encoder.attn_norm.weight")
    for c in "qkvo":
        g.param(t + "encoder.self_attn.%s.weight" % c, (WIDTH, WIDTH))
    norm(t + "encoder.ffn_norm.weight")
    g.param(t + "encoder.ffn.wi.weight", (WIDTH, FFN))
    g.param(t + "encoder.ffn.wo.weight", (FFN, WIDTH))
    norm(t + "encoder.final_norm.weight")
    for a in ("self_attn", "cross_attn"):
        norm(t + "decoder.%s_norm.weight" % a)
        for c in "qkvo":
            g.param(t + "decoder.%s.%s.weight" % (a, c), (WIDTH, WIDTH))
    norm(t + "decoder.ffn_norm.weight")
    g.param(t + "decoder.ffn.wi.weight", (WIDTH, FFN))
    g.param(t + "decoder.ffn.wo.weight", (FFN, WIDTH))
    norm(t + "decoder.final_norm.weight")
    g.param(t + "lm_head.weight", (WIDTH, V), 2.0 / WIDTH ** 0.5)

    src = g.input("src_tokens", g.rng.integers(1, V, (B, SRC)))
    tgt = g.input("tgt_tokens", g.rng.integers(1, V, (B, TGT)))
    out = forward(g.params, {"src_tokens": src})
    for name, value in out.items():
        g.expect(name, value)
    check_properties(g.params, src, out)

    g.expect_gradients(loss(g.params, {"src_tokens": src, "tgt_tokens": tgt}))
    check_training(g.params, {"src_tokens": src, "tgt_tokens": tgt})
    g.save_weights()


if __name__ == "__main__":
    main()
