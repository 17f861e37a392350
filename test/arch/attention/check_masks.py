#!/usr/bin/python3
"""Checks the masks of the compiled arch/attention model on its own outputs.

Usage: check_masks.py OUT_DIR MEMORY_MASK.npy

OUT_DIR holds the *_weights.npy the compiled @forward wrote (the workdir of
arch/attention/forward). Every weight of a padded key (memory_mask 0) and,
in causal_weights, of a future step (key j > query i) must be exactly 0,
and every row of weights must sum to 1 (within 1e-6). Prints what it
checked; exit status 0 when all hold, 1 otherwise.
"""

import os
import sys

import numpy as np

WEIGHTS = ("additive_weights", "multiplicative_weights", "scaled_weights",
           "causal_weights")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out_dir, mask_path = sys.argv[1:]
    padded = np.load(mask_path) == 0  # [batch, keys]
    failures = []
    for name in WEIGHTS:
        w = np.load(os.path.join(out_dir, name + ".npy"))  # [batch, q, keys]
        blocked = np.broadcast_to(padded[:, None, :], w.shape)
        if name == "causal_weights":
            blocked = blocked | np.triu(np.ones(w.shape[1:], bool), 1)
        if np.any(w[blocked] != 0):
            failures.append("%s: a masked weight is not 0 (largest %g)"
                            % (name, np.abs(w[blocked]).max()))
        row_error = np.abs(w.sum(-1) - 1).max()
        if row_error > 1e-6:
            failures.append("%s: a row sums to 1 %+g" % (name, row_error))
        print("%s: %d masked weights all 0; rows sum to 1 within %.1e"
              % (name, blocked.sum(), row_error))
    for failure in failures:
        print("FAIL:", failure)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
