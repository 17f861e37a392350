#!/usr/bin/python3
"""Compares two .npy arrays elementwise, like numpy.allclose.

Usage: compare_npy.py ACTUAL.npy EXPECTED.npy [--rtol R] [--atol A]

Passes when shapes and dtypes are equal and, for every element,
|actual - expected| <= atol + rtol * |expected|; NaN matches NaN and an
infinity matches the same infinity. Integer arrays (token ids, class
indices, i32/i64 results) must be equal element for element: the tolerances
apply to floating-point arrays only. Bool arrays (i1 tensors) must be equal
element for element, and every byte of one must be 0 or 1 as numpy writes
them (a compiled model that stored an i1 as another byte wrote a value that
numpy and C both misread). Prints
  max abs error E at index I (actual a, expected e)
then PASS or FAIL: reason. Exit status: 0 pass, 1 mismatch, 2 usage error or a
missing/unreadable file.

compare_safetensors.py compares each tensor of a safetensors file with the
same routine (compare) and takes the same command line (parse_command_line).
"""

import argparse
import sys
from typing import NamedTuple, Optional

import numpy as np


class Comparison(NamedTuple):
    """What compare() found: `failure`, why the arrays do not match (None when
    they do); `detail`, the line on the largest error of numeric arrays;
    `note`, what a pass rests on when no tolerance was involved ("empty
    arrays")."""
    failure: Optional[str] = None
    detail: Optional[str] = None
    note: Optional[str] = None


def parse_command_line(doc):
    """ACTUAL EXPECTED [--rtol R] [--atol A], described by the first paragraph
    of the script's docstring `doc`."""
    p = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    p.add_argument("actual")
    p.add_argument("expected")
    p.add_argument("--rtol", type=float, default=1e-5)
    p.add_argument("--atol", type=float, default=1e-6)
    return p.parse_args()


def load(path, what):
    try:
        with open(path, "rb") as f:
            if f.read(6) != b"\x93NUMPY":
                raise ValueError("not a .npy file (bad magic)")
        return np.load(path, allow_pickle=False)
    except FileNotFoundError:
        err = "no such file"
    except (OSError, ValueError, EOFError) as e:
        err = str(e) or type(e).__name__
    print(f"compare_npy: cannot read {what} file {path}: {err}", file=sys.stderr)
    sys.exit(2)


def compare_bools(actual, expected):
    """Exact comparison of bool arrays that also rejects bytes other than 0
    and 1, which numpy would read as True without saying so."""
    for array, what in ((actual, "actual"), (expected, "expected")):
        stray = array.view(np.uint8) > 1
        if stray.any():
            i = tuple(int(k) for k in np.argwhere(stray)[0])
            return Comparison(f"{what} bool array holds byte "
                              f"{int(array.view(np.uint8)[i])} at index {list(i)} "
                              f"({int(stray.sum())} of {array.size} bytes are not 0 or 1)")
    differ = actual != expected
    if not differ.any():
        return Comparison(note="bool arrays equal")
    i = tuple(int(k) for k in np.argwhere(differ)[0])
    return Comparison(f"{int(differ.sum())} of {actual.size} bools differ; first at "
                      f"index {list(i)} (actual {actual[i]!r}, expected {expected[i]!r})")


def compare_integers(actual, expected):
    """Exact comparison of integer arrays (no tolerance, and no detour
    through float64, which cannot tell apart int64 values above 2^53)."""
    differ = actual != expected
    if not differ.any():
        return Comparison(note="integer arrays equal")
    i = tuple(int(k) for k in np.argwhere(differ)[0])
    return Comparison(f"{int(differ.sum())} of {actual.size} integers differ; first at "
                      f"index {list(i)} (actual {actual[i]!r}, expected {expected[i]!r})")


def compare(actual, expected, rtol, atol):
    """Compares array `actual` with `expected` as the module docstring says;
    returns a Comparison."""
    if actual.shape != expected.shape:
        return Comparison(f"shape {actual.shape} != expected {expected.shape}")
    if actual.dtype != expected.dtype:
        return Comparison(f"dtype {actual.dtype} != expected {expected.dtype}")
    if actual.size == 0:
        return Comparison(note="empty arrays")

    if actual.dtype == np.bool_:
        return compare_bools(actual, expected)
    if actual.dtype.kind in "iu":
        return compare_integers(actual, expected)
    if actual.dtype.kind in "fc":
        a = actual.astype(np.complex128 if actual.dtype.kind == "c" else np.float64)
        e = expected.astype(a.dtype)
    else:
        ok = np.array_equal(actual, expected)
        return Comparison(None if ok else f"{actual.dtype} arrays differ")

    close = np.isclose(a, e, rtol=rtol, atol=atol, equal_nan=True)
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.where(a == e, 0.0, np.abs(a - e))  # equal infinities: 0
    # Rank elements by error; a NaN/inf mismatch counts as the largest error.
    both_nan = np.isnan(a) & np.isnan(e)
    rank = np.where(both_nan, -1.0, np.where(np.isnan(diff), np.inf, diff))

    def argmax_index(values):
        return tuple(int(i) for i in np.unravel_index(int(np.argmax(values)), a.shape))

    def show(i):
        return f"index {list(i)} (actual {actual[i]!r}, expected {expected[i]!r})"

    idx = argmax_index(rank)
    err = 0.0 if both_nan[idx] else diff[idx]
    detail = f"max abs error {err:.6g} at {show(idx)}"
    if close.all():
        return Comparison(detail=detail)
    n_bad = int((~close).sum())
    bad = argmax_index(np.where(close, -1.0, rank))
    return Comparison(f"{n_bad} of {a.size} elements differ by more than "
                      f"atol={atol:g} + rtol={rtol:g}*|expected|; worst at {show(bad)}",
                      detail)


def main():
    args = parse_command_line(__doc__)
    result = compare(load(args.actual, "actual"), load(args.expected, "expected"),
                     args.rtol, args.atol)
    if result.detail:
        print(result.detail)
    if result.failure:
        print(f"FAIL: {result.failure}")
        return 1
    print(f"PASS ({result.note})" if result.note else "PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
