"""Shared by the golden-data scripts of test/arch/<name>/make_golden.py.

Each architecture's script builds the model of models/arch/<name>.mlir in
PyTorch from float32 weights, computes in float64, and writes:

  models/arch/<name>.safetensors            the weights and buffers (float32)
  test/arch/data/<name>/<input>.npy         inputs of @forward and @loss
  test/arch/data/<name>/expected_<out>.npy  @forward's outputs
  test/arch/data/<name>/expected_loss.npy   @loss's value
  test/arch/data/<name>/expected_<p>.grad.npy  d loss / d p for every param
  test/arch/data/<name>/learn/step_<t>/     for a model that learns by a
      rule, step t of @update: its inputs <in>.npy (the reference state
      before the step, the batch, the key) and expected_<out>.npy (the
      reference state after it, and any other result)

Import after putting test/arch/ on sys.path (with sys.dont_write_bytecode).

Contract of every make_golden.py (bench/arch relies on it):
- Importing the script has no side effects: it writes files only from
  main(), run under `if __name__ == "__main__":`.
- It defines `forward(p, x)`: PyTorch's twin of @forward. `p` maps each
  param name (as in the .safetensors) to a tensor, `x` maps each @forward
  input name (nn.input) to a tensor (integer inputs such as random keys or
  labels as int64). It returns a dict from each @forward output name
  (nn.output) to its tensor. It computes in the dtype of its float
  arguments, so main() calls it in float64 for the golden outputs and
  bench/arch calls it in float32 (weights as stored, inputs as saved) to
  time PyTorch eager against the compiled @forward.
- Optionally it defines `loss(p, x)`: PyTorch's twin of @loss, returning
  @loss's scalar loss as a rank-0 tensor (extra results of @loss, such as
  updated running statistics, are left out). `p` is as for forward (params
  and buffers), `x` maps each @loss input name (nn.input, as saved in
  test/arch/data/<name>/) to a tensor. main() takes the golden loss and
  gradients from it, and `bench/arch --train` times a PyTorch training step
  with it (zero_grad, loss(p, x).backward(), optimizer step, on float32
  leaf tensors) against the compiled train step (`nnc compile --train`).
"""

import os
import sys

import numpy as np
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "scripts"))
import safetensors_io  # noqa: E402
from counter_random import random_uniform  # noqa: E402


def stored(value):
    """`value` (a tensor or array) as written to a .npy: floats as float32,
    integers as int64, bools as bool."""
    if isinstance(value, torch.Tensor):
        value = value.detach().numpy()
    value = np.asarray(value)
    if value.dtype.kind == "f":
        return value.astype(np.float32)
    if value.dtype.kind in "iu":
        return value.astype(np.int64)
    return value


class Golden:
    """Weights, inputs and expected values of one architecture."""

    def __init__(self, name, seed=0):
        self.name = name
        self.rng = np.random.default_rng(seed)
        self.params = {}  # name -> float64 leaf tensor (float32 values)
        self.buffers = {}  # name -> float32 array (nn.buffer state)
        self.data = os.path.join(HERE, "data", name)
        os.makedirs(self.data, exist_ok=True)

    def param(self, name, shape, scale=None):
        """A weight drawn N(0, scale^2) (scale 1/sqrt(fan-in) by default)."""
        if scale is None:
            scale = 1.0 / np.sqrt(shape[0] if len(shape) > 1 else 1.0)
        value = (scale * self.rng.standard_normal(shape)).astype(np.float32)
        leaf = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        self.params[name] = leaf
        return leaf

    def buffer(self, name, value):
        """Non-trainable state `name` (an nn.buffer such as a running
        statistic), stored in the weights file beside the params; returns
        it as a float64 tensor without gradient."""
        value = np.asarray(value, dtype=np.float32)
        self.buffers[name] = value
        return torch.tensor(value, dtype=torch.float64)

    def input(self, name, value):
        """Writes input `name` (float32, or int64 labels); returns it as a
        float64 (or int64) tensor."""
        value = np.asarray(value)
        value = value.astype(np.int64 if value.dtype.kind in "iu" else np.float32)
        np.save(os.path.join(self.data, name + ".npy"), value)
        tensor = torch.from_numpy(value.copy())
        return tensor if value.dtype == np.int64 else tensor.double()

    def normal(self, shape, scale=1.0):
        return (scale * self.rng.standard_normal(shape)).astype(np.float32)

    def expect(self, name, value):
        """Writes the expected output `name` of @forward (or an extra
        result of @loss, such as an updated running statistic): float
        values as float32, integers as int64, bools as bool."""
        np.save(os.path.join(self.data, "expected_%s.npy" % name),
                stored(value))

    def expect_gradients(self, loss):
        """Writes the loss and d loss / d param for every param (zeros for
        a param the loss does not reach, as nnc's gradient gives)."""
        for p in self.params.values():
            p.grad = None
        loss.backward()
        np.save(os.path.join(self.data, "expected_loss.npy"),
                loss.detach().numpy().astype(np.float32))
        for name, p in self.params.items():
            grad = p.grad if p.grad is not None else torch.zeros_like(p)
            np.save(os.path.join(self.data, "expected_%s.grad.npy" % name),
                    grad.detach().numpy().astype(np.float32))

    def learn_step(self, step, inputs, expected):
        """Writes step `step` of the rule @update: `inputs` maps each
        @update input name to its value (state before the step, batch,
        key), `expected` each output name to the reference's value after
        it. Float values are stored as float32, integers as int64, bools
        as bool."""
        folder = os.path.join(self.data, "learn", "step_%03d" % step)
        os.makedirs(folder, exist_ok=True)
        for prefix, values in (("", inputs), ("expected_", expected)):
            for name, value in values.items():
                np.save(os.path.join(folder, prefix + name + ".npy"),
                        stored(value))

    def save_weights(self):
        tensors = {k: v.detach().numpy().astype(np.float32)
                   for k, v in self.params.items()}
        tensors.update(self.buffers)
        safetensors_io.save(
            tensors,
            os.path.join(ROOT, "models", "arch", self.name + ".safetensors"))


def float32_rounded(t):
    """`t` rounded to float32 (as a learning step's state is stored), in
    float64."""
    return t.detach().float().double()


class Margin:
    """The smallest |u - p| of the sampling decisions `u < p` made so far:
    where it is not tiny, float32 and float64 make the same decisions."""

    def __init__(self):
        self.smallest = np.inf

    def record(self, u, p):
        self.smallest = min(self.smallest, float((u - p).abs().min()))

    def bernoulli(self, key, p):
        """Units on where nn.random_uniform of `key` falls below `p`."""
        u = torch.from_numpy(random_uniform(key, tuple(p.shape))).to(p.dtype)
        self.record(u, p)
        return (u < p).to(p.dtype)


def safe_key(first, decide, margin):
    """The first key from `first` on (steps of 1000) for which
    `decide(key, m)` leaves every decision it records in Margin `m` more
    than `margin` away from its probability."""
    key = first
    while True:
        m = Margin()
        decide(key, m)
        if m.smallest > margin:
            return key
        key += 1000


def recurrent_module(module, weights):
    """Returns torch.nn.RNN/LSTM/GRU `module` computing with `weights` (its
    parameter names -> tensors, gradients flowing back to them).

    torch 1.13's recurrent modules run on a list of their weights
    (_flat_weights) that torch.nn.utils.stateless.functional_call leaves
    as it was; assigning an attribute updates it, so each parameter is
    deleted and the tensor assigned in its place."""
    for name, value in weights.items():
        delattr(module, name)
        setattr(module, name, value)
    return module
