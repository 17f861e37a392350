"""Builds the PyTorch-exported ONNX model zoo with losses and gradients.

usage: /usr/bin/python3 make_zoo.py [NAME...]   (writes NAME/ beside this
script; all models when no name is given)

Each zoo model is a small version (a few thousand parameters, tiny inputs) of
a real model family. Its forward takes the data and the targets as inputs and
returns the training loss as output 0 (a scalar) followed by one or two other
outputs (logits, reconstructions...). It is exported with torch.onnx.export
(opset 17, do_constant_folding=False, parameters as initializers named as in
torch) in eval mode: dropout is off and batch norm uses running statistics,
set to non-trivial values first. The export uses TrainingMode.PRESERVE of the
eval-mode model, which is TrainingMode.EVAL without its Conv+BatchNorm fusion
peephole: that fusion replaces the convolution weights by new initializers
(onnx::Conv_N), so the torch parameter names and their gradients would be
lost. Every parameter is perturbed with small noise after initialization so
that no two initializers hold equal data (the exporter merges those in eval
mode, dropping names).

Layout per model (the ONNX backend-test layout `nnc test-onnx --grad` reads):
  NAME/model.onnx
  NAME/test_data_set_0/input_K.pb, output_K.pb   (TensorProto)
  NAME/grads/<initializer name>.pb   d(output 0)/d(parameter), from autograd
PyTorch float32 is the reference; inputs are kept well conditioned.
"""
import math
import os
import shutil
import sys

import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))

# --------------------------------------------------------------------------
# Model families. Each builder returns (module, inputs, input names, output
# names); the module's forward returns (loss, other outputs...).
# --------------------------------------------------------------------------


class MlpClassifier(nn.Module):
    """Two hidden layers with ReLU, cross-entropy over class labels."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 32)
        self.fc2 = nn.Linear(32, 16)
        self.fc3 = nn.Linear(16, 4)

    def forward(self, x, target):
        h = torch.relu(self.fc1(x))
        h = torch.relu(self.fc2(h))
        logits = self.fc3(h)
        return F.cross_entropy(logits, target), logits


def make_mlp():
    x = torch.randn(6, 8)
    target = torch.tensor([0, 1, 2, 3, 1, 2])
    return MlpClassifier(), (x, target), ["x", "target"], ["loss", "logits"]


class LeNet(nn.Module):
    """LeNet-style CNN: conv, batch norm, ReLU, max pooling, two FC layers."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3)
        self.bn2 = nn.BatchNorm2d(8)
        self.fc1 = nn.Linear(8 * 2 * 2, 16)
        self.fc2 = nn.Linear(16, 3)

    def forward(self, x, target):
        h = F.max_pool2d(torch.relu(self.bn1(self.conv1(x))), 2)
        h = F.max_pool2d(torch.relu(self.bn2(self.conv2(h))), 2)
        h = torch.relu(self.fc1(torch.flatten(h, 1)))
        logits = self.fc2(h)
        return F.cross_entropy(logits, target), logits


def make_lenet():
    x = torch.randn(2, 1, 12, 12)
    target = torch.tensor([2, 0])
    return LeNet(), (x, target), ["x", "target"], ["loss", "logits"]


class BasicBlock(nn.Module):
    """ResNet basic block: two 3x3 conv+BN, identity or 1x1 projection."""

    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(
                nn.Conv2d(cin, cout, 1, stride, bias=False),
                nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.downsample is None else self.downsample(x)
        h = torch.relu(self.bn1(self.conv1(x)))
        return torch.relu(self.bn2(self.conv2(h)) + identity)


class ResNet(nn.Module):
    """Stem, two basic blocks (one downsampling), global pool, classifier."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(8)
        self.layer1 = BasicBlock(8, 8, 1)
        self.layer2 = BasicBlock(8, 12, 2)
        self.fc = nn.Linear(12, 5)

    def forward(self, x, target):
        h = torch.relu(self.bn(self.stem(x)))
        h = self.layer2(self.layer1(h))
        h = torch.flatten(F.adaptive_avg_pool2d(h, 1), 1)
        logits = self.fc(h)
        return F.cross_entropy(logits, target), logits


def make_resnet():
    x = torch.randn(2, 3, 8, 8)
    target = torch.tensor([4, 1])
    return ResNet(), (x, target), ["x", "target"], ["loss", "logits"]


class UNet(nn.Module):
    """Two-level U-Net: max-pool down, ConvTranspose up, skip concatenation;
    per-pixel binary segmentation loss."""

    def __init__(self):
        super().__init__()
        self.enc1 = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(),
                                  nn.Conv2d(4, 4, 3, padding=1), nn.ReLU())
        self.enc2 = nn.Sequential(nn.Conv2d(4, 8, 3, padding=1), nn.ReLU())
        self.up = nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.dec = nn.Sequential(nn.Conv2d(8, 4, 3, padding=1), nn.ReLU())
        self.head = nn.Conv2d(4, 1, 1)

    def forward(self, x, mask):
        e1 = self.enc1(x)
        e2 = self.enc2(F.max_pool2d(e1, 2))
        d = self.dec(torch.cat([self.up(e2), e1], dim=1))
        logits = self.head(d)
        return F.binary_cross_entropy_with_logits(logits, mask), logits


def make_unet():
    x = torch.randn(2, 1, 8, 8)
    mask = (torch.rand(2, 1, 8, 8) > 0.5).float()
    return UNet(), (x, mask), ["x", "mask"], ["loss", "logits"]


class LstmClassifier(nn.Module):
    """Two-layer bidirectional LSTM over a sequence; the last step's features
    are classified."""

    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(4, 8, num_layers=2, bidirectional=True,
                            batch_first=True)
        self.fc = nn.Linear(16, 3)

    def forward(self, x, target):
        seq, _ = self.lstm(x)
        logits = self.fc(seq[:, -1, :])
        return F.cross_entropy(logits, target), logits


def make_lstm():
    x = torch.randn(2, 5, 4)
    target = torch.tensor([1, 2])
    return LstmClassifier(), (x, target), ["x", "target"], ["loss", "logits"]


class GruLanguageModel(nn.Module):
    """Token embedding, GRU, vocabulary projection; next-token loss."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(16, 8)
        self.gru = nn.GRU(8, 12, batch_first=True)
        self.out = nn.Linear(12, 16)

    def forward(self, tokens, next_tokens):
        seq, _ = self.gru(self.embed(tokens))
        logits = self.out(seq)
        loss = F.cross_entropy(logits.reshape(-1, 16), next_tokens.reshape(-1))
        return loss, logits


def make_gru_lm():
    text = torch.randint(0, 16, (2, 7))
    return (GruLanguageModel(), (text[:, :-1], text[:, 1:]),
            ["tokens", "next_tokens"], ["loss", "logits"])


class TransformerClassifier(nn.Module):
    """nn.TransformerEncoderLayer (GELU, pre-norm off) with a key padding
    mask; masked mean pooling and a classifier."""

    def __init__(self):
        super().__init__()
        self.embed = nn.Linear(6, 16)
        self.layer = nn.TransformerEncoderLayer(
            16, 2, dim_feedforward=32, dropout=0.0, activation="gelu",
            batch_first=True)
        self.fc = nn.Linear(16, 3)

    def forward(self, x, valid, target):
        h = self.layer(self.embed(x), src_key_padding_mask=valid < 0.5)
        weights = valid.unsqueeze(-1)
        pooled = (h * weights).sum(1) / weights.sum(1)
        logits = self.fc(pooled)
        return F.cross_entropy(logits, target), logits


def make_transformer():
    x = torch.randn(2, 5, 6)
    valid = torch.tensor([[1.0, 1.0, 1.0, 1.0, 1.0],
                          [1.0, 1.0, 1.0, 0.0, 0.0]])
    target = torch.tensor([0, 2])
    return (TransformerClassifier(), (x, valid, target),
            ["x", "valid", "target"], ["loss", "logits"])


class ViT(nn.Module):
    """Vision transformer: patch convolution, class token, learned position
    embeddings, a hand-written pre-norm encoder block (multi-head attention,
    LayerNorm, GELU MLP), classification from the class token."""

    def __init__(self, dim=16, heads=2):
        super().__init__()
        self.heads = heads
        self.patch = nn.Conv2d(3, dim, 4, stride=4)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, 5, dim))
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp1 = nn.Linear(dim, 2 * dim)
        self.mlp2 = nn.Linear(2 * dim, dim)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, 4)

    def attention(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, d // self.heads) \
            .permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        out = torch.softmax(scores, dim=-1) @ v
        return self.proj(out.transpose(1, 2).reshape(b, t, d))

    def forward(self, images, target):
        p = self.patch(images).flatten(2).transpose(1, 2)
        cls = self.cls_token.expand(p.shape[0], -1, -1)
        x = torch.cat([cls, p], dim=1) + self.pos_embed
        x = x + self.attention(self.norm1(x))
        x = x + self.mlp2(F.gelu(self.mlp1(self.norm2(x))))
        logits = self.head(self.norm(x)[:, 0])
        return F.cross_entropy(logits, target), logits


def make_vit():
    images = torch.randn(2, 3, 8, 8)
    target = torch.tensor([3, 0])
    return ViT(), (images, target), ["images", "target"], ["loss", "logits"]


class Vae(nn.Module):
    """Variational autoencoder; the reparameterization noise is an input.
    Loss = ELBO's reconstruction BCE (summed) + Gaussian KL, per example."""

    def __init__(self):
        super().__init__()
        self.enc = nn.Linear(16, 24)
        self.mu = nn.Linear(24, 4)
        self.logvar = nn.Linear(24, 4)
        self.dec1 = nn.Linear(4, 24)
        self.dec2 = nn.Linear(24, 16)

    def forward(self, x, noise):
        h = torch.relu(self.enc(x))
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.exp(0.5 * logvar) * noise
        recon = torch.sigmoid(self.dec2(torch.relu(self.dec1(z))))
        # F.binary_cross_entropy has no ONNX export in torch 1.13: written out.
        bce = -torch.sum(x * torch.log(recon) + (1 - x) * torch.log(1 - recon))
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp())
        return (bce + kl) / x.shape[0], recon, mu


def make_vae():
    x = torch.rand(4, 16) * 0.8 + 0.1
    noise = torch.randn(4, 4)
    return Vae(), (x, noise), ["x", "noise"], ["loss", "recon", "mu"]


class Gan(nn.Module):
    """Generator and discriminator MLPs. Loss = discriminator BCE (real vs
    fake) + generator BCE (fakes judged real)."""

    def __init__(self):
        super().__init__()
        self.generator = nn.Sequential(
            nn.Linear(4, 16), nn.LeakyReLU(0.2), nn.Linear(16, 8), nn.Tanh())
        self.discriminator = nn.Sequential(
            nn.Linear(8, 16), nn.LeakyReLU(0.2), nn.Linear(16, 1))

    def forward(self, real, z):
        fake = self.generator(z)
        d_real = self.discriminator(real)
        d_fake = self.discriminator(fake)
        d_loss = F.binary_cross_entropy_with_logits(
            d_real, torch.ones_like(d_real)) + \
            F.binary_cross_entropy_with_logits(
                d_fake, torch.zeros_like(d_fake))
        # Non-saturating generator loss: BCE of the fakes against "real",
        # written with logsigmoid (F.binary_cross_entropy has no ONNX export
        # in torch 1.13).
        g_loss = -F.logsigmoid(d_fake).mean()
        return d_loss + g_loss, fake, d_real


def make_gan():
    real = torch.randn(4, 8) * 0.5
    z = torch.randn(4, 4)
    return Gan(), (real, z), ["real", "z"], ["loss", "fake", "d_real"]


def ring_graph():
    """A 6-node undirected graph: a ring with one chord."""
    edges = [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (5, 0), (0, 3)]
    both = edges + [(b, a) for a, b in edges]
    return torch.tensor(both, dtype=torch.int64).t().contiguous()


class Gcn(nn.Module):
    """Two-layer graph convolutional network on a dense adjacency matrix,
    normalized in the graph as D^-1/2 (A + I) D^-1/2; node classification."""

    def __init__(self):
        super().__init__()
        self.w1 = nn.Linear(5, 8)
        self.w2 = nn.Linear(8, 3)

    def forward(self, x, adjacency, target):
        a = adjacency + torch.eye(adjacency.shape[0])
        d = a.sum(1).pow(-0.5)
        a_norm = d.unsqueeze(1) * a * d.unsqueeze(0)
        h = torch.relu(a_norm @ self.w1(x))
        logits = a_norm @ self.w2(h)
        return F.cross_entropy(logits, target), logits


def make_gcn():
    edges = ring_graph()
    adjacency = torch.zeros(6, 6)
    adjacency[edges[0], edges[1]] = 1.0
    x = torch.randn(6, 5)
    target = torch.tensor([0, 1, 2, 0, 1, 2])
    return Gcn(), (x, adjacency, target), ["x", "adjacency", "target"], \
        ["loss", "logits"]


class GcnEdgeList(nn.Module):
    """The same GCN on an edge list: messages gathered from the sources and
    summed into the targets with scatter_add (exported as ScatterElements
    with reduction "add"; the exporter refuses index_add_ when the index has
    repeated entries, as every graph's target list has)."""

    def __init__(self):
        super().__init__()
        self.w1 = nn.Linear(5, 8)
        self.w2 = nn.Linear(8, 3)

    def propagate(self, h, src, dst, norm):
        out = h / (norm * norm).unsqueeze(1)  # the self loop
        messages = h[src] / (norm[src] * norm[dst]).unsqueeze(1)
        index = dst.unsqueeze(1).expand(-1, h.shape[1])
        return out.scatter_add(0, index, messages)

    def forward(self, x, edges, target):
        src, dst = edges[0], edges[1]
        degree = 1 + torch.zeros_like(x[:, 0]).scatter_add(
            0, dst, torch.ones_like(dst, dtype=x.dtype))
        norm = degree.sqrt()
        h = torch.relu(self.propagate(self.w1(x), src, dst, norm))
        logits = self.propagate(self.w2(h), src, dst, norm)
        return F.cross_entropy(logits, target), logits


def make_gcn_edges():
    x = torch.randn(6, 5)
    target = torch.tensor([0, 1, 2, 0, 1, 2])
    return GcnEdgeList(), (x, ring_graph(), target), \
        ["x", "edges", "target"], ["loss", "logits"]


class GraphAttention(nn.Module):
    """A graph attention network (GAT) layer on an edge list, then a
    readout: attention logits per edge from gathered endpoint features, a
    softmax over each node's incoming edges (sums with scatter_add:
    ScatterElements with run-time indices and reduction add; torch 1.13
    does not export scatter_reduce), messages summed into the targets; each node's state written into a slot table with index_put
    (ScatterND, assignment), and the class log-probability of each node's
    target picked with gather (GatherElements) for the loss."""

    def __init__(self):
        super().__init__()
        self.w = nn.Linear(5, 8)
        self.attend = nn.Linear(16, 1)
        self.readout = nn.Linear(8, 3)

    def forward(self, x, edges, slots, target):
        src, dst = edges[0], edges[1]
        h = self.w(x)
        e = F.leaky_relu(self.attend(torch.cat([h[src], h[dst]], 1)), 0.2)
        e = e.squeeze(1)
        weight = torch.exp(e - e.max())
        total = torch.zeros_like(h[:, 0]).scatter_add(0, dst, weight)
        alpha = (weight / total[dst]).unsqueeze(1)
        index = dst.unsqueeze(1).expand(-1, h.shape[1])
        out = torch.zeros_like(h).scatter_add(0, index, alpha * h[src])
        table = torch.zeros(2 * x.shape[0], 8)
        table = table.index_put((slots,), torch.tanh(out))
        logp = F.log_softmax(self.readout(table), 1)
        picked = logp.gather(1, target.unsqueeze(1))
        return -picked.mean(), logp


def make_gat():
    x = torch.randn(6, 5)
    slots = torch.tensor([7, 0, 9, 2, 11, 4])
    target = torch.tensor([0, 1, 2, 0, 1, 2, 2, 1, 0, 2, 1, 0])
    return GraphAttention(), (x, ring_graph(), slots, target), \
        ["x", "edges", "slots", "target"], ["loss", "logp"]


class WaveNet(nn.Module):
    """Dilated causal Conv1d stack with gated tanh*sigmoid units, residual
    and skip 1x1 convolutions; per-step classification of the next sample's
    quantized value."""

    def __init__(self, channels=8, classes=8, dilations=(1, 2, 4)):
        super().__init__()
        self.dilations = dilations
        self.input = nn.Conv1d(1, channels, 1)
        self.filters = nn.ModuleList(
            nn.Conv1d(channels, channels, 2, dilation=d) for d in dilations)
        self.gates = nn.ModuleList(
            nn.Conv1d(channels, channels, 2, dilation=d) for d in dilations)
        # The last layer feeds only the skip path.
        self.residuals = nn.ModuleList(
            nn.Conv1d(channels, channels, 1) for _ in dilations[1:])
        self.skips = nn.ModuleList(
            nn.Conv1d(channels, channels, 1) for _ in dilations)
        self.out1 = nn.Conv1d(channels, channels, 1)
        self.out2 = nn.Conv1d(channels, classes, 1)

    def forward(self, audio, target):
        h = self.input(audio)
        skip = 0
        for i, d in enumerate(self.dilations):
            padded = F.pad(h, (d, 0))
            z = torch.tanh(self.filters[i](padded)) \
                * torch.sigmoid(self.gates[i](padded))
            skip = skip + self.skips[i](z)
            if i < len(self.residuals):
                h = h + self.residuals[i](z)
        logits = self.out2(torch.relu(self.out1(torch.relu(skip))))
        return F.cross_entropy(logits, target), logits


def make_wavenet():
    audio = torch.randn(2, 1, 12) * 0.5
    target = torch.randint(0, 8, (2, 12))
    return WaveNet(), (audio, target), ["audio", "target"], ["loss", "logits"]


class MixtureDensityNetwork(nn.Module):
    """MLP predicting a 1-D Gaussian mixture; loss = negative log likelihood
    through logsumexp over the components."""

    def __init__(self, components=3):
        super().__init__()
        self.hidden = nn.Linear(2, 16)
        self.pi = nn.Linear(16, components)
        self.mu = nn.Linear(16, components)
        self.log_sigma = nn.Linear(16, components)

    def forward(self, x, y):
        h = torch.tanh(self.hidden(x))
        log_pi = torch.log_softmax(self.pi(h), dim=1)
        mu, log_sigma = self.mu(h), self.log_sigma(h)
        z = (y - mu) / torch.exp(log_sigma)
        log_prob = -0.5 * z * z - log_sigma - 0.5 * math.log(2 * math.pi)
        nll = -torch.logsumexp(log_pi + log_prob, dim=1).mean()
        return nll, log_pi, mu


def make_mdn():
    x = torch.randn(8, 2)
    y = torch.randn(8, 1)
    return MixtureDensityNetwork(), (x, y), ["x", "y"], \
        ["loss", "log_pi", "mu"]


class RmsNorm(nn.Module):
    def __init__(self, dim, eps=1e-5):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) \
            * self.weight


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat([-x[..., half:], x[..., :half]], dim=-1)


class LlamaBlock(nn.Module):
    """A LLaMA-style decoder: embedding, one block of RMSNorm, causal
    multi-head attention with rotary position embeddings, RMSNorm, SwiGLU
    MLP; final RMSNorm, next-token loss."""

    def __init__(self, vocab=16, dim=16, heads=2, seq=6):
        super().__init__()
        self.heads = heads
        self.embed = nn.Embedding(vocab, dim)
        self.attn_norm = RmsNorm(dim)
        self.wq = nn.Linear(dim, dim, bias=False)
        self.wk = nn.Linear(dim, dim, bias=False)
        self.wv = nn.Linear(dim, dim, bias=False)
        self.wo = nn.Linear(dim, dim, bias=False)
        self.mlp_norm = RmsNorm(dim)
        self.w1 = nn.Linear(dim, 32, bias=False)
        self.w3 = nn.Linear(dim, 32, bias=False)
        self.w2 = nn.Linear(32, dim, bias=False)
        self.norm = RmsNorm(dim)
        self.lm_head = nn.Linear(dim, vocab, bias=False)
        head_dim = dim // heads
        inv_freq = 1.0 / (10000 ** (torch.arange(0, head_dim, 2).float()
                                    / head_dim))
        angles = torch.outer(torch.arange(seq).float(), inv_freq)
        angles = torch.cat([angles, angles], dim=-1)
        self.register_buffer("rope_cos", angles.cos())
        self.register_buffer("rope_sin", angles.sin())

    def rotary(self, x):
        return x * self.rope_cos + rotate_half(x) * self.rope_sin

    def attention(self, x):
        b, t, d = x.shape
        def split(y):
            return y.view(b, t, self.heads, d // self.heads).transpose(1, 2)
        q = self.rotary(split(self.wq(x)))
        k = self.rotary(split(self.wk(x)))
        v = split(self.wv(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(d // self.heads)
        causal = torch.full((t, t), float("-inf")).triu(1)
        out = torch.softmax(scores + causal, dim=-1) @ v
        return self.wo(out.transpose(1, 2).reshape(b, t, d))

    def forward(self, tokens, next_tokens):
        x = self.embed(tokens)
        x = x + self.attention(self.attn_norm(x))
        h = self.mlp_norm(x)
        x = x + self.w2(F.silu(self.w1(h)) * self.w3(h))
        logits = self.lm_head(self.norm(x))
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                               next_tokens.reshape(-1))
        return loss, logits


def make_llama():
    text = torch.randint(0, 16, (2, 7))
    return LlamaBlock(), (text[:, :-1], text[:, 1:]), \
        ["tokens", "next_tokens"], ["loss", "logits"]


class GptBlock(nn.Module):
    """A GPT-style decoder written as nanoGPT writes it: token and learned
    position embeddings, one pre-norm block whose causal self-attention
    scales by q.size(-1) ** -0.5 (a Pow in ONNX) and masks with
    masked_fill(j > i, -inf) (a Where), then a GELU MLP; final LayerNorm,
    next-token loss."""

    def __init__(self, vocab=16, dim=16, heads=2, seq=6):
        super().__init__()
        self.heads = heads
        self.embed = nn.Embedding(vocab, dim)
        self.position = nn.Parameter(0.1 * torch.randn(seq, dim))
        self.ln1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.ln2 = nn.LayerNorm(dim)
        self.fc = nn.Linear(dim, 4 * dim)
        self.out = nn.Linear(4 * dim, dim)
        self.ln_f = nn.LayerNorm(dim)
        self.lm_head = nn.Linear(dim, vocab)

    def attention(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=-1)
        def split(y):
            return y.view(b, t, self.heads, d // self.heads).transpose(1, 2)
        q, k, v = split(q), split(k), split(v)
        scores = (q @ k.transpose(-1, -2)) * (q.size(-1) ** -0.5)
        pos = torch.arange(t)
        scores = scores.masked_fill(pos.unsqueeze(0) > pos.unsqueeze(1),
                                    float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
        return self.proj(out.transpose(1, 2).reshape(b, t, d))

    def forward(self, tokens, next_tokens):
        x = self.embed(tokens) + self.position
        x = x + self.attention(self.ln1(x))
        x = x + self.out(F.gelu(self.fc(self.ln2(x))))
        logits = self.lm_head(self.ln_f(x))
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                               next_tokens.reshape(-1))
        return loss, logits


def make_gpt():
    text = torch.randint(0, 16, (2, 7))
    return GptBlock(), (text[:, :-1], text[:, 1:]), \
        ["tokens", "next_tokens"], ["loss", "logits"]


class Coupling(nn.Module):
    """RealNVP affine coupling: the masked half sets a scale and shift for
    the other half."""

    def __init__(self, mask):
        super().__init__()
        self.register_buffer("mask", mask)
        self.net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 8))

    def forward(self, x):
        s, t = self.net(x * self.mask).chunk(2, dim=1)
        s = torch.tanh(s) * (1 - self.mask)
        t = t * (1 - self.mask)
        return x * torch.exp(s) + t, s.sum(1)


class RealNvp(nn.Module):
    """RealNVP flow of four couplings with alternating masks; loss = negative
    log likelihood under a standard normal base plus the log-determinant."""

    def __init__(self):
        super().__init__()
        masks = [torch.tensor([1.0, 0.0, 1.0, 0.0]),
                 torch.tensor([0.0, 1.0, 0.0, 1.0])] * 2
        self.couplings = nn.ModuleList(Coupling(m) for m in masks)

    def forward(self, x):
        log_det = torch.zeros(x.shape[0])
        for c in self.couplings:
            x, ld = c(x)
            log_det = log_det + ld
        log_prob = -0.5 * (x * x).sum(1) - 2 * math.log(2 * math.pi) + log_det
        return -log_prob.mean(), x, log_det


def make_realnvp():
    x = torch.randn(6, 4)
    return RealNvp(), (x,), ["x"], ["loss", "z", "log_det"]


class MambaBlock(nn.Module):
    """A Mamba-style block: input projection, depthwise causal Conv1d, SiLU,
    input-dependent (selective) delta, B and C, discretized diagonal state
    space scan unrolled over time, SiLU gate, output projection; regression
    loss."""

    def __init__(self, dim=8, inner=16, state=4, rank=2):
        super().__init__()
        self.inner, self.state, self.rank = inner, state, rank
        self.in_proj = nn.Linear(dim, 2 * inner)
        self.conv = nn.Conv1d(inner, inner, 3, groups=inner, padding=2)
        self.x_proj = nn.Linear(inner, rank + 2 * state, bias=False)
        self.dt_proj = nn.Linear(rank, inner)
        self.A_log = nn.Parameter(
            torch.log(torch.arange(1, state + 1).float()).repeat(inner, 1))
        self.D = nn.Parameter(torch.ones(inner))
        self.out_proj = nn.Linear(inner, dim)

    def forward(self, x, target):
        b, t, _ = x.shape
        u, gate = self.in_proj(x).chunk(2, dim=-1)
        u = F.silu(self.conv(u.transpose(1, 2))[..., :t].transpose(1, 2))
        dt, B, C = self.x_proj(u).split([self.rank, self.state, self.state],
                                        dim=-1)
        delta = F.softplus(self.dt_proj(dt))
        A = -torch.exp(self.A_log)
        h = torch.zeros(b, self.inner, self.state)
        ys = []
        for i in range(t):
            decay = torch.exp(delta[:, i].unsqueeze(-1) * A)
            h = decay * h + (delta[:, i] * u[:, i]).unsqueeze(-1) \
                * B[:, i].unsqueeze(1)
            ys.append((h * C[:, i].unsqueeze(1)).sum(-1))
        y = torch.stack(ys, dim=1) + u * self.D
        out = self.out_proj(y * F.silu(gate))
        # F.mse_loss has no ONNX export in torch 1.13: written out.
        return ((out - target) ** 2).mean(), out


def make_mamba():
    x = torch.randn(2, 5, 8)
    target = torch.randn(2, 5, 8) * 0.5
    return MambaBlock(), (x, target), ["x", "target"], ["loss", "out"]


ZOO = {
    "mlp": make_mlp,
    "lenet": make_lenet,
    "resnet": make_resnet,
    "unet": make_unet,
    "lstm": make_lstm,
    "gru_lm": make_gru_lm,
    "transformer": make_transformer,
    "vit": make_vit,
    "vae": make_vae,
    "gan": make_gan,
    "gcn": make_gcn,
    "gcn_edges": make_gcn_edges,
    "gat": make_gat,
    "wavenet": make_wavenet,
    "mdn": make_mdn,
    "llama": make_llama,
    "gpt": make_gpt,
    "realnvp": make_realnvp,
    "mamba": make_mamba,
}

# --------------------------------------------------------------------------
# Export.
# --------------------------------------------------------------------------


def perturb(model):
    """Adds small noise to every parameter and sets non-trivial batch-norm
    running statistics, as a trained model has."""
    with torch.no_grad():
        for p in model.parameters():
            p.add_(0.1 * torch.randn_like(p))
        for m in model.modules():
            if isinstance(m, nn.modules.batchnorm._BatchNorm):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 1.5)


def write_tensor(path, array, name):
    with open(path, "wb") as f:
        # copy(), not ascontiguousarray, which turns a scalar into shape [1].
        f.write(numpy_helper.from_array(array.copy(), name)
                .SerializeToString())


def build(name):
    torch.manual_seed(sum(map(ord, name)))
    model, inputs, input_names, output_names = ZOO[name]()
    perturb(model)
    model.eval()
    out_dir = os.path.join(HERE, name)
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(os.path.join(out_dir, "test_data_set_0"))
    os.makedirs(os.path.join(out_dir, "grads"))
    path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(model, inputs, path, input_names=input_names,
                      output_names=output_names, opset_version=17,
                      do_constant_folding=False,
                      training=torch.onnx.TrainingMode.PRESERVE)

    onnx_model = onnx.load(path)
    initializers = {i.name for i in onnx_model.graph.initializer}
    params = dict(model.named_parameters())
    missing = sorted(set(params) - initializers)
    if missing:
        sys.exit("%s: parameters not exported as initializers: %s"
                 % (name, ", ".join(missing)))
    graph_inputs = [i.name for i in onnx_model.graph.input
                    if i.name not in initializers]
    if graph_inputs != input_names:
        sys.exit("%s: graph inputs %s, expected %s"
                 % (name, graph_inputs, input_names))

    outputs = model(*inputs)
    grads = torch.autograd.grad(outputs[0], list(params.values()),
                                allow_unused=True)
    data_dir = os.path.join(out_dir, "test_data_set_0")
    for k, (n, x) in enumerate(zip(input_names, inputs)):
        write_tensor(os.path.join(data_dir, "input_%d.pb" % k), x.numpy(), n)
    for k, (n, y) in enumerate(zip(output_names, outputs)):
        write_tensor(os.path.join(data_dir, "output_%d.pb" % k),
                     y.detach().numpy(), n)
    for (n, p), g in zip(params.items(), grads):
        g = torch.zeros_like(p) if g is None else g
        write_tensor(os.path.join(out_dir, "grads", n + ".pb"), g.numpy(), n)
    count = sum(p.numel() for p in params.values())
    print("%-12s %6d params  %6d bytes  ops: %s" % (
        name, count, os.path.getsize(path),
        " ".join(sorted({n.op_type for n in onnx_model.graph.node}))))


def main():
    for name in sys.argv[1:] or ZOO:
        build(name)


if __name__ == "__main__":
    main()
