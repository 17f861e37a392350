"""The elements nn.dropout keeps, computed as the op defines them.

nn.dropout draws its mask from a counter-based hash of the key and each
element's row-major linear index (ir/NNRandomOps.td states the function), so
golden data can reproduce it exactly: PyTorch's own generator draws other
masks. Shared by test/e2e/ops/make_golden.py and test/grad/make_golden.py
(import it after putting this directory on sys.path).
"""

import numpy as np

_U64 = np.uint64


def _mix(z):
    """splitmix64's finalizer on an array of uint64, wrapping."""
    z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def keep_mask(key, shape, p):
    """A bool array of `shape`: True where nn.dropout with rank-0 i64 `key`
    and probability `p` keeps the element."""
    count = int(np.prod(shape))
    with np.errstate(over="ignore"):
        seed = _mix(np.array([key], dtype=np.int64).view(np.uint64))
        counter = np.arange(1, count + 1, dtype=np.uint64)
        bits = _mix(seed + counter * _U64(0x9E3779B97F4A7C15))
    threshold = _U64(np.floor(np.ldexp(p, 53) + 0.5))  # std::llround
    return ((bits >> _U64(11)) >= threshold).reshape(shape)
