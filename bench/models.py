"""The ONNX benchmark cases of bench/run, each defined once in PyTorch.

Every case is a torch.nn.Module built under a fixed seed plus its inputs
(seeded too). bench/run exports the module to ONNX (opset 17) for ONNX
Runtime and for nnc (`nnc compile CASE.onnx`), saves the inputs as .npy and
the module's outputs as the reference, and times the same module in
PyTorch. Import from a script in bench/ (its folder is first on sys.path);
torch is imported lazily so that listing cases does not need it.
"""

import os

OPSET = 17
SEED = 0

# name -> builder arguments. "quick" marks the `bench/run --quick` subset;
# "flops" (sgemm) lets the table print GFLOP/s; "untiled_gib" is the memory
# an engine needs when it materializes the attention scores, checked against
# the machine's available memory before a peer is started.
ONNX_CASES = {
    "sgemm_256": {"kind": "sgemm", "n": 256, "flops": 2 * 256 ** 3},
    "sgemm_1024": {"kind": "sgemm", "n": 1024, "flops": 2 * 1024 ** 3, "quick": True},
    "sgemm_2048": {"kind": "sgemm", "n": 2048, "flops": 2 * 2048 ** 3},
    "mlp_784_512_512_10_b1": {"kind": "mlp", "batch": 1},
    "mlp_784_512_512_10_b32": {"kind": "mlp", "batch": 32, "quick": True},
    "cnn_b1": {"kind": "cnn", "batch": 1, "quick": True},
    "cnn_b32": {"kind": "cnn", "batch": 32},
    "lstm_b1": {"kind": "lstm", "batch": 1},
    "lstm_b32": {"kind": "lstm", "batch": 32},
    "transformer_seq128": {"kind": "transformer", "seq": 128, "quick": True},
    "transformer_seq1024": {"kind": "transformer", "seq": 1024},
    # scores, their softmax and the mask: about 3 times heads * seq^2 floats.
    "attention_seq4096": {"kind": "attention", "seq": 4096, "quick": True,
                          "untiled_gib": 3 * 8 * 4096 ** 2 * 4 / 2 ** 30},
    "attention_seq16384": {"kind": "attention", "seq": 16384,
                           "untiled_gib": 3 * 8 * 16384 ** 2 * 4 / 2 ** 30},
}


def _modules():
    """The torch.nn.Module classes of the cases (needs torch)."""
    import torch
    from torch import nn

    class MatMul(nn.Module):
        """a @ b for two square run-time inputs."""

        def forward(self, a, b):
            return a @ b

    class MLP(nn.Module):
        """784 -> 512 (ReLU) -> 512 (ReLU) -> 10."""

        def __init__(self):
            super().__init__()
            self.layers = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512),
                                        nn.ReLU(), nn.Linear(512, 10))

        def forward(self, x):
            return self.layers(x)

    class ResidualBlock(nn.Module):
        """conv-BN-ReLU-conv-BN plus the input, then ReLU (3x3, `dilation`)."""

        def __init__(self, channels, dilation):
            super().__init__()
            self.conv1 = nn.Conv2d(channels, channels, 3, padding=dilation, dilation=dilation,
                                   bias=False)
            self.bn1 = nn.BatchNorm2d(channels)
            self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(channels)

        def forward(self, x):
            y = torch.relu(self.bn1(self.conv1(x)))
            return torch.relu(self.bn2(self.conv2(y)) + x)

    class CNN(nn.Module):
        """ResNet-style on 3x32x32: stem, a residual block, a residual block
        whose first conv is dilated (2), a depthwise 3x3 (stride 2) with a
        pointwise 1x1, global average pooling and a classifier."""

        def __init__(self):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv2d(3, 32, 3, padding=1, bias=False),
                                      nn.BatchNorm2d(32), nn.ReLU())
            self.block = ResidualBlock(32, 1)
            self.dilated = ResidualBlock(32, 2)
            self.depthwise = nn.Sequential(
                nn.Conv2d(32, 32, 3, stride=2, padding=1, groups=32, bias=False),
                nn.BatchNorm2d(32), nn.ReLU(),
                nn.Conv2d(32, 64, 1, bias=False), nn.BatchNorm2d(64), nn.ReLU())
            self.fc = nn.Linear(64, 10)

        def forward(self, x):
            y = self.depthwise(self.dilated(self.block(self.stem(x))))
            return self.fc(y.mean(dim=(2, 3)))

    class LSTM(nn.Module):
        """One LSTM layer (input 64, hidden 256), batch first; the whole
        output sequence."""

        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(64, 256, batch_first=True)

        def forward(self, x):
            return self.lstm(x)[0]

    class Transformer(nn.Module):
        """nn.TransformerEncoderLayer(d 256, 4 heads, FFN 1024, ReLU, post-norm)
        without dropout, batch first."""

        def __init__(self):
            super().__init__()
            self.layer = nn.TransformerEncoderLayer(256, 4, 1024, dropout=0.0, batch_first=True)

        def forward(self, x):
            return self.layer(x)

    class CausalAttention(nn.Module):
        """softmax(q k^T / sqrt(d) + causal mask) v for q, k, v of shape
        [1, 8, seq, 64], written out (torch 1.13 has no
        scaled_dot_product_attention): MatMul, Where and Softmax in ONNX."""

        def forward(self, q, k, v):
            seq = q.shape[2]
            scores = (q @ k.transpose(-1, -2)) * (q.shape[-1] ** -0.5)
            pos = torch.arange(seq, device=q.device)
            masked = pos.unsqueeze(0) > pos.unsqueeze(1)
            scores = scores.masked_fill(masked, float("-inf"))
            return torch.softmax(scores, dim=-1) @ v

    return {"sgemm": MatMul, "mlp": MLP, "cnn": CNN, "lstm": LSTM,
            "transformer": Transformer, "attention": CausalAttention}


def _randomize_batch_norm(module, generator):
    """Gives every BatchNorm2d non-trivial running statistics and affine
    parameters so that the exported (folded) form is really tested."""
    import torch

    for m in module.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.running_mean.uniform_(-0.5, 0.5, generator=generator)
                m.running_var.uniform_(0.5, 1.5, generator=generator)
                m.weight.uniform_(0.5, 1.5, generator=generator)
                m.bias.uniform_(-0.5, 0.5, generator=generator)


def build(name):
    """Returns (module in eval mode, {input name: tensor}) of case `name`,
    the same on every call (seeded)."""
    import torch

    case = ONNX_CASES[name]
    kind = case["kind"]
    torch.manual_seed(SEED)
    module = _modules()[kind]()
    gen = torch.Generator().manual_seed(SEED + 1)
    _randomize_batch_norm(module, gen)
    if kind == "sgemm":
        n = case["n"]
        inputs = {"a": torch.randn(n, n, generator=gen), "b": torch.randn(n, n, generator=gen)}
    elif kind == "mlp":
        inputs = {"x": torch.rand(case["batch"], 784, generator=gen)}
    elif kind == "cnn":
        inputs = {"x": torch.randn(case["batch"], 3, 32, 32, generator=gen)}
    elif kind == "lstm":
        inputs = {"x": torch.randn(case["batch"], 128, 64, generator=gen)}
    elif kind == "transformer":
        inputs = {"x": torch.randn(1, case["seq"], 256, generator=gen)}
    else:
        shape = (1, 8, case["seq"], 64)
        inputs = {n: torch.randn(*shape, generator=gen) for n in ("q", "k", "v")}
    return module.eval(), inputs


def available_gib():
    """MemAvailable of this machine in GiB (infinite off Linux)."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) / 2 ** 20
    except OSError:
        pass
    return float("inf")


def fits_in_memory(name):
    """None when an engine that materializes case `name`'s intermediates
    fits in 70% of the available memory, else the reason it does not."""
    need = ONNX_CASES[name].get("untiled_gib")
    have = available_gib()
    if need is None or need <= 0.7 * have:
        return None
    return (f"needs about {need:.1f} GiB for the full score matrix, {have:.1f} GiB available "
            f"(not started, so as not to exhaust the shared machine)")


def _export_attention(module, inputs, onnx_path):
    """Exports the attention module traced at a short sequence with the
    sequence axis dynamic, then fixes the graph's input and output shapes
    to the case's sequence: the graph is the same at every length and
    tracing at the full length would materialize the scores."""
    import onnx
    import torch

    seq = next(iter(inputs.values())).shape[2]
    small = tuple(t[:, :, :16].contiguous() for t in inputs.values())
    axes = {n: {2: "seq"} for n in list(inputs) + ["y"]}
    torch.onnx.export(module, small, onnx_path, opset_version=OPSET, input_names=list(inputs),
                      output_names=["y"], dynamic_axes=axes, do_constant_folding=False)
    model = onnx.load(onnx_path)
    for value in list(model.graph.input) + list(model.graph.output):
        value.type.tensor_type.shape.dim[2].dim_value = seq
    onnx.save(model, onnx_path)


def export(name, onnx_path, input_dir):
    """Exports case `name` to onnx_path (opset 17, output named "y"), saves
    its inputs as input_dir/NAME.npy and the PyTorch output as
    input_dir/y.npy (the reference; not written when the case does not fit
    in memory). Returns None or why there is no reference."""
    import numpy as np
    import torch

    module, inputs = build(name)
    os.makedirs(input_dir, exist_ok=True)
    os.makedirs(os.path.dirname(onnx_path), exist_ok=True)
    for input_name, tensor in inputs.items():
        np.save(os.path.join(input_dir, input_name + ".npy"), tensor.numpy())
    args = tuple(inputs.values())
    # Exported with gradients enabled: under no_grad the eval-mode
    # TransformerEncoderLayer takes its fused fast path, which has no ONNX
    # form (the PyTorch timings do use it).
    if ONNX_CASES[name]["kind"] == "attention":
        _export_attention(module, inputs, onnx_path)
    else:
        torch.onnx.export(module, args, onnx_path, opset_version=OPSET,
                          input_names=list(inputs), output_names=["y"])
    too_big = fits_in_memory(name)
    if too_big:
        return too_big
    with torch.no_grad():
        np.save(os.path.join(input_dir, "y.npy"), module(*args).numpy())
    return None
