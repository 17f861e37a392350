"""The random numbers of nn.dropout, nn.random_normal and nn.random_uniform,
as the ops define them.

nn.dropout draws its mask, and nn.random_normal and nn.random_uniform their
samples, from a counter-based hash of the key and each element's row-major
linear index (ir/NNRandomOps.td states the functions), so golden data can
reproduce them exactly: PyTorch's own generator draws other numbers. Shared
by the golden-data scripts under test/ (import it after putting this
directory on sys.path).
"""

import numpy as np

_U64 = np.uint64


def _mix(z):
    """splitmix64's finalizer on an array of uint64, wrapping."""
    z = (z ^ (z >> _U64(30))) * _U64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> _U64(27))) * _U64(0x94D049BB133111EB)
    return z ^ (z >> _U64(31))


def _bits(key, count, draws, draw):
    """The 64 random bits of draw `draw` (of `draws`) for `count` elements."""
    with np.errstate(over="ignore"):
        seed = _mix(np.array([key], dtype=np.int64).view(np.uint64))
        counter = (np.arange(count, dtype=np.uint64) * _U64(draws)
                   + _U64(draw + 1))
        return _mix(seed + counter * _U64(0x9E3779B97F4A7C15))


def random_normal(key, shape):
    """The float64 samples of nn.random_normal with rank-0 i64 `key`."""
    count = int(np.prod(shape))
    u1 = ((_bits(key, count, 2, 0) >> _U64(11)).astype(np.float64) + 1) * 2.0 ** -53
    u2 = (_bits(key, count, 2, 1) >> _U64(11)).astype(np.float64) * 2.0 ** -53
    return (np.sqrt(-2 * np.log(u1)) * np.cos(2 * np.pi * u2)).reshape(shape)


_PRECISION = {np.dtype(np.float16): 11, np.dtype(np.float32): 24,
              np.dtype(np.float64): 53}


def random_uniform(key, shape, dtype=np.float32):
    """The samples of nn.random_uniform with rank-0 i64 `key`, as `dtype`
    (float16, float32 or float64; every sample is exact in it)."""
    precision = _PRECISION[np.dtype(dtype)]
    bits = _bits(key, int(np.prod(shape)), 1, 0) >> _U64(64 - precision)
    return (bits.astype(np.float64) * 2.0 ** -precision).astype(dtype).reshape(shape)


def keep_mask(key, shape, p):
    """A bool array of `shape`: True where nn.dropout with rank-0 i64 `key`
    and probability `p` keeps the element."""
    bits = _bits(key, int(np.prod(shape)), 1, 0)
    threshold = _U64(np.floor(np.ldexp(p, 53) + 0.5))  # std::llround
    return ((bits >> _U64(11)) >= threshold).reshape(shape)
