#!/usr/bin/python3
"""Tests of compare_npy.py (ctest e2e/compare-npy): tolerances apply to
float arrays only; integer and bool arrays must be equal exactly, int64
values beyond float64's 53-bit mantissa included; the command line exits 0
on a match and 1 on a mismatch."""

import os
import subprocess
import sys
import tempfile
import unittest

import numpy as np

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare_npy  # noqa: E402


def compare(actual, expected, rtol=1e-5, atol=1e-6):
    return compare_npy.compare(np.asarray(actual), np.asarray(expected), rtol, atol)


class CompareTest(unittest.TestCase):
    def test_floats_within_tolerance_pass(self):
        self.assertIsNone(compare(np.float32([1.0, 2.0]),
                                  np.float32([1.000001, 2.0])).failure)

    def test_floats_beyond_tolerance_fail(self):
        failure = compare(np.float32([1.0, 2.0]), np.float32([1.1, 2.0])).failure
        self.assertIn("1 of 2 elements differ", failure)

    def test_equal_integers_pass(self):
        result = compare(np.int64([[3, 0], [11, 7]]), np.int64([[3, 0], [11, 7]]))
        self.assertIsNone(result.failure)
        self.assertEqual(result.note, "integer arrays equal")

    def test_integers_within_float_tolerance_still_fail(self):
        # |1000001 - 1000000| <= atol + rtol * 1e6 = 10: a tolerance would pass it.
        failure = compare(np.int64([5, 1000001]), np.int64([5, 1000000])).failure
        self.assertEqual(failure, "1 of 2 integers differ; first at index [1] "
                                  "(actual 1000001, expected 1000000)")

    def test_int64_beyond_float64_mantissa_fail(self):
        big = 2 ** 53
        self.assertEqual(float(big), float(big + 1))
        self.assertIsNotNone(compare(np.int64([big + 1]), np.int64([big])).failure)

    def test_int32_compared_exactly(self):
        self.assertIsNotNone(compare(np.int32([2, 4]), np.int32([2, 5]),
                                     rtol=1.0, atol=1.0).failure)

    def test_integer_dtypes_must_agree(self):
        failure = compare(np.int32([1]), np.int64([1])).failure
        self.assertEqual(failure, "dtype int32 != expected int64")

    def test_bools_compared_exactly(self):
        self.assertIsNotNone(compare(np.bool_([True, False]),
                                     np.bool_([True, True])).failure)


class CommandLineTest(unittest.TestCase):
    def run_compare(self, actual, expected):
        with tempfile.TemporaryDirectory() as tmp:
            paths = []
            for name, value in (("actual", actual), ("expected", expected)):
                paths.append(os.path.join(tmp, name + ".npy"))
                np.save(paths[-1], value)
            return subprocess.run([sys.executable, os.path.join(HERE, "compare_npy.py"),
                                   *paths], capture_output=True, text=True)

    def test_equal_token_ids_exit_0(self):
        run = self.run_compare(np.int64([[1, 2, 3]]), np.int64([[1, 2, 3]]))
        self.assertEqual(run.returncode, 0, run.stdout)
        self.assertIn("PASS (integer arrays equal)", run.stdout)

    def test_different_token_ids_exit_1(self):
        run = self.run_compare(np.int64([[1, 2, 3]]), np.int64([[1, 2, 4]]))
        self.assertEqual(run.returncode, 1, run.stdout)
        self.assertIn("FAIL: 1 of 3 integers differ; first at index [0, 2]", run.stdout)


if __name__ == "__main__":
    unittest.main()
