#!/usr/bin/python3
"""Writes the weights, inputs, loss and gradients of the gradient tests.

Every test is a model `@loss(...) -> tensor<f32>` whose nn.param arguments
are the values differentiated and whose loss adds up terms
`sum(op(...) * cot)`, `cot` a random cotangent nn.input, so that comparing
gradients checks the op's whole vector-Jacobian product and not only the
gradient of a plain sum. The models sit in this folder: <op>.mlir for the
gradient rule of one op (ctest grad/<op>) and loss/<name>.mlir for a loss
function (ctest loss/<name>). The functions below build the same loss in
PyTorch, term by term in the order of the .mlir, and PyTorch's autograd
differentiates it in float64 from the float32 weights and inputs.

Writes, relative to this folder, for every test (DIR is <op> or loss/<name>):
  data/DIR/weights.safetensors          the nn.param values, float32
  data/DIR/<input>.npy                  each nn.input (float32 or int64)
  data/DIR/expected_loss.npy            the loss, float32
  data/DIR/expected_<param>.grad.npy    d loss / d param, float32
  data/DIR/expected_<output>.npy        each further nn.output of @loss
and checks that the names it writes are exactly the model's nn.param,
nn.input and nn.output names, so that the data cannot drift from a model.

Usage (from anywhere; needs python3-torch and python3-numpy):
  /usr/bin/python3 test/grad/make_golden.py [TEST...]
      writes the data of the named tests (e.g. `add loss/nll_loss`), or of
      every test when none is named
  /usr/bin/python3 test/grad/make_golden.py --report [TEST...]
      writes nothing; prints, per test and value, how far PyTorch's own
      float32 autograd lands from the float64 result: the scale of rounding
      differences that the tolerances in CMakeLists.txt must allow.
Every value is fixed or drawn from a generator seeded by the test's name,
so a rerun reproduces the same files, and editing one test leaves the data
of the others unchanged. The outputs are committed test data.
"""

import os
import shutil
import sys
import zlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import safetensors_io  # noqa: E402
from attention_reference import attention as attention_reference  # noqa: E402,E501
from counter_random import keep_mask  # noqa: E402
from check_grad import model_names  # noqa: E402

f32 = np.float32
i64 = np.int64


class Model:
    """The params, inputs and extra outputs of one test's loss, as torch
    tensors of one float dtype (float64 for the data, float32 to measure
    rounding for --report), recorded as the numpy arrays to write."""

    def __init__(self, rng, dtype):
        self.rng = rng
        self.dtype = dtype
        self.params = {}    # name -> float32 array
        self.inputs = {}    # name -> float32 or int64 array
        self.leaves = {}    # name -> torch tensor that requires grad
        self.outputs = {}   # name -> torch tensor (further nn.outputs)

    def param(self, name, value):
        """A differentiated nn.param `name` holding `value` (as float32)."""
        value = np.asarray(value, dtype=f32)
        assert name not in self.params and name not in self.inputs, name
        self.params[name] = value
        leaf = torch.tensor(value, dtype=self.dtype, requires_grad=True)
        self.leaves[name] = leaf
        return leaf

    def input(self, name, value):
        """An nn.input `name`: float32 data, or integers (class indices,
        keys): int32 where `value` is a numpy int32 array, else int64."""
        value = np.asarray(value)
        if value.dtype.kind in "iu":
            value = value.astype(np.int32 if value.dtype == np.int32 else i64)
        else:
            value = value.astype(f32)
        assert name not in self.params and name not in self.inputs, name
        self.inputs[name] = value
        tensor = torch.from_numpy(value.copy())
        return tensor if value.dtype.kind == "i" else tensor.to(self.dtype)

    def vjp(self, name, y):
        """sum(y * cot) for a fresh standard-normal cotangent input `name`
        of y's shape: the term whose gradient is the vector-Jacobian product
        of whatever made y with cot."""
        shape = tuple(y.shape)
        cot = self.input(name, self.rng.standard_normal(shape).astype(f32))
        return (y * cot).sum()

    def output(self, name, y):
        """Records y as the further nn.output `name` of @loss; returns y."""
        self.outputs[name] = y
        return y

    # Values drawn from the test's seeded generator, as float32.

    def normal(self, shape, scale=1.0):
        """N(0, scale^2) values."""
        return (scale * self.rng.standard_normal(shape)).astype(f32)

    def uniform(self, shape, low, high):
        """Uniform values in [low, high)."""
        return self.rng.uniform(low, high, shape).astype(f32)

    def away_from_zero(self, shape, low=0.5, high=2.0):
        """Magnitudes in [low, high], random signs."""
        sign = np.where(self.rng.random(shape) < 0.5, -1.0, 1.0)
        return (sign * self.rng.uniform(low, high, shape)).astype(f32)


def spread(low, high, shape, rng):
    """Evenly spaced values from low to high in a random order."""
    n = int(np.prod(shape))
    return rng.permutation(np.linspace(low, high, n)).reshape(shape).astype(f32)


def distinct_max(x, axes):
    """x with the largest value of every slice over `axes` raised by 1, so
    that a maximum is unique and ahead of the runner-up by at least 1."""
    top = x == np.max(x, axis=tuple(axes), keepdims=True)
    return (x + top).astype(f32)


TESTS = {}


def grad_test(name):
    """Registers a function (Model -> loss tensor) as the test `name`."""
    def register(build):
        TESTS[name] = build
        return build
    return register


# ============================================================================
# grad/<op>: one test per differentiable op
# ============================================================================

@grad_test("matmul")
def matmul(m):
    # 2-D, batched, broadcast batch dims (2x1 against 3), 2-D @ 3-D, 3-D @ 2-D.
    a, b = m.param("a", m.normal((4, 5))), m.param("b", m.normal((5, 3)))
    c, d = m.param("c", m.normal((2, 4, 5))), m.param("d", m.normal((2, 5, 3)))
    e, f = m.param("e", m.normal((2, 1, 4, 5))), m.param("f", m.normal((3, 5, 3)))
    x = m.input("x", m.normal((5, 2)))
    return (m.vjp("cot_2d", a @ b) + m.vjp("cot_batched", c @ d)
            + m.vjp("cot_broadcast", e @ f) + m.vjp("cot_2d_3d", a @ d)
            + m.vjp("cot_3d_2d", c @ b) + m.vjp("cot_input", a @ x))


def broadcasting_terms(m, op, values):
    """The broadcast patterns every binary op is tested with: a trailing
    vector on the right, a lower-rank left operand with a size-1 dim, two
    operands that both stretch, a rank-0 left operand, equal shapes, and an
    operand that is an input rather than a param. `values(shape)` draws
    operand values."""
    x, y = m.param("x", values((2, 3, 4))), m.param("y", values((2, 3, 4)))
    row, col = m.param("row", values((4,))), m.param("col", values((3, 1)))
    wide, tall = m.param("wide", values((1, 4))), m.param("tall", values((3, 1)))
    s = m.param("s", values(()))
    u = m.input("u", values((3, 4)))
    return (m.vjp("cot_x_row", op(x, row)) + m.vjp("cot_col_x", op(col, x))
            + m.vjp("cot_wide_tall", op(wide, tall))
            + m.vjp("cot_s_y", op(s, y)) + m.vjp("cot_x_y", op(x, y))
            + m.vjp("cot_u_y", op(u, y)))


@grad_test("add")
def add(m):
    return broadcasting_terms(m, torch.add, m.normal)


@grad_test("sub")
def sub(m):
    return broadcasting_terms(m, torch.sub, m.normal)


@grad_test("mul")
def mul(m):
    return broadcasting_terms(m, torch.mul, m.normal)


@grad_test("div")
def div(m):
    # Every operand may be a divisor: magnitudes in [0.5, 2].
    return broadcasting_terms(m, torch.div, m.away_from_zero)


@grad_test("pow")
def pow_(m):
    # Every operand is a base somewhere, so all are positive; the exponents
    # span [0.5, 2.5]. `e_in` adds integral, fractional and negative
    # exponents that are inputs (only the base is differentiated).
    terms = broadcasting_terms(m, torch.pow, lambda s: m.uniform(s, 0.5, 2.5))
    base = m.param("base", m.uniform((3, 4), 0.3, 3.0))
    exponent = m.input("e_in", np.array([2.0, 3.0, 0.5, -1.5], dtype=f32))
    return terms + m.vjp("cot_base_e", torch.pow(base, exponent))


def separated(m, shape, gap=0.5):
    """Two arrays of `shape` whose elements differ by at least `gap`."""
    a = m.normal(shape)
    b = m.normal(shape)
    close = np.abs(a - b) < gap
    b[close] = a[close] + np.where(b[close] >= a[close], 2 * gap, -2 * gap)
    return a, b.astype(f32)


def extremum_terms(m, op):
    """maximum or minimum: no ties (same shapes, both operands stretching,
    an input operand), then ties, where PyTorch gives each side half of the
    gradient: between two params (tie_a, tie_b: 3 of 6 elements tied) and
    between a param and an input (tie_c, u_tie: 2 of 4 tied)."""
    a_val, b_val = separated(m, (3, 4))
    a, b = m.param("a", a_val), m.param("b", b_val)
    # Every wide[j] and tall[i] differ by 0.3 or more.
    wide = m.param("wide", [[-1.5, -0.3, 0.6, 1.7]])
    tall = m.param("tall", [[-0.9], [0.1], [1.2]])
    u_val = b_val + np.where(m.rng.random((3, 4)) < 0.5, 0.4, -0.4)
    u = m.input("u", u_val.astype(f32))
    tie_a = m.param("tie_a", [[0.5, -1.0, 2.0], [1.5, 0.0, -0.5]])
    tie_b = m.param("tie_b", [[0.5, -1.5, 2.0], [1.0, 0.0, 0.25]])
    tie_c = m.param("tie_c", [0.75, -2.0, 1.0, 3.0])
    u_tie = m.input("u_tie", [0.75, -1.0, 1.0, 2.5])
    return (m.vjp("cot_a_b", op(a, b)) + m.vjp("cot_wide_tall", op(wide, tall))
            + m.vjp("cot_b_u", op(b, u)) + m.vjp("cot_tie_ab", op(tie_a, tie_b))
            + m.vjp("cot_tie_cu", op(tie_c, u_tie)))


@grad_test("maximum")
def maximum(m):
    return extremum_terms(m, torch.maximum)


@grad_test("minimum")
def minimum(m):
    return extremum_terms(m, torch.minimum)


# ----------------------------------------------------------------------------
# Elementwise unary ops. Each takes a 4x5 param `x` (several where an
# attribute changes the formula) spread over the range where the op's
# gradient does something interesting, tails included.
# ----------------------------------------------------------------------------

def unary(m, fn, low, high, name="x", shape=(4, 5)):
    """vjp of fn over a param of evenly spread values in [low, high]."""
    x = m.param(name, spread(low, high, shape, m.rng))
    return m.vjp("cot_" + name, fn(x))


def off_zero(m, shape=(4, 5), high=4.0):
    """Values in [-high, -0.1] and [0.1, high], none at a kink at 0."""
    return m.away_from_zero(shape, 0.1, high)


@grad_test("neg")
def neg(m):
    return unary(m, torch.neg, -3, 3)


@grad_test("abs")
def abs_(m):
    # at_zero: PyTorch's gradient of |x| at 0 is 0 (sign(0)).
    x = m.param("x", off_zero(m))
    at_zero = m.param("at_zero", [0.0, -1.25, 0.0, 2.0])
    return m.vjp("cot_x", torch.abs(x)) + m.vjp("cot_at_zero", torch.abs(at_zero))


@grad_test("exp")
def exp(m):
    return unary(m, torch.exp, -4, 4)


def positive(m, shape=(4, 5)):
    """Positive values over four decades, 1e-2 to 1e2."""
    return m.rng.permutation(np.logspace(-2, 2, int(np.prod(shape)))).reshape(shape)


@grad_test("log")
def log(m):
    return m.vjp("cot_x", torch.log(m.param("x", positive(m))))


@grad_test("sqrt")
def sqrt(m):
    return m.vjp("cot_x", torch.sqrt(m.param("x", positive(m))))


@grad_test("rsqrt")
def rsqrt(m):
    return m.vjp("cot_x", torch.rsqrt(m.param("x", positive(m))))


@grad_test("sigmoid")
def sigmoid(m):
    return unary(m, torch.sigmoid, -20, 20)


@grad_test("tanh")
def tanh(m):
    return unary(m, torch.tanh, -10, 10)


@grad_test("relu")
def relu(m):
    # at_zero: PyTorch's gradient of relu at 0 is 0.
    x = m.param("x", off_zero(m))
    at_zero = m.param("at_zero", [0.0, -1.25, 0.0, 2.0])
    return m.vjp("cot_x", F.relu(x)) + m.vjp("cot_at_zero", F.relu(at_zero))


@grad_test("silu")
def silu(m):
    return unary(m, F.silu, -20, 20)


@grad_test("mish")
def mish(m):
    return unary(m, F.mish, -20, 20)


@grad_test("leaky_relu")
def leaky_relu(m):
    # The default slope 0.01 and 0.2.
    x_default = m.param("x_default", off_zero(m))
    x_02 = m.param("x_02", off_zero(m))
    return (m.vjp("cot_default", F.leaky_relu(x_default))
            + m.vjp("cot_02", F.leaky_relu(x_02, negative_slope=0.2)))


@grad_test("elu")
def elu(m):
    # The default alpha 1 and 0.5, down to -10 where exp(x) is tiny.
    x_default = m.param("x_default", spread(-10, 4, (4, 5), m.rng))
    x_05 = m.param("x_05", spread(-10, 4, (4, 5), m.rng))
    return (m.vjp("cot_default", F.elu(x_default))
            + m.vjp("cot_05", F.elu(x_05, alpha=0.5)))


@grad_test("gelu")
def gelu(m):
    x_none = m.param("x_none", spread(-6, 6, (4, 5), m.rng))
    x_tanh = m.param("x_tanh", spread(-6, 6, (4, 5), m.rng))
    return (m.vjp("cot_none", F.gelu(x_none, approximate="none"))
            + m.vjp("cot_tanh", F.gelu(x_tanh, approximate="tanh")))


@grad_test("softplus")
def softplus(m):
    # Linear above threshold/beta (gradient 1), smooth below: values on
    # both sides of 20 (defaults) and of 2.5 (beta 2, threshold 5), at
    # least 0.3 from the switch.
    x_default = m.param("x_default", m.rng.permutation(np.array(
        [-30, -20, -8, -3, -1, -0.5, 0.1, 0.7, 2, 5,
         10, 15, 18.5, 21.5, 25, 40, -0.2, 1.2, 3.5, 19.5], dtype=f32)).reshape(4, 5))
    x_b2_t5 = m.param("x_b2_t5", m.rng.permutation(np.array(
        [-10, -4, -2, -1, -0.3, 0.2, 0.6, 1.0, 1.5, 1.9,
         2.2, 2.8, 3.0, 3.5, 4.0, 6.0, 10, -0.7, 0.9, 2.1], dtype=f32)).reshape(4, 5))
    return (m.vjp("cot_default", F.softplus(x_default))
            + m.vjp("cot_b2_t5", F.softplus(x_b2_t5, beta=2.0, threshold=5.0)))


@grad_test("erf")
def erf(m):
    return unary(m, torch.erf, -4, 4)


@grad_test("sin")
def sin(m):
    return unary(m, torch.sin, -4, 4)


@grad_test("cos")
def cos(m):
    return unary(m, torch.cos, -4, 4)


# ----------------------------------------------------------------------------
# Pooling
# ----------------------------------------------------------------------------

@grad_test("max_pool")
def max_pool(m):
    # At most 56 values spread over [-4, 4], so at least 0.14 apart: the
    # finite-difference steps (about 1% of each value) keep every maximum
    # where it is. x_tie: integers in {0, 1, 2}, whose 2x2 windows mostly
    # hold tied maxima.
    x_1d = m.param("x_1d", spread(-4, 4, (2, 2, 9), m.rng))
    x_2d_ceil = m.param("x_2d_ceil", spread(-4, 4, (1, 1, 5, 6), m.rng))
    x_2d_dil = m.param("x_2d_dil", spread(-4, 4, (1, 1, 7, 8), m.rng))
    x_3d = m.param("x_3d", spread(-4, 4, (1, 1, 3, 4, 3), m.rng))
    x_asym = m.param("x_asym", spread(-4, 4, (1, 1, 5, 6), m.rng))
    x_tie = m.param("x_tie", m.rng.integers(0, 3, (1, 2, 4, 5)))
    # padding = [1, 0, 0, 1]: one row before, one column after.
    asym = F.pad(x_asym, (0, 1, 1, 0), value=-float("inf"))
    return (m.vjp("cot_1d", F.max_pool1d(x_1d, 3, stride=2, padding=1))
            + m.vjp("cot_2d_ceil", F.max_pool2d(x_2d_ceil, 3, stride=2,
                                                padding=1, ceil_mode=True))
            + m.vjp("cot_2d_dil", F.max_pool2d(x_2d_dil, (2, 3),
                                               stride=(1, 2), padding=1,
                                               dilation=2))
            + m.vjp("cot_3d", F.max_pool3d(x_3d, (2, 3, 2), stride=(2, 1, 2),
                                           padding=(1, 1, 0), ceil_mode=True))
            + m.vjp("cot_asym", F.max_pool2d(asym, 2, stride=1))
            + m.vjp("cot_tie", F.max_pool2d(x_tie, 2, stride=1)))


@grad_test("pool_wide_padding")
def pool_wide_padding(m):
    # Padding beyond half the kernel (ONNX's rule: below the kernel), which
    # PyTorch's pooling refuses: max pooling of the input F.pad extended
    # with -inf; average pooling of the zero-padded input, divided by the
    # number of input elements in each window without count_include_pad.
    # Max values at least 0.14 apart, as in max_pool.
    x_max = m.param("x_max", spread(-4, 4, (1, 2, 5, 6), m.rng))
    x_avg = m.param("x_avg", m.normal((1, 2, 5, 6)))
    x_avg_excl = m.param("x_avg_excl", m.normal((1, 2, 5, 6)))
    wide = lambda x, value: F.pad(x, (2, 2, 2, 2), value=value)
    counts = F.avg_pool2d(wide(torch.ones_like(x_avg_excl), 0.0), 3, stride=2)
    return (m.vjp("cot_max", F.max_pool2d(wide(x_max, -float("inf")), 3,
                                          stride=2))
            + m.vjp("cot_avg", F.avg_pool2d(wide(x_avg, 0.0), 3, stride=2))
            + m.vjp("cot_avg_excl",
                    F.avg_pool2d(wide(x_avg_excl, 0.0), 3, stride=2) / counts))


@grad_test("avg_pool")
def avg_pool(m):
    x_1d = m.param("x_1d", m.normal((2, 2, 9)))
    x_1d_excl = m.param("x_1d_excl", m.normal((2, 2, 9)))
    x_default = m.param("x_default", m.normal((1, 2, 6, 6)))
    x_2d_ceil = m.param("x_2d_ceil", m.normal((1, 2, 7, 8)))
    x_2d_ceil_excl = m.param("x_2d_ceil_excl", m.normal((1, 2, 7, 8)))
    x_2d_nopad = m.param("x_2d_nopad", m.normal((1, 2, 7, 8)))
    x_3d_excl = m.param("x_3d_excl", m.normal((1, 2, 5, 6, 5)))
    return (m.vjp("cot_1d", F.avg_pool1d(x_1d, 3, stride=2, padding=1))
            + m.vjp("cot_1d_excl", F.avg_pool1d(x_1d_excl, 3, stride=2,
                                                padding=1,
                                                count_include_pad=False))
            + m.vjp("cot_default", F.avg_pool2d(x_default, 2))
            + m.vjp("cot_2d_ceil", F.avg_pool2d(x_2d_ceil, 3, stride=2,
                                                padding=1, ceil_mode=True))
            + m.vjp("cot_2d_ceil_excl",
                    F.avg_pool2d(x_2d_ceil_excl, 3, stride=2, padding=1,
                                 ceil_mode=True, count_include_pad=False))
            + m.vjp("cot_2d_nopad", F.avg_pool2d(x_2d_nopad, (2, 3),
                                                 stride=2, ceil_mode=True))
            + m.vjp("cot_3d_excl",
                    F.avg_pool3d(x_3d_excl, (2, 3, 2), stride=(1, 2, 2),
                                 padding=(1, 1, 0), ceil_mode=True,
                                 count_include_pad=False)))


@grad_test("solve")
def solve(m):
    # A single system with two right-hand sides (an input on the right as
    # well); batch dimensions that broadcast (2x1 matrices against 3
    # right-hand sides), so dA sums over the stretched dimension and dB over
    # the added one. Diagonally dominated matrices: condition numbers below
    # 10, so that 1% finite-difference steps stay linear.
    a = m.param("a", m.normal((3, 3)) + 3 * np.eye(3))
    b = m.param("b", m.normal((3, 2)))
    a_batched = m.param("a_batched", m.normal((2, 1, 3, 3)) + 3 * np.eye(3))
    b_batched = m.param("b_batched", m.normal((3, 3, 4)))
    r = m.input("r", m.normal((3, 1)))
    return (m.vjp("cot_single", torch.linalg.solve(a, b))
            + m.vjp("cot_batched", torch.linalg.solve(a_batched, b_batched))
            + m.vjp("cot_input", torch.linalg.solve(a, r)))


@grad_test("attention")
def attention(m):
    # Grouped queries (4 query heads on 2 key/value heads) with causal
    # masking and a sliding window, an additive mask (a param: its gradient
    # is the scores' gradient summed over batch and heads), and fewer
    # queries than keys with an explicit scale. Every query sees some key.
    q = m.param("q", m.normal((1, 4, 6, 8)))
    k = m.param("k", m.normal((1, 2, 6, 8)))
    v = m.param("v", m.normal((1, 2, 6, 4)))
    bias = m.param("bias", m.normal((6, 6)))
    qs = m.param("qs", m.normal((1, 4, 3, 8)))
    return (m.vjp("cot_causal", attention_reference(q, k, v, causal=True))
            + m.vjp("cot_window", attention_reference(q, k, v, causal=True,
                                                      window=2))
            + m.vjp("cot_bias", attention_reference(q, k, v, mask=bias))
            + m.vjp("cot_short", attention_reference(qs, k, v, scale=0.5)))


@grad_test("attention_tiled")
def attention_tiled(m):
    # Long enough for nnc-flash-attention's tiles (160 queries in 4 tiles of
    # 40, 200 keys in 2 of 100): grouped causal attention under a key mask
    # (keys 20..59 masked out; query 0 still sees key 0), a window of 70
    # keys each side, and plain attention with a scale.
    q = m.param("q", m.normal((1, 4, 160, 8)))
    k = m.param("k", m.normal((1, 2, 200, 8)))
    v = m.param("v", m.normal((1, 2, 200, 4)))
    flag = np.ones(200, dtype=f32)
    flag[20:60] = -1.0
    keep = m.input("key_flag", flag) > 0
    return (m.vjp("cot_causal", attention_reference(q, k, v, mask=keep,
                                                    causal=True))
            + m.vjp("cot_window", attention_reference(q, k, v, window=70))
            + m.vjp("cot_plain", attention_reference(q, k, v, scale=0.5)))


@grad_test("fft")
def fft(m):
    # The forward and the inverse transform with every norm, N = 8 and 1,
    # complex values as (real, imaginary) pairs in the last dimension.
    x = m.param("x", m.normal((2, 8, 2)))
    x_one = m.param("x_one", m.normal((3, 1, 2)))

    def transform(v, inverse=False, norm="backward"):
        z = torch.view_as_complex(v)
        y = (torch.fft.ifft if inverse else torch.fft.fft)(z, dim=-1,
                                                           norm=norm)
        return torch.view_as_real(y)

    return (m.vjp("cot_fft", transform(x))
            + m.vjp("cot_ifft", transform(x, inverse=True))
            + m.vjp("cot_fft_ortho", transform(x, norm="ortho"))
            + m.vjp("cot_fft_forward", transform(x, norm="forward"))
            + m.vjp("cot_ifft_ortho", transform(x, inverse=True, norm="ortho"))
            + m.vjp("cot_ifft_forward", transform(x, inverse=True,
                                                  norm="forward"))
            + m.vjp("cot_one", transform(x_one, inverse=True)))


# ----------------------------------------------------------------------------
# softmax, log_softmax, reductions
# ----------------------------------------------------------------------------

def along_axes(m, fn):
    """fn(x, axis) for axes 0, 1 and -1 of 3x4x5 params x0, x1, x_neg1."""
    total = 0
    for axis, name in ((0, "0"), (1, "1"), (-1, "neg1")):
        x = m.param("x" + name, m.normal((3, 4, 5), 2.0))
        total = total + m.vjp("cot_" + name, fn(x, axis))
    return total


@grad_test("softmax")
def softmax(m):
    return along_axes(m, lambda x, axis: torch.softmax(x, dim=axis))


@grad_test("log_softmax")
def log_softmax(m):
    return along_axes(m, lambda x, axis: torch.log_softmax(x, dim=axis))


def reduction_terms(m, fn, cases, values=None):
    """One 3x4x5 param per (name, axes, keepdim) case, reduced by fn.
    `values(axes)` draws the param (default: standard normal)."""
    total = 0
    for name, axes, keepdim in cases:
        every = axes or [0, 1, 2]
        value = values(every) if values else m.normal((3, 4, 5))
        x = m.param("x_" + name, value)
        total = total + m.vjp("cot_" + name, fn(x, every, keepdim))
    return total


@grad_test("reduce_sum")
def reduce_sum(m):
    return reduction_terms(m, lambda x, axes, k: torch.sum(x, dim=axes, keepdim=k), [
        ("1", [1], False), ("0_2_keep", [0, 2], True), ("all", [], False),
        ("neg1_neg3", [-1, -3], False)])


@grad_test("reduce_mean")
def reduce_mean(m):
    return reduction_terms(m, lambda x, axes, k: torch.mean(x, dim=axes, keepdim=k), [
        ("neg1", [-1], False), ("neg1_0_keep", [-1, 0], True),
        ("all_keep", [], True), ("1", [1], False)])


@grad_test("reduce_max")
def reduce_max(m):
    # Maxima ahead of their runner-up by at least 1, except in x_tie whose
    # rows (reduced along axis 1) hold 2, 3 and 1 copies of their maximum:
    # PyTorch's amax splits the gradient evenly between tied maxima.
    amax = lambda x, axes, k: torch.amax(x, dim=axes, keepdim=k)  # noqa: E731
    total = reduction_terms(m, amax, [
        ("2_keep", [2], True), ("2_neg3", [2, -3], False), ("all", [], False),
        ("neg2", [-2], False)],
        values=lambda axes: distinct_max(m.normal((3, 4, 5)), axes))
    x_tie = m.param("x_tie", [[1.0, 2.5, -1.0, 2.5], [0.5, 0.5, 0.5, -3.0],
                              [4.0, 1.0, 3.0, 2.0]])
    return total + m.vjp("cot_tie", torch.amax(x_tie, dim=[1]))


def prod_over(x, dims, keepdim):
    """torch.prod over several dims (torch 1.13 takes one at a time)."""
    for d in sorted((d % x.dim() for d in dims), reverse=True):
        x = torch.prod(x, dim=d, keepdim=keepdim)
    return x


@grad_test("reduce_prod")
def reduce_prod(m):
    # Magnitudes in [0.8, 1.25] keep the products near 1. x_zeros' rows
    # (reduced along axis 1) hold no zero, one zero and two zeros: the
    # gradient at a lone zero is the product of the others, and 0 wherever
    # a row has two.
    total = reduction_terms(m, prod_over, [
        ("1", [1], False), ("neg1_0_keep", [-1, 0], True), ("all", [], False)],
        values=lambda axes: m.away_from_zero((3, 4, 5), 0.8, 1.25))
    x_zeros = m.param("x_zeros", [[1.5, -0.5, 2.0, 0.75], [0.5, 0.0, -2.0, 1.5],
                                  [0.0, 3.0, 0.0, -1.0]])
    return total + m.vjp("cot_zeros", prod_over(x_zeros, [1], False))


@grad_test("logsumexp")
def logsumexp(m):
    # x_big's values near +-100 overflow exp in float32 unless the maximum
    # is taken out first.
    lse = lambda x, axes, k: torch.logsumexp(x, dim=axes, keepdim=k)  # noqa: E731
    total = reduction_terms(m, lse, [
        ("1", [1], False), ("neg1_0_keep", [-1, 0], True), ("all", [], False)])
    x_big = m.param("x_big", [[100.0, 99.0, -100.0, 97.5],
                              [-100.0, -101.0, -99.5, -130.0]])
    return total + m.vjp("cot_big", torch.logsumexp(x_big, dim=[-1]))


# ----------------------------------------------------------------------------
# Shape ops
# ----------------------------------------------------------------------------

@grad_test("reshape")
def reshape(m):
    x, y = m.param("x", m.normal((2, 3, 4))), m.param("y", m.normal((2, 3, 4)))
    z = m.param("z", m.normal((6, 4)))
    return (m.vjp("cot_x", torch.reshape(x, (4, -1)))
            + m.vjp("cot_y", torch.reshape(y, (-1,)))
            + m.vjp("cot_z", torch.reshape(z, (2, 2, 3, 2))))


@grad_test("transpose")
def transpose(m):
    x = m.param("x", m.normal((2, 3, 4)))
    y = m.param("y", m.normal((2, 3, 4, 5)))
    z = m.param("z", m.normal((3, 5)))
    return (m.vjp("cot_x", x.permute(2, 0, 1))
            + m.vjp("cot_y", y.permute(1, 3, 0, 2))
            + m.vjp("cot_z", z.permute(1, 0)))


@grad_test("broadcast_to")
def broadcast_to(m):
    # Rank growth with a size-1 dim stretched, rank growth only, a middle
    # size-1 dim, a rank-0 value, and the identity.
    col = m.param("col", m.normal((3, 1)))
    row = m.param("row", m.normal((4,)))
    mid = m.param("mid", m.normal((2, 1, 4)))
    s = m.param("s", m.normal(()))
    x = m.param("x", m.normal((2, 3, 4)))
    return (m.vjp("cot_col", torch.broadcast_to(col, (2, 3, 4)))
            + m.vjp("cot_row", torch.broadcast_to(row, (3, 4)))
            + m.vjp("cot_mid", torch.broadcast_to(mid, (2, 3, 4)))
            + m.vjp("cot_s", torch.broadcast_to(s, (2, 3)))
            + m.vjp("cot_x", torch.broadcast_to(x, (2, 3, 4))))


@grad_test("slice")
def slice_(m):
    # Overlapping slices of x (their gradients add up), steps that do and
    # do not divide the extent, and a slice taking every other row of y.
    x = m.param("x", m.normal((2, 3, 4)))
    y = m.param("y", m.normal((7, 5)))
    return (m.vjp("cot_step", x[0:2, 1:3, 0:4:2])
            + m.vjp("cot_odd", x[1:2, 0:3:2, 1:4:2])
            + m.vjp("cot_unit", x[1:2, 1:3, 1:4])
            + m.vjp("cot_y", y[1:7:3, 0:5:2]))


@grad_test("concat")
def concat(m):
    # Three params along an inner axis, one param twice along a negative
    # axis, and a param next to an input.
    x = m.param("x", m.normal((2, 3, 4)))
    y = m.param("y", m.normal((2, 1, 4)))
    z = m.param("z", m.normal((2, 2, 4)))
    w = m.param("w", m.normal((3, 2)))
    u = m.input("u", m.normal((1, 2)))
    return (m.vjp("cot_xyz", torch.cat([x, y, z], dim=1))
            + m.vjp("cot_xx", torch.cat([x, x], dim=-1))
            + m.vjp("cot_wu", torch.cat([w, u], dim=0)))


@grad_test("conv")
def conv(m):
    # Stride with padding and bias; a stride that leaves the last input row
    # unread (its gradient is 0); groups with dilation, asymmetric padding
    # (begins h, w, then ends h, w) and an input operand; depthwise 1-D with
    # stride and dilation; 3-D.
    x = m.param("x", m.normal((2, 4, 7, 6)))
    w = m.param("w", m.normal((6, 4, 3, 3), 0.3))
    b = m.param("b", m.normal((6,)))
    xs = m.param("xs", m.normal((1, 4, 8, 8)))
    wg = m.param("wg", m.normal((4, 2, 3, 2), 0.3))
    u = m.input("u", m.normal((1, 4, 8, 9)))
    x1 = m.param("x1", m.normal((2, 3, 10)))
    w1 = m.param("w1", m.normal((6, 1, 3), 0.5))
    x3 = m.param("x3", m.normal((1, 2, 4, 5, 3)))
    w3 = m.param("w3", m.normal((2, 2, 2, 2, 2), 0.3))
    return (m.vjp("cot_stride_pad", F.conv2d(x, w, b, stride=2, padding=1))
            + m.vjp("cot_skip", F.conv2d(xs, w, stride=2))
            + m.vjp("cot_groups", F.conv2d(F.pad(xs, (1, 1, 2, 0)), wg,
                                           groups=2, dilation=(2, 1),
                                           stride=(1, 2)))
            + m.vjp("cot_input", F.conv2d(u, wg, groups=2))
            + m.vjp("cot_1d", F.conv1d(x1, w1, groups=3, stride=3,
                                       dilation=2))
            + m.vjp("cot_3d", F.conv3d(x3, w3, stride=2, padding=1)))


@grad_test("conv_dilated")
def conv_dilated(m):
    # Dilated convolutions of stride 1, the ones nnc-dilated-conv-to-dense
    # rewrites (after autodiff: the forward ones of the gradient): 2-D
    # with bias and padding not a multiple of the dilation; depthwise at
    # batch 1 with bias; 1-D with asymmetric padding (begins, ends). And a
    # strided convolution, whose weight gradient is a dilated one.
    x = m.param("x", m.normal((2, 3, 9, 7)))
    w = m.param("w", m.normal((4, 3, 3, 3), 0.3))
    b = m.param("b", m.normal((4,)))
    xd = m.param("xd", m.normal((1, 4, 8, 9)))
    wd = m.param("wd", m.normal((4, 1, 3, 3), 0.5))
    bd = m.param("bd", m.normal((4,)))
    x1 = m.param("x1", m.normal((2, 3, 11)))
    w1 = m.param("w1", m.normal((6, 3, 3), 0.3))
    xs = m.param("xs", m.normal((1, 3, 8, 8)))
    ws = m.param("ws", m.normal((4, 3, 3, 3), 0.3))
    return (m.vjp("cot_dilated", F.conv2d(x, w, b, dilation=2,
                                          padding=(1, 2)))
            + m.vjp("cot_depthwise", F.conv2d(xd, wd, bd, groups=4,
                                              dilation=2, padding=2))
            + m.vjp("cot_1d", F.conv1d(F.pad(x1, (2, 4)), w1, dilation=3))
            + m.vjp("cot_strided", F.conv2d(xs, ws, stride=2, padding=1)))


@grad_test("conv_transpose")
def conv_transpose(m):
    # The 2x upsampling of U-Net with bias; stride 2 with padding,
    # output_padding and groups; output_padding past the stride (below the
    # dilation); padding wider than the kernel's reach, 1-D; 3-D.
    x = m.param("x", m.normal((2, 4, 5, 4)))
    w = m.param("w", m.normal((4, 3, 2, 2), 0.5))
    b = m.param("b", m.normal((3,)))
    wg = m.param("wg", m.normal((4, 2, 3, 3), 0.3))
    xd = m.param("xd", m.normal((1, 2, 4, 4)))
    wd = m.param("wd", m.normal((2, 3, 3, 3), 0.3))
    x1 = m.param("x1", m.normal((2, 3, 6)))
    w1 = m.param("w1", m.normal((3, 2, 3), 0.5))
    x3 = m.param("x3", m.normal((1, 2, 3, 2, 3)))
    w3 = m.param("w3", m.normal((2, 2, 2, 3, 2), 0.3))
    return (m.vjp("cot_up2", F.conv_transpose2d(x, w, b, stride=2))
            + m.vjp("cot_groups", F.conv_transpose2d(x, wg, groups=2,
                                                     stride=2, padding=1,
                                                     output_padding=1))
            + m.vjp("cot_dilated", F.conv_transpose2d(xd, wd, dilation=2,
                                                      output_padding=1))
            + m.vjp("cot_wide_pad", F.conv_transpose1d(x1, w1, stride=3,
                                                       padding=3))
            + m.vjp("cot_3d", F.conv_transpose3d(x3, w3, stride=(2, 1, 2),
                                                 padding=(0, 1, 0))))


# ----------------------------------------------------------------------------
# Losses (their every variant is in loss/ too, with stability cases)
# ----------------------------------------------------------------------------

@grad_test("mse_loss")
def mse_loss(m):
    total = 0
    for reduction in ("none", "mean", "sum"):
        pred = m.param("pred_" + reduction, m.normal((3, 4)))
        target = m.param("target_" + reduction, m.normal((3, 4)))
        total = total + m.vjp("cot_" + reduction,
                              F.mse_loss(pred, target, reduction=reduction))
    return total


@grad_test("cross_entropy")
def cross_entropy(m):
    # Class-index targets (labels) and probability targets (rows of probs_*,
    # differentiated too), every reduction, each scaled by a cotangent.
    labels = m.input("labels", [2, 0, 4, 1])
    total = 0
    for reduction in ("none", "mean", "sum"):
        logits = m.param("logits_class_" + reduction, m.normal((4, 5), 2.0))
        total = total + m.vjp("cot_class_" + reduction,
                              F.cross_entropy(logits, labels, reduction=reduction))
    for reduction in ("none", "mean", "sum"):
        logits = m.param("logits_prob_" + reduction, m.normal((4, 5), 2.0))
        probs = m.param("probs_" + reduction,
                        torch.softmax(torch.from_numpy(m.normal((4, 5))), 1).numpy())
        total = total + m.vjp("cot_prob_" + reduction,
                              F.cross_entropy(logits, probs, reduction=reduction))
    return total


def per_reduction(m, make):
    """sum over the reductions of vjp(cot_<reduction>, make(reduction, suffix)),
    the cotangent of rank 0 for "mean" and "sum"."""
    total = 0
    for reduction in ("none", "mean", "sum"):
        total = total + m.vjp("cot_" + reduction, make(reduction, "_" + reduction))
    return total


@grad_test("binary_cross_entropy")
def binary_cross_entropy(m):
    # Probabilities in [0.2, 0.8]: 1% steps change 1 - p by at most a few
    # percent, so finite differences stay linear.
    def make(reduction, suffix):
        p = m.param("p" + suffix, m.uniform((3, 4), 0.2, 0.8))
        target = m.param("t" + suffix, m.uniform((3, 4), 0.0, 1.0))
        return F.binary_cross_entropy(p, target, reduction=reduction)
    return per_reduction(m, make)


@grad_test("binary_cross_entropy_with_logits")
def binary_cross_entropy_with_logits(m):
    def make(reduction, suffix):
        x = m.param("x" + suffix, m.normal((3, 4), 2.0))
        target = m.param("t" + suffix, m.uniform((3, 4), 0.0, 1.0))
        return F.binary_cross_entropy_with_logits(x, target, reduction=reduction)
    return per_reduction(m, make)


@grad_test("nll_loss")
def nll_loss(m):
    # [N, C, d] with i32 targets, some of them ignore_index = 2; then
    # [N, C, d1, d2] with the default ignore_index -100 once.
    labels = m.input("seq_labels",
                     m.rng.integers(0, 4, (3, 5)).astype(np.int32)).long()

    def make(reduction, suffix):
        logp = m.param("seq" + suffix, m.normal((3, 4, 5)) - 2)
        return F.nll_loss(logp, labels, ignore_index=2, reduction=reduction)
    total = per_reduction(m, make)
    grid = m.param("grid", m.normal((2, 3, 2, 2)) - 2)
    grid_labels = m.input("grid_labels",
                          [[[0, 2], [1, -100]], [[2, 2], [0, 1]]])
    return total + m.vjp("cot_grid",
                         F.nll_loss(grid, grid_labels, reduction="none"))


@grad_test("gaussian_kl_div")
def gaussian_kl_div(m):
    def make(reduction, suffix):
        args = [m.param("mu_q" + suffix, m.normal((3, 4))),
                m.param("logvar_q" + suffix, m.uniform((3, 4), -2, 2)),
                m.param("mu_p" + suffix, m.normal((3, 4))),
                m.param("logvar_p" + suffix, m.uniform((3, 4), -2, 2))]
        return reduce_as(gaussian_kl(*args), reduction)
    return per_reduction(m, make)


# ----------------------------------------------------------------------------
# Regularization and normalization
# ----------------------------------------------------------------------------

@grad_test("dropout")
def dropout(m):
    # The mask is nn.dropout's own (scripts/counter_random.py): PyTorch's
    # generator draws others. p = 0.5, p = 0.2 on rank 3, inference mode.
    key = 1234
    x = m.param("x", m.normal((6, 10)))
    cube = m.param("cube", m.normal((2, 3, 5)))
    m.input("key", np.array(key))

    def drop(value, p):
        keep = torch.from_numpy(keep_mask(key, tuple(value.shape), p))
        return value * keep / (1 - p)

    return (m.vjp("cot_half", drop(x, 0.5)) + m.vjp("cot_cube", drop(cube, 0.2))
            + m.vjp("cot_inference", x))


@grad_test("batch_norm")
def batch_norm(m):
    # Training mode on [N, C, L] (channels of different means) and on
    # [N, C] with eps and momentum; inference mode. The running statistics
    # are inputs; the updates of the first are further outputs.
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


@grad_test("layer_norm")
def layer_norm(m):
    x = m.param("x", m.normal((2, 3, 8), 2.0) + 1)
    w1 = m.param("w1", m.uniform(8, 0.5, 1.5))
    b1 = m.param("b1", m.normal(8))
    w2 = m.param("w2", m.uniform((3, 8), 0.5, 1.5))
    b2 = m.param("b2", m.normal((3, 8)))
    return (m.vjp("cot_last", F.layer_norm(x, (8,), w1, b1))
            + m.vjp("cot_last2", F.layer_norm(x, (3, 8), w2, b2, eps=1e-2)))


@grad_test("rms_norm")
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


@grad_test("grad_of_regularization")
def grad_of_regularization(m):
    # d f / d x differentiated again (create_graph) through layer_norm,
    # rms_norm, batch_norm, binary_cross_entropy and gaussian_kl_div.
    x = m.param("x", m.normal((4, 6)))
    w = m.param("w", m.uniform(6, 0.5, 1.5))
    b = m.param("b", m.uniform(6, 0.5, 1.5))
    w2 = m.param("w2", m.uniform(6, 0.5, 1.5))
    p = m.input("p", m.uniform((4, 6), 0.1, 0.9))
    h = F.layer_norm(x, (6,), w, b)
    r = h * torch.rsqrt(h.pow(2).mean(-1, keepdim=True) + 1e-6) * w2
    # Running statistics b and w: inputs of the op, not differentiated.
    y = F.batch_norm(r, b.detach().clone(), w.detach().clone(), w, b,
                     training=True)
    f = (F.binary_cross_entropy(torch.sigmoid(y), p)
         + gaussian_kl(y, r, h, x).sum())
    (g,) = torch.autograd.grad(f, x, create_graph=True)
    return m.vjp("cot", g)


# ----------------------------------------------------------------------------
# Ops added for autodiff
# ----------------------------------------------------------------------------

@grad_test("select")
def select(m):
    # torch.where with broadcasting: a mask from comparing a param with an
    # input threshold row (the comparison has no gradient; x is at least 0.3
    # from it), a rank-0 branch, branches that both stretch, and one param
    # on both sides (its gradient is the cotangent wherever it is taken).
    thr_val = m.normal((5,))
    x_val = m.normal((4, 5))
    near = np.abs(x_val - thr_val) < 0.3
    x_val[near] = (thr_val + np.where(x_val >= thr_val, 0.6, -0.6))[near]
    x = m.param("x", x_val)
    thr = m.input("thr", thr_val)
    a = m.param("a", m.normal((4, 5)))
    s = m.param("s", m.normal(()))
    u = m.input("u", m.normal((4, 1)))
    v = m.input("v", m.normal((4, 5)))
    row = m.param("row", m.normal((5,)))
    col = m.param("col", m.normal((4, 1)))
    mask_gt = x > thr
    mask_le = v <= u
    return (m.vjp("cot_gt", torch.where(mask_gt, a, s))
            + m.vjp("cot_le", torch.where(mask_le, row, col))
            + m.vjp("cot_same", torch.where(mask_gt, x, -x)))


@grad_test("slice_scatter")
def slice_scatter(m):
    # dest[starts + k * steps] = src, out of place: dest's gradient is the
    # cotangent with the written positions zeroed, src's the cotangent at them.
    dest = m.param("dest", m.normal((4, 6)))
    src = m.param("src", m.normal((4, 2)))
    dest3 = m.param("dest3", m.normal((3, 5, 4)))
    src3 = m.param("src3", m.normal((2, 2, 4)))
    out = dest.clone()
    out[0:4:1, 1:5:2] = src
    out3 = dest3.clone()
    out3[1:3, 0:4:3, 0:4] = src3
    return m.vjp("cot_2d", out) + m.vjp("cot_3d", out3)


@grad_test("sign")
def sign(m):
    x = m.param("x", m.away_from_zero((4, 5), low=0.1))
    return m.vjp("cot", torch.sign(x) * x)


def off_jumps(m, offset, shape=(4, 5)):
    """Values k + offset + f, k an integer in [-3, 3] and f in [0.2, 0.8]:
    at least 0.2 from every k + offset, where floor and ceil (offset 0) or
    round (offset 1/2) jump."""
    k = m.rng.integers(-3, 4, shape)
    return (k + offset + m.rng.uniform(0.2, 0.8, shape)).astype(f32)


@grad_test("floor")
def floor(m):
    x = m.param("x", off_jumps(m, 0.0))
    return m.vjp("cot", torch.floor(x) * x)


@grad_test("ceil")
def ceil(m):
    x = m.param("x", off_jumps(m, 0.0))
    return m.vjp("cot", torch.ceil(x) * x)


@grad_test("round")
def round_(m):
    x = m.param("x", off_jumps(m, 0.5))
    return m.vjp("cot", torch.round(x) * x)


@grad_test("tan")
def tan(m):
    return unary(m, torch.tan, -1.2, 1.2)


@grad_test("asin")
def asin(m):
    return unary(m, torch.asin, -0.9, 0.9)


@grad_test("acos")
def acos(m):
    return unary(m, torch.acos, -0.9, 0.9)


@grad_test("atan")
def atan(m):
    return unary(m, torch.atan, -4, 4)


@grad_test("sinh")
def sinh(m):
    return unary(m, torch.sinh, -3, 3)


@grad_test("cosh")
def cosh(m):
    return unary(m, torch.cosh, -3, 3)


@grad_test("asinh")
def asinh(m):
    return unary(m, torch.asinh, -4, 4)


@grad_test("acosh")
def acosh(m):
    return unary(m, torch.acosh, 1.2, 4)


@grad_test("atanh")
def atanh(m):
    return unary(m, torch.atanh, -0.9, 0.9)


def remainder_operands(m):
    """A 3x4 dividend and a divisor row of 4 whose quotients are k + f, k an
    integer in [-3, 3] and f in [0.3, 0.7] with the quotient's sign: away
    from the integers where a remainder jumps."""
    b = m.param("b", m.away_from_zero((4,), 0.7, 1.9))
    k = m.rng.integers(0, 4, (3, 4))
    sign = np.where(m.rng.random((3, 4)) < 0.5, -1.0, 1.0)
    q = sign * (k + m.rng.uniform(0.3, 0.7, (3, 4)))
    a = m.param("a", (q * m.params["b"]).astype(f32))
    return a, b


@grad_test("fmod")
def fmod(m):
    a, b = remainder_operands(m)
    return m.vjp("cot", torch.fmod(a, b))


@grad_test("remainder")
def remainder(m):
    a, b = remainder_operands(m)
    return m.vjp("cot", torch.remainder(a, b))


@grad_test("stop_gradient")
def stop_gradient(m):
    x = m.param("x", m.normal((4, 5)))
    return m.vjp("cot", torch.exp(x).detach() * x)


@grad_test("scan")
def scan(m):
    # A gated recurrence stepped along the leading axis of xs, as nn.scan.
    h = m.param("h0", m.normal((2, 3)))
    xs = m.param("xs", m.normal((5, 2, 3)))
    w = m.param("w", m.normal((3, 3), scale=0.5))
    ys = []
    for t in range(5):
        s = h @ w + xs[t]
        h = torch.sigmoid(s) * torch.tanh(s)
        ys.append(h * xs[t])
    return m.vjp("cot_ys", torch.stack(ys)) + m.vjp("cot_h", h)


@grad_test("grad")
def grad_(m):
    # d/dx sum(tanh(x w)), differentiated again (create_graph).
    x = m.param("x", m.normal((4, 3)))
    w = m.param("w", m.normal((3, 2)))
    f = torch.tanh(x @ w).sum()
    (g,) = torch.autograd.grad(f, x, create_graph=True)
    return m.vjp("cot", g)


# ----------------------------------------------------------------------------
# Indexing, casting and spiking
# ----------------------------------------------------------------------------

@grad_test("gather")
def gather(m):
    # Embedding lookup with repeated ids (their gradients add up) and an
    # unused row (gradient 0); a middle axis with i32 indices.
    table = m.param("table", m.normal((6, 4)))
    x3 = m.param("x3", m.normal((2, 5, 3)))
    ids = m.input("ids", np.array([[0, 5, 2], [2, 2, 4]], dtype=i64))
    cols = m.input("cols", np.array([4, 0, 0, 3], dtype=np.int32))
    return (m.vjp("cot_rows", table[ids])
            + m.vjp("cot_mid", torch.index_select(x3, 1, cols.long())))


@grad_test("scatter_add")
def scatter_add(m):
    # torch.index_add with repeated targets, along axis 0 and the last axis.
    dest = m.param("dest", m.normal((5, 4)))
    messages = m.param("messages", m.normal((7, 4)))
    dest2 = m.param("dest2", m.normal((3, 6)))
    src2 = m.param("src2", m.normal((3, 4)))
    targets = m.input("targets", np.array([1, 3, 1, 0, 3, 1, 4], dtype=i64))
    targets2 = m.input("targets2", np.array([5, 0, 5, 2], dtype=np.int32))
    return (m.vjp("cot_rows", torch.index_add(dest, 0, targets, messages))
            + m.vjp("cot_cols",
                    torch.index_add(dest2, -1, targets2.long(), src2)))


@grad_test("scatter_reduce")
def scatter_reduce(m):
    # torch.Tensor.index_reduce (and index_add for "sum") with unsorted,
    # repeated targets and a node (2) that receives nothing, every reduction
    # with and without include_self along axis 0, and a mean along the last
    # axis with i32 indices. dest and messages together hold evenly spaced
    # values 0.35 apart, so every maximum and minimum is unique and further
    # from the runner-up than the finite-difference steps.
    values = spread(-6.0, 7.3, (5 * 3 + 8 * 3,), m.rng)
    dest = m.param("dest", values[:15].reshape(5, 3))
    messages = m.param("messages", values[15:].reshape(8, 3))
    dest2 = m.param("dest2", m.normal((3, 5)))
    src2 = m.param("src2", m.normal((3, 4)))
    targets = m.input("targets", np.array([3, 0, 4, 3, 1, 0, 3, 1], dtype=i64))
    targets2 = m.input("targets2", np.array([4, 0, 4, 2], dtype=np.int32))
    loss = m.vjp("cot_sum_self", torch.index_add(dest, 0, targets, messages))
    zeroed = dest.index_fill(0, targets, 0.0)
    loss = loss + m.vjp("cot_sum",
                        torch.index_add(zeroed, 0, targets, messages))
    for how in ("mean", "amax", "amin"):
        for self in (True, False):
            name = "cot_" + how + ("_self" if self else "")
            loss = loss + m.vjp(name, dest.index_reduce(
                0, targets, messages, how, include_self=self))
    return loss + m.vjp("cot_cols", dest2.index_reduce(
        -1, targets2.long(), src2, "mean", include_self=False))


@grad_test("scatter_reduce_ties")
def scatter_reduce_ties(m):
    # Maxima and minima tied between messages (nodes 0 and 3), and between
    # dest and a message (node 1): the gradient is split evenly among the
    # tied elements (torch's rule). Node 2 receives nothing. Without
    # include_self, dest (another param here) equals no segment's maximum
    # or minimum, where torch 1.13 would still count it as tied and drop
    # its share (ScatterReduceOp's description).
    messages = m.param("messages", np.array(
        [[2.0, -1.0], [1.0, 0.5], [2.0, -1.0], [-3.0, 4.0], [1.0, 0.5]]))
    targets = m.input("targets", np.array([3, 0, 3, 1, 0], dtype=i64))
    dest = m.param("dest", np.array([[0.0, 1.0], [-3.0, 4.0], [3.0, 3.0],
                                     [1.0, 0.0]]))
    alone = m.param("alone", np.array([[0.0, 0.0], [-3.5, 3.5], [3.0, 3.0],
                                       [1.5, -0.5]]))
    loss = 0
    for how in ("amax", "amin"):
        loss = loss + m.vjp("cot_" + how + "_self", dest.index_reduce(
            0, targets, messages, how, include_self=True))
        loss = loss + m.vjp("cot_" + how, alone.index_reduce(
            0, targets, messages, how, include_self=False))
    return loss


@grad_test("cumsum")
def cumsum(m):
    x = m.param("x", m.normal((3, 5)))
    reverse = torch.flip(torch.cumsum(torch.flip(x, [0]), 0), [0])
    return m.vjp("cot_fwd", torch.cumsum(x, 1)) + m.vjp("cot_rev", reverse)


@grad_test("cast")
def cast(m):
    # f32 -> f64 -> exp -> f32; f32 -> f16 -> f32 (h is rounded to f16 on
    # the way, which finite differences cannot see through); and t times its
    # truncation to i32 and back, whose gradient is trunc(t) alone: nothing
    # flows through the integers (t is 0.3 or more from an integer).
    x = m.param("x", m.normal((4, 5), scale=0.5))
    h = m.param("h", m.normal((4, 5)))
    whole = m.rng.integers(-3, 4, (4, 5))
    sign = np.where(m.rng.random((4, 5)) < 0.5, -1.0, 1.0)
    tv = m.param("t", whole + sign * m.uniform((4, 5), 0.3, 0.7))
    via_f64 = torch.exp(x.to(torch.float64)).to(m.dtype)
    via_f16 = h.to(torch.float16).to(m.dtype)
    truncated = tv.to(torch.int32).to(m.dtype)
    return (m.vjp("cot_f64", via_f64) + m.vjp("cot_f16", via_f16)
            + m.vjp("cot_int", truncated * tv))


class SurrogateSpike(torch.autograd.Function):
    """(v > 0) forward; snnTorch's surrogate derivative backward."""

    @staticmethod
    def forward(ctx, v, surrogate, slope):
        ctx.save_for_backward(v)
        ctx.surrogate, ctx.slope = surrogate, slope
        return (v > 0).to(v.dtype)

    @staticmethod
    def backward(ctx, g):
        (v,) = ctx.saved_tensors
        k = ctx.slope
        if ctx.surrogate == "fast_sigmoid":
            d = 1 / (k * v.abs() + 1) ** 2
        elif ctx.surrogate == "sigmoid":
            s = torch.sigmoid(k * v)
            d = k * s * (1 - s)
        else:
            d = torch.ones_like(v)
        return g * d, None, None


@grad_test("heaviside")
def heaviside(m):
    # Each surrogate, and a spike times its own input (product rule: the
    # surrogate term plus the spike itself). Values within a few 1/slope
    # of 0, where the surrogates are not negligible.
    v1 = m.param("v1", m.normal((4, 5), scale=0.2))
    v2 = m.param("v2", m.normal((4, 5), scale=0.5))
    v3 = m.param("v3", m.normal((4, 5)))
    v4 = m.param("v4", m.normal((4, 5)))
    spike = SurrogateSpike.apply
    return (m.vjp("cot_fast", spike(v1, "fast_sigmoid", 25.0))
            + m.vjp("cot_sigmoid", spike(v2, "sigmoid", 5.0))
            + m.vjp("cot_straight", spike(v3, "straight_through", 1.0))
            + m.vjp("cot_prod", spike(v4, "fast_sigmoid", 2.0) * v4))


# ============================================================================
# loss/<name>: every loss function, each reduction a term of its own whose
# value is also an output (named after the reduction), "none" scaled by a
# cotangent. The *_stable tests hold the logits of +-1e4 where a careless
# formula overflows or takes log(0); their losses reach ~1e4.
# ============================================================================

REDUCTIONS = ("mean", "sum", "none")


def reduced(m, name, value, reduction):
    """value (a loss with `reduction`) recorded as output `name`, as a
    scalar term of the loss: itself, or its vjp with cot_<name> for "none"."""
    m.output(name, value)
    return m.vjp("cot_" + name, value) if reduction == "none" else value


@grad_test("loss/mse_loss")
def loss_mse_loss(m):
    total = 0
    for r in REDUCTIONS:
        pred = m.param("pred_" + r, m.normal((4, 3)))
        target = m.param("target_" + r, m.normal((4, 3)))
        total = total + reduced(m, "mse_" + r, F.mse_loss(pred, target, reduction=r), r)
    return total


def probability_rows(m, shape):
    """Rows of class probabilities: softmax of random logits, the last row
    one-hot."""
    probs = torch.softmax(torch.from_numpy(m.normal(shape)), 1).numpy()
    probs[-1] = 0
    probs[-1, 1] = 1
    return probs


@grad_test("loss/cross_entropy")
def loss_cross_entropy(m):
    labels = m.input("labels", [3, 0, 1, 1, 2, 0])
    total = 0
    for r in REDUCTIONS:
        logits = m.param("logits_class_" + r, m.normal((6, 4), 2.0))
        total = total + reduced(m, "ce_class_" + r,
                                F.cross_entropy(logits, labels, reduction=r), r)
    for r in REDUCTIONS:
        logits = m.param("logits_prob_" + r, m.normal((6, 4), 2.0))
        probs = m.param("probs_" + r, probability_rows(m, (6, 4)))
        total = total + reduced(m, "ce_prob_" + r,
                                F.cross_entropy(logits, probs, reduction=r), r)
    return total


def huge_logits(m):
    """6x5 logits of +-1e4 with class labels: losses of about 0 (the target
    dominates), log(1 + 1/e) (the target 1 below the largest), log 5 (all
    equal), ~1e4 and ~2e4 (the target far below the rest), and a row near
    -1e4 throughout."""
    logits = np.array([
        [1e4, -1e4, 0, 5, 1e4 - 1],
        [-1e4, 3, 2, 1, 0],
        [1e4, 1e4, 1e4, 1e4, 1e4],
        [1e4, -1e4, 2, 1, 0],
        [-1e4, -1e4, -1e4 + 1, -1e4, -1e4],
        [2, 1e4, -3, 0, 1],
    ], dtype=f32)
    labels = [4, 0, 3, 1, 2, 1]
    return logits, labels


@grad_test("loss/cross_entropy_stable")
def loss_cross_entropy_stable(m):
    logits, labels = huge_logits(m)
    # Probability targets: one-hot rows and spread rows, some mass on -1e4.
    probs = np.array([
        [0, 0, 0, 0, 1], [0.5, 0.5, 0, 0, 0], [0.2, 0.2, 0.2, 0.2, 0.2],
        [0.1, 0.6, 0.1, 0.1, 0.1], [0, 0, 1, 0, 0], [0.25, 0.25, 0.25, 0, 0.25],
    ], dtype=f32)
    labels = m.input("labels", labels)
    total = 0
    for r in REDUCTIONS:
        x = m.param("logits_class_" + r, logits)
        total = total + reduced(m, "ce_class_" + r,
                                F.cross_entropy(x, labels, reduction=r), r)
    for r in REDUCTIONS:
        x = m.param("logits_prob_" + r, logits)
        p = m.param("probs_" + r, probs)
        total = total + reduced(m, "ce_prob_" + r,
                                F.cross_entropy(x, p, reduction=r), r)
    return total


@grad_test("loss/binary_cross_entropy")
def loss_binary_cross_entropy(m):
    # Probabilities in [0.2, 0.8] (1% steps of finite differences near 0.95
    # would move 1 - p by 20% and leave the linear regime) and soft targets
    # in [0, 1], then probabilities of 1e-4 to 1 - 1e-4 (p_edge, t_edge):
    # large gradients, finite.
    total = 0
    for r in REDUCTIONS:
        p = m.param("p_" + r, m.uniform((4, 3), 0.2, 0.8))
        t = m.param("t_" + r, m.uniform((4, 3), 0.0, 1.0))
        total = total + reduced(m, "bce_" + r,
                                F.binary_cross_entropy(p, t, reduction=r), r)
    p_edge = m.param("p_edge", [1e-4, 1e-3, 0.999, 0.9999])
    t_edge = m.param("t_edge", [1.0, 0.0, 0.0, 0.3])
    return total + reduced(m, "bce_edge", F.binary_cross_entropy(
        p_edge, t_edge, reduction="sum"), "sum")


@grad_test("loss/binary_cross_entropy_with_logits")
def loss_binary_cross_entropy_with_logits(m):
    total = 0
    for r in REDUCTIONS:
        x = m.param("x_" + r, m.normal((4, 3), 3.0))
        t = m.param("t_" + r, m.uniform((4, 3), 0.0, 1.0))
        total = total + reduced(m, "bce_logits_" + r,
                                F.binary_cross_entropy_with_logits(x, t, reduction=r), r)
    return total


@grad_test("loss/binary_cross_entropy_with_logits_stable")
def loss_binary_cross_entropy_with_logits_stable(m):
    # Logits of +-1e4 and +-100 (exp of either overflows float32) against
    # targets that agree (loss 0), disagree (loss ~1e4) and are soft.
    logits = np.array([[1e4, -1e4, 100, -100], [-1e4, 1e4, 0.5, 1e4]], dtype=f32)
    targets = np.array([[1, 0, 0.3, 0], [1, 0, 1, 0.5]], dtype=f32)
    total = 0
    for r in REDUCTIONS:
        x = m.param("x_" + r, logits)
        t = m.param("t_" + r, targets)
        total = total + reduced(m, "bce_logits_" + r,
                                F.binary_cross_entropy_with_logits(x, t, reduction=r), r)
    return total


@grad_test("loss/nll_loss")
def loss_nll_loss(m):
    # Any log-probabilities (nll only picks one per row), then nll of
    # log_softmax, which is cross_entropy.
    labels = m.input("labels", [1, 3, 0, 3, 2])
    total = 0
    for r in REDUCTIONS:
        logp = m.param("logp_" + r, m.normal((5, 4)) - 2)
        total = total + reduced(m, "nll_" + r, F.nll_loss(logp, labels, reduction=r), r)
    logits = m.param("logits", m.normal((5, 4), 2.0))
    return total + reduced(m, "nll_log_softmax", F.nll_loss(
        torch.log_softmax(logits, dim=1), labels), "mean")


@grad_test("loss/nll_loss_stable")
def loss_nll_loss_stable(m):
    logits, labels = huge_logits(m)
    labels = m.input("labels", labels)
    total = 0
    for r in REDUCTIONS:
        x = m.param("logits_" + r, logits)
        total = total + reduced(m, "nll_" + r, F.nll_loss(
            torch.log_softmax(x, dim=-1), labels, reduction=r), r)
    return total


def gaussian_kl(mu_q, logvar_q, mu_p, logvar_p):
    """KL(N(mu_q, exp(logvar_q)) || N(mu_p, exp(logvar_p))), elementwise."""
    q = torch.distributions.Normal(mu_q, (0.5 * logvar_q).exp())
    p = torch.distributions.Normal(mu_p, (0.5 * logvar_p).exp())
    return torch.distributions.kl_divergence(q, p)


def reduce_as(value, reduction):
    return {"mean": value.mean, "sum": value.sum, "none": lambda: value}[reduction]()


@grad_test("loss/gaussian_kl_div")
def loss_gaussian_kl_div(m):
    # Every operand a param, log-variances in [-3, 3]; then the VAE case, a
    # standard normal prior given as inputs (mu_p = 0, logvar_p = 0).
    total = 0
    for r in REDUCTIONS:
        args = [m.param("mu_q_" + r, m.normal((3, 4))),
                m.param("logvar_q_" + r, m.uniform((3, 4), -3, 3)),
                m.param("mu_p_" + r, m.normal((3, 4))),
                m.param("logvar_p_" + r, m.uniform((3, 4), -3, 3))]
        total = total + reduced(m, "kl_" + r, reduce_as(gaussian_kl(*args), r), r)
    mu = m.param("mu_q_prior", m.normal((3, 4)))
    logvar = m.param("logvar_q_prior", m.uniform((3, 4), -3, 3))
    zero = m.input("zero", np.zeros((3, 4), dtype=f32))
    return total + reduced(m, "kl_prior", gaussian_kl(mu, logvar, zero, zero).sum(), "sum")


# ============================================================================

def model_path(name):
    return os.path.join(HERE, name + ".mlir")


def run(name, dtype):
    """Builds test `name` in `dtype`; returns its Model, loss and gradients
    (both numpy, in that dtype)."""
    seed = zlib.crc32(name.encode())
    m = Model(np.random.default_rng(seed), dtype)
    loss = TESTS[name](m)
    loss.backward()
    grads = {}
    for param, leaf in m.leaves.items():
        grad = leaf.grad if leaf.grad is not None else torch.zeros_like(leaf)
        grads[param] = grad.numpy()
    return m, loss.detach().numpy(), grads


def check_names(name, m):
    """'' when the Model's names are the model's, else what differs."""
    params, inputs, outputs = model_names(model_path(name))
    want = (sorted(params), sorted(inputs), sorted(outputs))
    have = (sorted(m.params), sorted(m.inputs), sorted(["loss", *m.outputs]))
    problems = []
    for what, w, h in zip(("nn.param", "nn.input", "nn.output"), want, have):
        if w != h:
            problems.append(f"  {what}: model {w}\n  {' ' * len(what)}  script {h}")
    return "\n".join(problems)


def write(name):
    m, loss, grads = run(name, torch.float64)
    problems = check_names(name, m)
    if problems:
        print(f"{name}: names differ from {name}.mlir:\n{problems}", file=sys.stderr)
        return False
    folder = os.path.join(DATA, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    safetensors_io.save(m.params, os.path.join(folder, "weights.safetensors"))
    for input_name, value in m.inputs.items():
        np.save(os.path.join(folder, input_name + ".npy"), value)
    expected = {"loss": loss, **{p + ".grad": g for p, g in grads.items()},
                **{n: v.detach().numpy() for n, v in m.outputs.items()}}
    for out_name, value in expected.items():
        value = np.asarray(value, dtype=f32)
        if not np.all(np.isfinite(value)):
            print(f"{name}: expected {out_name} is not finite", file=sys.stderr)
            return False
        np.save(os.path.join(folder, "expected_" + out_name + ".npy"), value)
    print(f"{name}: {len(m.params)} params, {len(m.inputs)} inputs -> "
          f"{os.path.relpath(folder, HERE)}")
    return True


def report(name):
    """Prints how far float32 autograd lands from float64, per value: the
    largest magnitude, the largest absolute error, and the absolute error
    left over once 1e-5 relative is allowed (the ATOL that RTOL 1e-5 needs)."""
    m64, loss64, grads64 = run(name, torch.float64)
    m32, loss32, grads32 = run(name, torch.float32)
    values = [("loss", loss32, loss64)]
    values += [(p + ".grad", grads32[p], grads64[p]) for p in grads64]
    values += [(n, m32.outputs[n].detach().numpy(), m64.outputs[n].detach().numpy())
               for n in m64.outputs]
    print(name)
    for label, v32, v64 in values:
        err = np.abs(v32.astype(np.float64) - v64)
        excess = np.max(err - 1e-5 * np.abs(v64), initial=0)
        print(f"  {label:28s} max|value| {np.max(np.abs(v64), initial=0):9.3g}  "
              f"max abs err {np.max(err, initial=0):9.3g}  "
              f"beyond 1e-5 relative {max(excess, 0):9.3g}")


def main(argv):
    show = "--report" in argv
    names = [a for a in argv if a != "--report"] or list(TESTS)
    unknown = [n for n in names if n not in TESTS]
    if unknown:
        print(f"unknown tests {unknown}; known: {list(TESTS)}", file=sys.stderr)
        return 2
    torch.set_num_threads(1)
    ok = True
    for name in names:
        if show:
            report(name)
        else:
            ok = write(name) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
