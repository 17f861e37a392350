#!/usr/bin/python3
"""ctest arch/hopfield/energy-decreases: the compiled Hopfield dynamics.

Usage: check_energy.py OUT_DIR WEIGHTS

OUT_DIR holds energy.npy ([updates + 1, probes]: the energy -1/2 s^T W s of
every probe before and after each asynchronous update) and recalled.npy,
written by the compiled @forward of models/arch/hopfield.mlir (the workdir
of arch/hopfield/forward); WEIGHTS is its hopfield.safetensors. Checks, on
nnc's numbers: no update increases a probe's energy (exactly: the energies
are sums of multiples of 1/64, exact in float32); the last energy of every
probe is that of the state it recalls, -1/2 s^T W s; and every probe is
recalled as the pattern it was made from (probe b is pattern b with units
flipped). Prints what it checked; exit status
0 when all hold, 1 otherwise.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "scripts"))
import safetensors_io  # noqa: E402


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    out_dir, weights_path = sys.argv[1:]
    weights = safetensors_io.load(weights_path)
    w = weights["weight"].astype(np.float64)
    patterns = weights["patterns"]
    energy = np.load(os.path.join(out_dir, "energy.npy"))
    recalled = np.load(os.path.join(out_dir, "recalled.npy"))
    failures = []
    rises = np.argwhere(energy[1:] > energy[:-1])
    if len(rises):
        t, probe = rises[0]
        failures.append("update %d raised the energy of probe %d from %g to %g"
                        % (t, probe, energy[t, probe], energy[t + 1, probe]))
    print("energy never increases over %d updates of %d probes: %s to %s"
          % (energy.shape[0] - 1, energy.shape[1], energy[0].tolist(),
             energy[-1].tolist()))
    final = -0.5 * np.einsum("bi,ij,bj->b", recalled, w, recalled)
    if not np.array_equal(final, energy[-1]):
        failures.append("the last energies %s are not those of the recalled states %s"
                        % (energy[-1].tolist(), final.tolist()))
    for probe, state in enumerate(recalled):
        if not np.array_equal(state, patterns[probe]):
            failures.append("probe %d is not recalled as pattern %d" % (probe, probe))
    for failure in failures:
        print("FAIL: " + failure)
    if not failures:
        print("PASS: every probe recalled its pattern")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
