#!/usr/bin/python3
"""Fails unless every differentiable op of the nn dialect has a grad/ test.

Reads the generated op reference (build/ir/NNOps.md) and lists every op
that implements GradientOpInterface, plus the ops the autodiff pass
differentiates itself (nn.scan, nn.grad); each needs test/grad/<op>.mlir.

  check_coverage.py NNOps.md TEST_DIR
"""

import os
import re
import sys

# Differentiated by nnc-autodiff rather than by a rule of their own.
DIFFERENTIATED_BY_THE_PASS = {"scan", "grad"}


def differentiable_ops(reference):
    ops, current = set(), None
    with open(reference) as f:
        for line in f:
            heading = re.match(r"### `nn\.(\w+)`", line)
            if heading:
                current = heading.group(1)
            elif line.startswith("Interfaces:") and "`GradientOpInterface`" in line:
                ops.add(current)
    return ops | DIFFERENTIATED_BY_THE_PASS


def main():
    reference, tests = sys.argv[1], sys.argv[2]
    missing = sorted(op for op in differentiable_ops(reference)
                     if not os.path.exists(os.path.join(tests, op + ".mlir")))
    if missing:
        print("FAIL: differentiable ops without a gradient test "
              "(test/grad/<op>.mlir): " + " ".join(missing))
        return 1
    print("every differentiable op has a gradient test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
