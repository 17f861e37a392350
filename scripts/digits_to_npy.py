#!/usr/bin/python3
"""Converts scikit-learn's 8x8 handwritten digits into .npy training data.

sklearn.datasets.load_digits ships with Debian's python3-sklearn (1,797
images, no download). Pixels (0..16) are scaled by 1/16 to float32 [N, 64];
labels are int64 [N]. A permutation seeded with --seed (default 0) holds out
20% of the images (the same split as test/e2e/mlp/make_golden.py):

  OUT/train_x.npy  float32 [1438, 64]    OUT/train_y.npy  int64 [1438]
  OUT/test_x.npy   float32 [359, 64]     OUT/test_y.npy   int64 [359]

Usage: /usr/bin/python3 scripts/digits_to_npy.py OUT_DIR [--seed S]
"""

import argparse
import os

import numpy as np
from sklearn.datasets import load_digits

HELD_OUT = 0.2


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", help="where the four .npy files go")
    parser.add_argument("--seed", type=int, default=0, help="split seed")
    args = parser.parse_args()

    digits = load_digits()
    images = (digits.data / 16.0).astype(np.float32)
    labels = digits.target.astype(np.int64)
    perm = np.random.RandomState(args.seed).permutation(len(images))
    n_train = int(round((1 - HELD_OUT) * len(images)))
    train, test = perm[:n_train], perm[n_train:]

    os.makedirs(args.out_dir, exist_ok=True)
    arrays = {
        "train_x": images[train], "train_y": labels[train],
        "test_x": images[test], "test_y": labels[test],
    }
    for name, array in arrays.items():
        np.save(os.path.join(args.out_dir, name + ".npy"), np.ascontiguousarray(array))
    print(f"digits: {len(train)} training and {len(test)} held-out images in {args.out_dir}")


if __name__ == "__main__":
    main()
