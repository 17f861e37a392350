#!/usr/bin/python3
"""Expected samples of random_normal.mlir: nn.random_normal as the op
defines it (scripts/counter_random.py), checked to be standard normal.

Writes data/{k1,k2}.npy and data/expected_<output>.npy here.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
from counter_random import random_normal  # noqa: E402


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
    outputs = {"normal_k1": big, "normal_k2": random_normal(k2, (3, 5)),
               "normal_k2_flat": random_normal(k2, (15,))}
    for name, value in outputs.items():
        np.save(os.path.join(data, "expected_%s.npy" % name),
                value.astype(np.float32))


if __name__ == "__main__":
    main()
