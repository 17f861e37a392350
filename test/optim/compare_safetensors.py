#!/usr/bin/python3
"""Compares the tensors of two safetensors files, like numpy.allclose.

Usage: compare_safetensors.py ACTUAL EXPECTED [--rtol R] [--atol A]

Passes when both hold the same tensor names with equal shapes and dtypes and,
for every element, |actual - expected| <= atol + rtol * |expected|. Prints the
largest error of each tensor, then PASS or FAIL: reason. Exit status: 0 pass,
1 mismatch, 2 usage error or an unreadable file.
"""

import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True  # keep scripts/ free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)


def load(path, what):
    try:
        return safetensors_io.load(path)
    except (OSError, ValueError) as e:
        print(f"compare_safetensors: cannot read {what} file {path}: {e}", file=sys.stderr)
        sys.exit(2)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("actual")
    p.add_argument("expected")
    p.add_argument("--rtol", type=float, default=1e-5)
    p.add_argument("--atol", type=float, default=1e-6)
    args = p.parse_args()

    actual = load(args.actual, "actual")
    expected = load(args.expected, "expected")
    if sorted(actual) != sorted(expected):
        print(f"FAIL: tensors {sorted(actual)} != expected {sorted(expected)}")
        return 1
    failures = []
    for name in expected:
        a, e = actual[name], expected[name]
        if a.shape != e.shape or a.dtype != e.dtype:
            failures.append(f"{name} is {a.dtype}{list(a.shape)}, expected {e.dtype}{list(e.shape)}")
            continue
        error = np.abs(a.astype(np.float64) - e.astype(np.float64))
        bound = args.atol + args.rtol * np.abs(e.astype(np.float64))
        worst = np.unravel_index(np.argmax(error - bound), error.shape) if error.size else None
        print(f"{name}: max abs error {error.max() if error.size else 0:.3g}"
              + (f" (at {tuple(int(i) for i in worst)}: {a[worst]!r} vs {e[worst]!r})" if error.size else ""))
        if not np.all(error <= bound):
            failures.append(f"{name}: {int(np.sum(error > bound))} of {error.size} elements "
                            f"beyond atol {args.atol} + rtol {args.rtol}")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
