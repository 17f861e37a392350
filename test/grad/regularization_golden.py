#!/usr/bin/python3
"""Writes the weights, inputs, loss and gradients of the gradient tests of
dropout, batch_norm, layer_norm, rms_norm and nll_loss on more than two
dimensions.

Each <op>.mlir here is `@loss(...) -> tensor<f32>` whose nn.param arguments
are differentiated and whose loss adds up terms `sum(op(...) * cot)`, `cot`
a random cotangent nn.input, so that the gradients check the op's whole
vector-Jacobian product. The functions below build the same loss in PyTorch
term by term, and autograd differentiates it in float64 from the float32
weights and inputs. The layout is the one of the gradient tests (ctest
grad/<op>, test/grad/check_grad.py):
  data/<op>/weights.safetensors        the nn.param values, float32
  data/<op>/<input>.npy                each nn.input
  data/<op>/expected_loss.npy          the loss, float32
  data/<op>/expected_<param>.grad.npy  d loss / d param, float32
  data/<op>/expected_<output>.npy      each further nn.output of @loss
The script checks that the names it writes are exactly the model's. The
tests are registered with ctest where the gradient-test machinery
(check_grad.py, CMakeLists.txt here) is present; the functions below are
written against its make_golden.py's Model interface, to move there.

Rerun (from anywhere; needs python3-torch and python3-numpy):
  /usr/bin/python3 test/grad/regularization_golden.py [TEST...]
Every value is drawn from a generator seeded by the test's name, so a rerun
reproduces the same files. The outputs are committed test data.
"""

import os
import re
import shutil
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
sys.path.insert(0, os.path.join(HERE, "..", "e2e", "ops"))
import safetensors_io  # noqa: E402
from make_golden import dropout_keep  # noqa: E402

f32 = np.float32


class Model:
    """The params, inputs and further outputs of one test's loss, as float64
    torch tensors, recorded as the float32 (or int64) arrays to write."""

    def __init__(self, rng):
        self.rng = rng
        self.params = {}
        self.inputs = {}
        self.leaves = {}
        self.outputs = {}

    def param(self, name, value):
        """A differentiated nn.param holding `value` (as float32)."""
        value = np.asarray(value, dtype=f32)
        self.params[name] = value
        leaf = torch.tensor(value, dtype=torch.float64, requires_grad=True)
        self.leaves[name] = leaf
        return leaf

    def input(self, name, value):
        """An nn.input: float32 data, or integers (keys, class indices) of
        the given width, int64 unless they are numpy int32 already."""
        value = np.asarray(value)
        if value.dtype.kind in "iu":
            wide = np.int32 if value.dtype == np.int32 else np.int64
            value = value.astype(wide)
            self.inputs[name] = value
            return torch.from_numpy(value.copy())
        value = value.astype(f32)
        self.inputs[name] = value
        return torch.from_numpy(value.copy()).double()

    def vjp(self, name, y):
        """sum(y * cot) for a fresh standard-normal cotangent input `name`."""
        cot = self.input(name, self.normal(tuple(y.shape)))
        return (y * cot).sum()

    def output(self, name, y):
        """Records y as the further nn.output `name`."""
        self.outputs[name] = y
        return y

    def normal(self, shape, scale=1.0):
        return (scale * self.rng.standard_normal(shape)).astype(f32)

    def uniform(self, shape, low, high):
        return self.rng.uniform(low, high, shape).astype(f32)


TESTS = {}


def grad_test(build):
    TESTS[build.__name__] = build
    return build


@grad_test
def dropout(m):
    key = 1234
    x = m.param("x", m.normal((6, 10)))
    cube = m.param("cube", m.normal((2, 3, 5)))
    m.input("key", np.array(key))

    def drop(value, p):
        keep = torch.from_numpy(dropout_keep(key, tuple(value.shape), p))
        return value * keep / (1 - p)

    return (m.vjp("cot_half", drop(x, 0.5)) + m.vjp("cot_cube", drop(cube, 0.2))
            + m.vjp("cot_inference", x))


@grad_test
def batch_norm(m):
    x = m.param("x", m.normal((4, 3, 5), 2.0) + [[-1.0], [0.0], [3.0]])
    x2 = m.param("x2", m.normal((6, 3)))
    x_eval = m.param("x_eval", m.normal((4, 3, 5)))
    weight = m.param("weight", m.uniform(3, 0.5, 1.5))
    bias = m.param("bias", m.normal(3))
    running_mean = m.input("running_mean", m.normal(3))
    running_var = m.input("running_var", m.uniform(3, 0.5, 2.0))

    def bn(value, training, **kw):
        mean, var = running_mean.clone(), running_var.clone()
        y = F.batch_norm(value, mean, var, weight, bias, training=training,
                         **kw)
        return y, mean, var

    y0, mean, var = bn(x, True)
    m.output("new_running_mean", mean)
    m.output("new_running_var", var)
    y1, _, _ = bn(x2, True, eps=1e-3, momentum=0.3)
    y2, _, _ = bn(x_eval, False)
    return (m.vjp("cot_train", y0) + m.vjp("cot_2d", y1)
            + m.vjp("cot_eval", y2))


@grad_test
def layer_norm(m):
    x = m.param("x", m.normal((2, 3, 8), 2.0) + 1)
    w1 = m.param("w1", m.uniform(8, 0.5, 1.5))
    b1 = m.param("b1", m.normal(8))
    w2 = m.param("w2", m.uniform((3, 8), 0.5, 1.5))
    b2 = m.param("b2", m.normal((3, 8)))
    return (m.vjp("cot_last", F.layer_norm(x, (8,), w1, b1))
            + m.vjp("cot_last2", F.layer_norm(x, (3, 8), w2, b2, eps=1e-2)))


@grad_test
def rms_norm(m):
    x = m.param("x", m.normal((2, 3, 8), 2.0) + 1)
    w1 = m.param("w1", m.uniform(8, 0.5, 1.5))
    w2 = m.param("w2", m.uniform((3, 8), 0.5, 1.5))

    def rms(value, weight, dims, eps):
        """LLaMA's RMSNorm (torch 1.13 has no F.rms_norm)."""
        ms = value.pow(2).mean(dim=dims, keepdim=True)
        return value * torch.rsqrt(ms + eps) * weight

    return (m.vjp("cot_last", rms(x, w1, (-1,), 1e-6))
            + m.vjp("cot_last2", rms(x, w2, (-2, -1), 1e-2)))


@grad_test
def nll_loss(m):
    seq = m.param("seq", m.normal((3, 4, 5)) - 2)
    labels = m.rng.integers(0, 4, (3, 5)).astype(np.int32)
    seq_labels = m.input("seq_labels", labels)
    grid = m.param("grid", m.normal((2, 3, 2, 2)) - 2)
    grid_labels = m.input("grid_labels", [[[0, 2], [1, -100]], [[2, 2], [0, 1]]])
    mean = F.nll_loss(seq, seq_labels.long(), ignore_index=2)
    return mean + m.vjp("cot_grid", F.nll_loss(grid, grid_labels,
                                                 reduction="none"))


def model_names(name):
    """The nn.param, nn.input and nn.output names of <name>.mlir."""
    with open(os.path.join(HERE, name + ".mlir")) as f:
        text = f.read()
    def find(attr):
        return sorted(re.findall(attr + r'\s*=\s*"([^"]+)"', text))
    return find(r"nn\.param"), find(r"nn\.input"), find(r"nn\.output")


def write(name):
    m = Model(np.random.default_rng(zlib.crc32(name.encode())))
    loss = TESTS[name](m)
    loss.backward()
    have = (sorted(m.params), sorted(m.inputs), sorted(["loss", *m.outputs]))
    if have != model_names(name):
        print(f"{name}: names differ from {name}.mlir: script {have}, model "
              f"{model_names(name)}", file=sys.stderr)
        return False
    folder = os.path.join(DATA, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    safetensors_io.save(m.params, os.path.join(folder, "weights.safetensors"))
    for input_name, value in m.inputs.items():
        np.save(os.path.join(folder, input_name + ".npy"), value)
    grads = {p + ".grad": leaf.grad.numpy() for p, leaf in m.leaves.items()}
    expected = {"loss": loss.detach().numpy(), **grads,
                **{n: v.detach().numpy() for n, v in m.outputs.items()}}
    for out_name, value in expected.items():
        np.save(os.path.join(folder, "expected_" + out_name + ".npy"),
                np.asarray(value, dtype=f32))
    print(f"{name}: {len(m.params)} params, {len(m.inputs)} inputs -> "
          f"{os.path.relpath(folder, HERE)}")
    return True


def main(argv):
    names = argv or list(TESTS)
    unknown = [n for n in names if n not in TESTS]
    if unknown:
        print(f"unknown tests {unknown}; known: {list(TESTS)}", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    return 0 if all([write(name) for name in names]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
