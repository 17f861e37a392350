#!/usr/bin/python3
"""Checks an output a program printed against a .npy file.

Usage: check_printed.py PRINTED.txt NAME EXPECTED.npy [--rtol R] [--atol A]

PRINTED.txt holds the format that compiled models and the embedding example
print: a line `NAME: DTYPE SHAPE`, then one line of the values. Passes when
the shape matches and every value is within atol + rtol * |expected| (the
values are printed with 6 significant digits, so rtol should be >= 1e-5).
Exit status: 0 pass, 1 mismatch or missing output, 2 usage error.
"""

import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("printed")
    parser.add_argument("name")
    parser.add_argument("expected")
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("--atol", type=float, default=1e-6)
    args = parser.parse_args()

    with open(args.printed) as f:
        lines = f.read().splitlines()
    header = [i for i, line in enumerate(lines) if line.startswith(args.name + ": ")]
    if not header or header[0] + 1 >= len(lines):
        print(f"FAIL: no output '{args.name}' in {args.printed}")
        return 1
    shape_text = lines[header[0]].split()[-1]
    shape = () if shape_text == "scalar" else tuple(int(e) for e in shape_text.split("x"))
    values = np.array([float(v) for v in lines[header[0] + 1].split()])
    expected = np.load(args.expected)
    if shape != expected.shape or values.size != expected.size:
        print(f"FAIL: '{args.name}' has shape {shape} and {values.size} values, "
              f"expected {expected.shape}")
        return 1
    error = np.abs(values - expected.reshape(-1))
    bound = args.atol + args.rtol * np.abs(expected.reshape(-1))
    worst = int(np.argmax(error - bound))
    print(f"max abs error {error.max():.3g} at flat index {worst}")
    if np.any(error > bound):
        print(f"FAIL: value {values[worst]} vs expected {expected.reshape(-1)[worst]}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
