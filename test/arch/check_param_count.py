#!/usr/bin/python3
"""ctest arch/{lstm,gru}/parameter-count: a gated cell's parameter count.

  check_param_count.py WEIGHTS PREFIX GATES INPUTS HIDDEN
                       [OTHER_WEIGHTS OTHER_PREFIX RATIO]

Counts the elements of the tensors named PREFIX* in the safetensors file
WEIGHTS (the weights the compiled model loads) and checks that they are
GATES * (n h + n^2 + n) for h = INPUTS and n = HIDDEN: per gate an input
matrix, a recurrent matrix and one bias. With the optional arguments it also
checks that the count is RATIO times that of OTHER_PREFIX* in OTHER_WEIGHTS
(a GRU has 3/4 of an LSTM's). Prints the counts; exits 1 on a mismatch.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "scripts"))
import safetensors_io  # noqa: E402


def count(weights, prefix):
    """The number of elements of the tensors named prefix* in weights."""
    tensors = safetensors_io.load(weights)
    return sum(int(np.prod(v.shape)) for k, v in tensors.items() if k.startswith(prefix))


def main():
    args = sys.argv[1:]
    if len(args) not in (5, 8):
        print(__doc__)
        return 2
    weights, prefix = args[0], args[1]
    gates, h, n = (int(a) for a in args[2:5])
    got, want = count(weights, prefix), gates * (n * h + n * n + n)
    print("%s*: %d parameters; %d(nh + n^2 + n) = %d for h = %d, n = %d"
          % (prefix, got, gates, want, h, n))
    ok = got == want
    if len(args) == 8:
        other = count(args[5], args[6])
        ratio = float(args[7])
        print("%s* / %s* = %d / %d = %g (expected %g)"
              % (prefix, args[6], got, other, got / other, ratio))
        ok = ok and got == ratio * other
    if not ok:
        print("FAIL: parameter count differs")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
