#!/usr/bin/python3
"""Golden data of arch/unet: models/arch/unet.mlir in PyTorch.

The plain U-Net (ConvBlocks of conv, group norm, ReLU twice; max pooling;
transposed-convolution upsampling and skip concatenation at 4x4 and 8x8;
1x1 head to 3 classes) and the diffusion U-Net (sinusoidal timestep
embedding and MLP, FiLM scale and shift in every ConvBlock, cross-attention
from the 4x4 feature map to a conditioning sequence). @loss: per-pixel
cross-entropy plus the epsilon-prediction MSE at x_t noised in closed form.
Writes models/arch/unet.safetensors and test/arch/data/unet/
(arch_golden.py). Run with /usr/bin/python3.
"""

import math
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from arch_golden import Golden  # noqa: E402

B, C, IMG, CLASSES = 2, 3, 8, 3
GROUPS = 2
STEPS, SINUSOIDS, TIME = 10, 8, 16  # diffusion steps, embedding widths
CONTEXT, CONTEXT_WIDTH, ATTENTION = 4, 6, 8
# Linear betas; the model holds the float32 rounding of abar.
ABAR = np.cumprod(1 - np.linspace(1e-3, 0.2, STEPS)).astype(np.float32)


def group_norm(x, p, name):
    """Group norm as the model computes it: normalized over each group's
    channels and pixels, then a per-channel scale and shift ([C, 1, 1])."""
    y = F.group_norm(x, GROUPS, eps=1e-5)
    return y * p[name + ".weight"] + p[name + ".bias"]


def conv_block(x, p, name, activation, film=None):
    """(3x3 conv -> group norm -> activation) twice; FiLM after the first
    norm: h * (1 + scale) + shift from a linear map of the embedding."""
    h = F.conv2d(x, p[name + ".conv1.weight"], p[name + ".conv1.bias"], padding=1)
    h = group_norm(h, p, name + ".norm1")
    if film is not None:
        scale, shift = (film @ p[name + ".film.weight"]
                        + p[name + ".film.bias"]).chunk(2, 1)
        h = h * (1 + scale[:, :, None, None]) + shift[:, :, None, None]
    h = activation(h)
    h = F.conv2d(h, p[name + ".conv2.weight"], p[name + ".conv2.bias"], padding=1)
    return activation(group_norm(h, p, name + ".norm2"))


def up(x, p, name):
    return F.conv_transpose2d(x, p[name + ".weight"], p[name + ".bias"], stride=2)


def unet(x, p):
    """The plain U-Net: per-pixel class logits."""
    e1 = conv_block(x, p, "unet.enc1", F.relu)
    e2 = conv_block(F.max_pool2d(e1, 2), p, "unet.enc2", F.relu)
    m = conv_block(F.max_pool2d(e2, 2), p, "unet.mid", F.relu)
    d2 = conv_block(torch.cat([up(m, p, "unet.up2"), e2], 1), p, "unet.dec2", F.relu)
    d1 = conv_block(torch.cat([up(d2, p, "unet.up1"), e1], 1), p, "unet.dec1", F.relu)
    return F.conv2d(d1, p["unet.head.weight"], p["unet.head.bias"])


def timestep_embedding(t, dtype):
    """[sin(t f_i), cos(t f_i)], f_i = 10000^(-i/4) (float32 constants)."""
    half = SINUSOIDS // 2
    freqs = torch.tensor([math.exp(-math.log(10000.0) * i / half) for i in range(half)],
                         dtype=torch.float32).to(dtype)
    args = t.to(dtype)[:, None] * freqs
    return torch.cat([torch.sin(args), torch.cos(args)], 1)


def cross_attention(h, context, p):
    """Pre-norm residual single-head attention: queries from the flattened
    feature map, keys and values from the context sequence."""
    n, c, height, width = h.shape
    tokens = h.reshape(n, c, height * width).transpose(1, 2)
    q = F.layer_norm(tokens, (c,), p["diffusion.attn.norm.weight"],
                     p["diffusion.attn.norm.bias"], 1e-5) @ p["diffusion.attn.q.weight"]
    k = context @ p["diffusion.attn.k.weight"]
    v = context @ p["diffusion.attn.v.weight"]
    a = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(ATTENTION), -1)
    out = a @ v @ p["diffusion.attn.out.weight"] + p["diffusion.attn.out.bias"]
    return h + out.transpose(1, 2).reshape(h.shape)


def diffusion_unet(x_t, t, context, p):
    """The diffusion U-Net: the predicted noise of x_t."""
    emb = timestep_embedding(t, x_t.dtype)
    emb = F.silu(emb @ p["diffusion.time.fc1.weight"] + p["diffusion.time.fc1.bias"])
    emb = F.silu(emb @ p["diffusion.time.fc2.weight"] + p["diffusion.time.fc2.bias"])
    e1 = conv_block(x_t, p, "diffusion.enc1", F.silu, emb)
    m = conv_block(F.max_pool2d(e1, 2), p, "diffusion.mid", F.silu, emb)
    m = cross_attention(m, context, p)
    d1 = conv_block(torch.cat([up(m, p, "diffusion.up"), e1], 1), p,
                    "diffusion.dec1", F.silu, emb)
    return F.conv2d(d1, p["diffusion.out.weight"], p["diffusion.out.bias"])


def forward(p, x):
    """@forward: the segmentation logits of x and the noise predicted for
    x_t at timesteps t given the context."""
    return {"segmentation": unet(x["x"], p),
            "eps": diffusion_unet(x["x_t"], x["t"], x["context"], p)}


def main():
    g = Golden("unet")
    p = {}

    def conv_block_params(name, cin, cout, film=None):
        for i, fan_in in ((1, cin), (2, cout)):
            conv = "%s.conv%d" % (name, i)
            p[conv + ".weight"] = g.param(conv + ".weight", (cout, fan_in, 3, 3),
                                          1 / math.sqrt(9 * fan_in))
            p[conv + ".bias"] = g.param(conv + ".bias", (cout,), 0.1)
            norm = "%s.norm%d" % (name, i)
            # Norm weights around 1, biases small.
            p[norm + ".weight"] = g.param(norm + ".weight", (cout, 1, 1), 0.1)
            with torch.no_grad():
                p[norm + ".weight"] += 1.0
            p[norm + ".bias"] = g.param(norm + ".bias", (cout, 1, 1), 0.1)
            if i == 1 and film is not None:
                p[name + ".film.weight"] = g.param(name + ".film.weight", (film, 2 * cout),
                                                   0.3 / math.sqrt(film))
                p[name + ".film.bias"] = g.param(name + ".film.bias", (2 * cout,), 0.1)

    def up_params(name, cin, cout):
        p[name + ".weight"] = g.param(name + ".weight", (cin, cout, 2, 2),
                                      1 / math.sqrt(4 * cin))
        p[name + ".bias"] = g.param(name + ".bias", (cout,), 0.1)

    def linear(name, fan_in, fan_out, bias=True):
        p[name + ".weight"] = g.param(name + ".weight", (fan_in, fan_out))
        if bias:
            p[name + ".bias"] = g.param(name + ".bias", (fan_out,), 0.1)

    def head(name, cin, cout):
        p[name + ".weight"] = g.param(name + ".weight", (cout, cin, 1, 1),
                                      1 / math.sqrt(cin))
        p[name + ".bias"] = g.param(name + ".bias", (cout,), 0.1)

    # In the order of the model's parameters.
    conv_block_params("unet.enc1", C, 4)
    conv_block_params("unet.enc2", 4, 8)
    conv_block_params("unet.mid", 8, 16)
    up_params("unet.up2", 16, 8)
    conv_block_params("unet.dec2", 16, 8)
    up_params("unet.up1", 8, 4)
    conv_block_params("unet.dec1", 8, 4)
    head("unet.head", 4, CLASSES)
    linear("diffusion.time.fc1", SINUSOIDS, TIME)
    linear("diffusion.time.fc2", TIME, TIME)
    conv_block_params("diffusion.enc1", C, 8, TIME)
    conv_block_params("diffusion.mid", 8, 16, TIME)
    p["diffusion.attn.norm.weight"] = g.param("diffusion.attn.norm.weight", (16,), 0.1)
    with torch.no_grad():
        p["diffusion.attn.norm.weight"] += 1.0
    p["diffusion.attn.norm.bias"] = g.param("diffusion.attn.norm.bias", (16,), 0.1)
    linear("diffusion.attn.q", 16, ATTENTION, bias=False)
    linear("diffusion.attn.k", CONTEXT_WIDTH, ATTENTION, bias=False)
    linear("diffusion.attn.v", CONTEXT_WIDTH, ATTENTION, bias=False)
    linear("diffusion.attn.out", ATTENTION, 16)
    up_params("diffusion.up", 16, 8)
    conv_block_params("diffusion.dec1", 16, 8, TIME)
    head("diffusion.out", 8, C)

    x = g.input("x", g.normal((B, C, IMG, IMG)))
    x_t = g.input("x_t", g.normal((B, C, IMG, IMG)))
    t = g.input("t", np.array([3, 8]))
    context = g.input("context", g.normal((B, CONTEXT, CONTEXT_WIDTH)))
    out = forward(p, {"x": x, "x_t": x_t, "t": t, "context": context})
    for name, value in out.items():
        g.expect(name, value)

    labels = g.input("labels", g.rng.integers(0, CLASSES, (B, IMG, IMG)))
    x0 = g.input("x0", g.normal((B, C, IMG, IMG)))
    noise = g.input("noise", g.normal((B, C, IMG, IMG)))
    abar = torch.from_numpy(ABAR).double()[t][:, None, None, None]
    noisy = abar.sqrt() * x0 + (1 - abar).sqrt() * noise
    logits = unet(x, p)
    segmentation = F.cross_entropy(logits.permute(0, 2, 3, 1).reshape(-1, CLASSES),
                                   labels.reshape(-1))
    epsilon = F.mse_loss(diffusion_unet(noisy, t, context, p), noise)
    g.expect_gradients(segmentation + epsilon)
    g.save_weights()


if __name__ == "__main__":
    main()
