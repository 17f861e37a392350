#!/usr/bin/python3
"""Peak memory of the adjoint method against backpropagation through RK4.

Usage: check_adjoint_memory.py NNC MODEL.mlir WEIGHTS DATA_DIR WORK_DIR
                               STEPS_FEW STEPS_MANY

Writes MODEL.mlir with the RK4 step count (the constants marked `// steps`:
the count and h = 1/count) set to each of STEPS_FEW and STEPS_MANY, compiles
its @forward (which computes the gradients by the adjoint method) and its
@loss's gradient (--grad: backpropagation through the solver, which keeps
every step's values for the backward pass), runs each with --bench on the
inputs z0 and target of DATA_DIR and reads peak_rss_mib (VmHWM). Prints the
four figures and checks that going from STEPS_FEW to STEPS_MANY steps grows
the adjoint's peak by less than GROWTH_SLACK_MIB while backpropagation's
grows by more than that and by more than 10 times the adjoint's growth.
Exit status 0 when it holds, 1 otherwise.
"""

import os
import re
import subprocess
import sys

# What an unchanged footprint may drift by (allocator arenas, page rounding).
GROWTH_SLACK_MIB = 2.0


def variant(text, steps):
    """MODEL's text with `steps` RK4 steps of h = 1/steps."""
    text, counts = re.subn(r"arith\.constant \d+ : index  // steps",
                           "arith.constant %d : index  // steps" % steps, text)
    text, hs = re.subn(r"arith\.constant dense<[0-9.e+-]+> : tensor<f32>  // steps",
                       "arith.constant dense<%.9e> : tensor<f32>  // steps" % (1.0 / steps),
                       text)
    if counts != 2 or hs != 2:
        sys.exit("check_adjoint_memory.py: expected two step counts and two "
                 "step sizes marked '// steps', found %d and %d" % (counts, hs))
    return text


def peak_mib(nnc, source, weights, data, out, flags):
    subprocess.run([nnc, "compile", source, "--weights", weights, "-o", out] + flags,
                   check=True)
    run = subprocess.run([out, "--input", "z0=" + os.path.join(data, "z0.npy"),
                          "--input", "target=" + os.path.join(data, "target.npy"),
                          "--bench", "1"], check=True, capture_output=True, text=True)
    match = re.search(r"peak_rss_mib=([0-9.]+)", run.stdout)
    if not match:
        sys.exit("check_adjoint_memory.py: no peak_rss_mib in: " + run.stdout)
    return float(match.group(1))


def main():
    nnc, model, weights, data, work, few, many = sys.argv[1:8]
    with open(model) as f:
        text = f.read()
    os.makedirs(work, exist_ok=True)
    peaks = {}
    for steps in (int(few), int(many)):
        source = os.path.join(work, "neuralode_%d.mlir" % steps)
        with open(source, "w") as f:
            f.write(variant(text, steps))
        for method, flags in (("adjoint", []), ("backprop", ["--grad"])):
            out = os.path.join(work, "%s_%d" % (method, steps))
            peaks[method, steps] = peak_mib(nnc, source, weights, data, out, flags)
            print("neuralode steps=%d %s peak_rss_mib=%.1f"
                  % (steps, method, peaks[method, steps]))
    few, many = int(few), int(many)
    adjoint = peaks["adjoint", many] - peaks["adjoint", few]
    backprop = peaks["backprop", many] - peaks["backprop", few]
    print("growth from %d to %d steps: adjoint %+.1f MiB, backprop %+.1f MiB"
          % (few, many, adjoint, backprop))
    if adjoint >= GROWTH_SLACK_MIB:
        print("FAIL: the adjoint's peak memory grows with the number of steps")
        return 1
    if backprop <= GROWTH_SLACK_MIB or backprop <= 10 * max(adjoint, 0.0):
        print("FAIL: backpropagation's peak memory does not grow with the steps")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
