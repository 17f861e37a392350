#!/usr/bin/python3
"""Compares the tensors of two safetensors files, like numpy.allclose.

Usage: compare_safetensors.py ACTUAL EXPECTED [--rtol R] [--atol A]

Passes when both hold the same tensor names and every tensor passes
test/e2e/compare_npy.py's comparison: equal shapes and dtypes and, for every
element, |actual - expected| <= atol + rtol * |expected| (NaN matches NaN and
an infinity the same infinity). Prints the largest error of each tensor, then
PASS or FAIL: reason. Exit status: 0 pass, 1 mismatch, 2 usage error or an
unreadable file.
"""

import os
import sys

sys.dont_write_bytecode = True  # keep scripts/ and test/e2e/ free of __pycache__
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import compare_npy  # noqa: E402  (test/e2e/compare_npy.py)
import safetensors_io  # noqa: E402  (scripts/safetensors_io.py)


def load(path, what):
    try:
        return safetensors_io.load(path)
    except (OSError, ValueError) as e:
        print(f"compare_safetensors: cannot read {what} file {path}: {e}", file=sys.stderr)
        sys.exit(2)


def main():
    args = compare_npy.parse_command_line(__doc__)
    actual = load(args.actual, "actual")
    expected = load(args.expected, "expected")
    if sorted(actual) != sorted(expected):
        print(f"FAIL: tensors {sorted(actual)} != expected {sorted(expected)}")
        return 1
    failures = []
    for name in expected:
        result = compare_npy.compare(actual[name], expected[name], args.rtol, args.atol)
        if result.detail or result.note:
            print(f"{name}: {result.detail or result.note}")
        if result.failure:
            failures.append(f"{name}: {result.failure}")
    if failures:
        print("FAIL: " + "; ".join(failures))
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
