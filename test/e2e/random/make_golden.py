#!/usr/bin/python3
"""Expected samples of random.mlir: nn.random_normal and nn.random_uniform
as the ops define them (scripts/counter_random.py), checked to be standard
normal and uniform on [0, 1).

Writes data/{k1,k2}.npy and data/expected_<output>.npy here.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from counter_random import random_normal, random_uniform  # noqa: E402


def main():
    data = os.path.join(HERE, "data")
    os.makedirs(data, exist_ok=True)
    k1, k2 = 20261126, -7
    np.save(os.path.join(data, "k1.npy"), np.array(k1, np.int64))
    np.save(os.path.join(data, "k2.npy"), np.array(k2, np.int64))
    big = random_normal(k1, (64, 64))
    # 4096 samples: the mean within 4 standard errors of 0, the standard
    # deviation within 5% of 1.
    assert abs(big.mean()) < 4 / 64 and abs(big.std() - 1) < 0.05, big.std()
    uniform = random_uniform(k1, (64, 64))
    # Uniform on [0, 1): mean 1/2 and variance 1/12 within 4 standard
    # errors (sqrt(1/12)/64 and about 0.0012), every sample below 1.
    assert abs(uniform.mean() - 0.5) < 4 * 0.2887 / 64, uniform.mean()
    assert abs(uniform.var() - 1 / 12) < 0.005, uniform.var()
    assert uniform.min() >= 0 and uniform.max() < 1
    outputs = {"normal_k1": big.astype(np.float32),
               "normal_k2": random_normal(k2, (3, 5)).astype(np.float32),
               "normal_k2_flat": random_normal(k2, (15,)).astype(np.float32),
               "uniform_k1": uniform,
               "uniform_k2_f64": random_uniform(k2, (3, 5), np.float64),
               "uniform_k2_f16": random_uniform(k2, (15,), np.float16)
               .astype(np.float32)}
    for name, value in outputs.items():
        np.save(os.path.join(data, "expected_%s.npy" % name), value)


if __name__ == "__main__":
    main()
